"""REST: the search page's search (GET @sok) and the as-you-type
suggestions (GET @sok-forslag). See docs/rest.md."""

from plone.restapi.services import Service
from solna.intranet.rest import listing
from solna.intranet.search.engine import clean_filters
from solna.intranet.search.engine import FACETS
from solna.intranet.search.engine import search
from solna.intranet.search.suggest import suggest
from solna.intranet.search.views import first
from solna.intranet.search.views import recorded
from solna.intranet.search.views import start_of


class SearchGet(Service):
    """GET @sok?q=…&type=…&unit=…&category=…&date=…&b_start=…&b_size=…"""

    def reply(self):
        form = self.request.form
        text = first(form.get("q")).strip()
        filters = clean_filters({name: first(form.get(name)) for name in FACETS})
        start = start_of(form.get("b_start"))
        size = min(start_of(form.get("b_size")) or 20, 100)
        exact = bool(first(form.get("exakt")))
        if not text:
            return listing(
                self.context,
                "@sok",
                [],
                items_total=0,
                facets={name: [] for name in FACETS},
                suggestion=None,
                corrected=False,
                relaxed=False,
            )
        results = search(text, filters, start, size, correct=not exact)
        if not start and not filters and "b_start" not in form:
            recorded(text, results)
        return listing(
            self.context,
            "@sok",
            results.items,
            items_total=results.total,
            b_start=start,
            b_size=size,
            facets=results.facets,
            suggestion=results.suggestion,
            corrected=results.corrected,
            relaxed=results.relaxed,
        )


class SuggestGet(Service):
    """GET @sok-forslag?q=…: up to 5 people and 5 pages (not counted)."""

    def reply(self):
        return listing(
            self.context, "@sok-forslag", suggest(first(self.request.form.get("q")))
        )
