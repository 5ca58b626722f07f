"""The search page (Sök): ``@@search`` for the add-on's layer, so the
header's search box lands here. Server-rendered: facets are links, paging
is links, the as-you-type suggestions (static/suggest.js) only add to a
field that submits without them."""

from datetime import datetime
from plone import api
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.dates import display_date
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import normalized
from solna.intranet.organisation.directory import tel
from solna.intranet.organisation.phones import call
from solna.intranet.search.analysis import cleaned
from solna.intranet.search.engine import clean_filters
from solna.intranet.search.engine import FACETS
from solna.intranet.search.engine import MAX_TEXT
from solna.intranet.search.engine import PERSON
from solna.intranet.search.engine import search
from solna.intranet.stats.store import record_search
from urllib.parse import urlencode
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer

import re


PAGE_SIZE = 20

FACET_TITLES = {
    "type": _("search_facet_type", default="Type"),
    "unit": _("search_facet_unit", default="Administration"),
    "category": _("search_facet_category", default="Category"),
    "date": _("search_facet_date", default="Date"),
}


def first(value):
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def start_of(value):
    try:
        return max(int(first(value) or 0), 0)
    except ValueError:
        return 0


def recorded(text, results):
    """Count a search a person made (stats; who searched is not kept)."""
    if not re.search(r"\w", text or ""):
        return  # only punctuation: nothing anyone could write an answer to
    # A misspelling whose correction found something is no missing answer.
    record_search(text, results.total)


@implementer(IToolPage)
class SearchView(BrowserView):
    """Sökresultat: the engine's results, facets, "Menade du …?"."""

    tel = staticmethod(tel)
    call = call
    PERSON = PERSON

    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        form = self.request.form
        # As the engine reads it (a long paste is not printed whole).
        self.text = normalized(cleaned(first(form.get("SearchableText"))))
        self.text = self.text.strip()[:MAX_TEXT]
        self.filters = clean_filters({name: first(form.get(name)) for name in FACETS})
        self.start = start_of(form.get("b_start"))
        self.exact = bool(first(form.get("exakt")))
        self.results = None
        if self.text:
            self.results = search(
                self.text,
                self.filters,
                self.start,
                PAGE_SIZE,
                correct=not self.exact,
            )
            if not self.start and not self.filters:
                recorded(self.text, self.results)

    def t(self, message):
        return translate(message, context=self.request)

    def url(self, text=None, filters=None, start=0, exact=None):
        params = {"SearchableText": self.text if text is None else text}
        params.update(self.filters if filters is None else filters)
        if self.exact if exact is None else exact:
            params["exakt"] = "1"
        if start:
            params["b_start"] = start
        portal = api.portal.get().absolute_url()
        return f"{portal}/@@search?{urlencode(params)}"

    def facet_url(self, name, value):
        """The page with ``value`` chosen for the facet, or not chosen any
        more when it was."""
        filters = dict(self.filters)
        if filters.get(name) == value:
            del filters[name]
        else:
            filters[name] = value
        return self.url(filters=filters)

    def facets(self):
        """[{"name", "title", "entries"}] of the facets with values."""
        if self.results is None:
            return []
        found = []
        for name in FACETS:
            entries = self.results.facets.get(name) or []
            if entries:
                found.append(
                    {
                        "name": name,
                        "title": self.t(FACET_TITLES[name]),
                        "entries": entries,
                    }
                )
        return found

    def chosen(self):
        """The chosen filters: [{"title", "url" (without it)}]."""
        found = []
        for facet in self.facets():
            for entry in facet["entries"]:
                if entry["selected"]:
                    found.append(
                        {
                            "title": f"{facet['title']}: {entry['title']}",
                            "url": self.facet_url(facet["name"], entry["value"]),
                        }
                    )
        return found

    def heading(self):
        if not self.text:
            return self.t(_("search_heading_empty", default="Search"))
        return self.t(
            Message(
                _("search_heading", default="Search results for “${text}”"),
                mapping={"text": self.shown_text()},
            )
        )

    def shown_text(self):
        """What the results are for (the suggestion when corrected)."""
        if self.results is not None and self.results.corrected:
            return self.results.suggestion
        return self.text

    def count(self):
        """ "12 träffar", announced (role=status)."""
        total = self.results.total if self.results is not None else 0
        if not total:
            return self.t(
                Message(
                    _("search_count_none", default="No results for “${text}”."),
                    mapping={"text": self.text},
                )
            )
        message = (
            _("search_count_one", default="1 result")
            if total == 1
            else _("search_count", default="${count} results")
        )
        return self.t(Message(message, mapping={"count": str(total)}))

    def date(self, item):
        if not item.get("effective"):
            return ""
        return display_date(datetime.fromisoformat(item["effective"]), self.request)

    def pages(self):
        """{"previous": url or None, "next": url or None, "shown": text}."""
        results = self.results
        if results is None or results.total <= PAGE_SIZE:
            return None
        end = min(self.start + PAGE_SIZE, results.total)
        text = self.shown_text()
        return {
            "previous": (
                self.url(text=text, start=max(self.start - PAGE_SIZE, 0))
                if self.start
                else None
            ),
            "next": self.url(text=text, start=end) if end < results.total else None,
            "shown": self.t(
                Message(
                    _("search_shown", default="${first}–${last} of ${total}"),
                    mapping={
                        "first": str(self.start + 1),
                        "last": str(end),
                        "total": str(results.total),
                    },
                )
            ),
        }

    def suggest_url(self):
        return f"{api.portal.get().absolute_url()}/++api++/@sok-forslag"

    def script_url(self):
        return f"{api.portal.get().absolute_url()}/++plone++solna.search/suggest.js"

    def style_url(self):
        return f"{api.portal.get().absolute_url()}/++plone++solna.search/search.css"
