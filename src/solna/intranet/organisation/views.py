"""Pages of the organisation: the unit page, the person card and its vCard,
Hitta kontakt (the directory) and the organisation tree."""

from AccessControl import getSecurityManager
from operator import attrgetter
from operator import itemgetter
from plone import api
from plone.memoize import ram
from plone.memoize.view import memoize
from Products.Five import BrowserView
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import in_window
from solna.intranet.catalog import release_records
from solna.intranet.catalog import search
from solna.intranet.catalog import viewer_key
from solna.intranet.catalog import window
from solna.intranet.dates import request_language
from solna.intranet.interfaces import ICommentCounts
from solna.intranet.interfaces import IToolPage
from solna.intranet.organisation.directory import search_directory
from solna.intranet.organisation.directory import suggestion as did_you_mean
from solna.intranet.organisation.directory import tel
from solna.intranet.organisation.managers import manager_person
from solna.intranet.organisation.phones import call
from solna.intranet.organisation.phones import call_label
from solna.intranet.organisation.tree import nested
from solna.intranet.organisation.tree import UNIT
from solna.intranet.vocabularies import professions
from solna.intranet.vocabularies import title_of
from solna.intranet.vocabularies import unit_kinds
from urllib.parse import quote_plus
from urllib.parse import urlencode
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import implementer

import time


class UnitView(BrowserView):
    """Enhet: about, contacts, manager, opening hours, address, sub-units,
    people and the unit's latest news. Listings come from the catalog
    without ``effectiveRange`` (Plone's own search made every listing read
    the publishing dates of the whole site: at 20,000 news the unit page's
    largest cost, issue 21), worked out once per catalog change and kept
    for readers with the same rights (``_people``, ``_listings``); each
    page checks the publishing windows at its own time."""

    tel = staticmethod(tel)
    call = call

    def kind(self):
        return title_of(unit_kinds, self.context.kind, self.request)

    def manager(self):
        """The manager, unless the reader may not see that person."""
        person = manager_person(self.context)
        if person is None or not getSecurityManager().checkPermission("View", person):
            return None
        return person

    def map_url(self):
        address = (self.context.visiting_address or "").strip()
        if not address:
            return None
        return "https://www.openstreetmap.org/search?query=" + quote_plus(
            " ".join(address.split())
        )

    def _path(self, depth=None):
        path = {"query": "/".join(self.context.getPhysicalPath())}
        if depth is not None:
            path["depth"] = depth
        return path

    def sub_units(self):
        """The units directly inside this one that the reader may see and
        that are in effect, by title: ``Listed`` rows (``_listings``)."""
        rows, _news, _full = self._listings()
        return self._in_effect(rows)

    @memoize
    def _listings(self):
        """``_listings`` for this page (asked by two listings)."""
        return _listings(self)

    @memoize
    def _sees_inactive(self):
        """``_allow_inactive`` for this page's unit."""
        return _allow_inactive(self.context)

    def _in_effect(self, rows, window=attrgetter("window")):
        """``rows`` in their publishing window now (``window(row)``, a
        ``catalog.window``), or all of them for a reader who may see
        inactive content here: a list."""
        if not rows or self._sees_inactive():
            return list(rows)
        now = time.time()
        return [row for row in rows if in_window(window(row), now)]

    def people(self):
        """The unit's people the reader may see and that are in effect, by
        name, each a dict of what the page shows (from the catalog):
        ``url``, ``name``, ``job_title``, and ``phones``: [{"number",
        "href" (tel:), "label" ("Ring …, mobil …")}].

        The list is worked out once per ``people_key`` (``_people``) and
        shared by the readers with the same rights; only the publishing
        window is checked per page. At 20,000 news and 5,000 people the
        hundred people of a preschool were a fifth of its unit page, and
        their catalog records (the whole metadata bucket of each, ~100 KB)
        were held by every thread's database connection (issue 21)."""
        return self._in_effect(_people(self), itemgetter("window"))

    @memoize
    def shown_people(self):
        """What the page lists of ``people``: {"rows": the first
        ``PEOPLE_SHOWN`` by name, or all of them when the address asks
        (``?medarbetare=alla``, the link under the list), "total": how many
        the reader may see, "hidden": how many are left out}. The page does
        not grow with the unit's people (issue 21: 113 people were 55 KB,
        60 % of a preschool's page); Hitta kontakt searches them all."""
        rows = self.people()
        total = len(rows)
        if self.request.form.get(ALL_PEOPLE) != "alla":
            rows = rows[:PEOPLE_SHOWN]
        return {"rows": rows, "total": total, "hidden": total - len(rows)}

    def all_people_url(self):
        """This page with all of the unit's people, at the list."""
        return f"{self.context.absolute_url()}?{ALL_PEOPLE}=alla#medarbetare"

    def news(self):
        """The unit's latest news (anywhere under it) that the reader may
        see and that are in effect, newest first, at most ``NEWS_SHOWN``:
        ``Listed`` rows, from the candidates ``_listings`` keeps; a search
        when too many of those are out of their window to fill the list."""
        _units, candidates, full = self._listings()
        found = self._in_effect(candidates)[:NEWS_SHOWN]
        if len(found) < NEWS_SHOWN and full:
            found = [
                Listed.of(brain)
                for brain in search(
                    limit=NEWS_SHOWN,
                    path=self._path(),
                    portal_type="News Item",
                    sort_on="effective",
                    sort_order="descending",
                )
            ]
        counter = queryUtility(ICommentCounts)
        self._counts = counter([row.getPath() for row in found]) if counter else {}
        return found

    def comment_count(self, row):
        """The published comments on a news item listed by ``news``."""
        return self._counts.get(row.getPath(), 0)


#: How many of the unit's latest news its page lists, and how many
#: candidates (in effect or not) ``_listings`` keeps to fill them from.
NEWS_SHOWN = 5
NEWS_CANDIDATES = 15


class Listed:
    """A unit or news item as the unit page lists it, kept between pages
    (a catalog brain is bound to one request's database connection):
    ``Title``, ``phone``, ``window`` (``catalog.window``), ``getURL()``
    and ``getPath()`` as a brain answers them."""

    __slots__ = ("Title", "_path", "_url", "phone", "window")

    def __init__(self, title, phone, window, url, path):
        self.Title = title
        self.phone = phone
        self.window = window
        self._url = url
        self._path = path

    @classmethod
    def of(cls, brain):
        """The row of a catalog brain of a unit or news item (``phone``
        "" for an item without one)."""
        return cls(
            brain.Title,
            getattr(brain, "phone", None) or "",
            window(brain),
            brain.getURL(),
            brain.getPath(),
        )

    def getURL(self):
        return self._url

    def getPath(self):
        return self._path


def listings_key(method, view):
    """What a unit page's sub-units and news depend on: the unit, its
    address (virtual hosting), who asks as far as the catalog's answers
    about units and news differ (``viewer_key``), the catalog's counter.
    No minute: the publishing window is checked per page."""
    unit = view.context
    return (
        "/".join(unit.getPhysicalPath()),
        unit.absolute_url(),
        viewer_key(UNIT, "News Item"),
        catalog_counter(),
    )


@ram.cache(listings_key)
def _listings(view):
    """(sub-units, news candidates, whether the candidates are all there
    were room for): the unit's units directly inside it by title and its
    ``NEWS_CANDIDATES`` latest news by date (scheduled ones first), in
    effect or not, as ``Listed`` rows. Worked out once per catalog change
    and shared by readers with the same rights (issue 21: the two searches
    were 7 % of a preschool's page); tuples, never changed after this."""
    catalog = api.portal.get_tool("portal_catalog")
    units = catalog.searchResults(
        show_inactive=True,
        path=view._path(depth=1),
        portal_type=UNIT,
        sort_on="sortable_title",
    )
    news = catalog.searchResults(
        show_inactive=True,
        path=view._path(),
        portal_type="News Item",
        sort_on="effective",
        sort_order="descending",
        sort_limit=NEWS_CANDIDATES,
    )[:NEWS_CANDIDATES]
    return (
        tuple(Listed.of(b) for b in units),
        tuple(Listed.of(b) for b in news),
        len(news) == NEWS_CANDIDATES,
    )


#: How many of a unit's people its page lists before "Visa alla" (about a
#: preschool's staff; Plone's listings show 20 a page).
PEOPLE_SHOWN = 30
#: The query parameter that lists them all: ``?medarbetare=alla``.
ALL_PEOPLE = "medarbetare"


def _allow_inactive(unit):
    """May the reader see what is not in effect in ``unit`` (a Chef or
    Redaktör of the unit, a Webbredaktör), as the catalog asks it for a
    search under the unit's path?"""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.allow_inactive({"path": "/".join(unit.getPhysicalPath())})


def people_key(method, view):
    """What a unit's people list depends on: the unit, its address (virtual
    hosting), who asks as far as the catalog's answers about people differ
    (``viewer_key``: roles, groups, her own id where a person grants it),
    the catalog's counter (any change of the site's content) and the
    language of the call labels. No minute: the publishing window is
    checked per page (``UnitView.people``)."""
    unit = view.context
    return (
        "/".join(unit.getPhysicalPath()),
        unit.absolute_url(),
        viewer_key("solna.Person"),
        catalog_counter(),
        request_language(view.request),
    )


@ram.cache(people_key)
def _people(view):
    """The rows of ``UnitView.people`` for every person of the unit the
    reader may see, in effect or not, each with its ``window``
    (``catalog.window``) for the page to check. A tuple of dicts, shared
    by readers: never changed after this."""
    unit = view.context
    language = request_language(view.request)
    base = unit.absolute_url()
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.searchResults(
        show_inactive=True,
        path=view._path(depth=1),
        portal_type="solna.Person",
        sort_on="sortable_title",
    )
    rows = []
    for brain in found:
        name = brain.Title
        rows.append(
            {
                "url": f"{base}/{brain.getId}",
                "name": name,
                "job_title": brain.job_title,
                "phones": tuple(
                    {
                        "number": number,
                        "href": tel(number),
                        "label": call_label(view.request, name, number, kind, language),
                    }
                    for kind, number in (
                        ("phone", brain.phone),
                        ("mobile", brain.mobile),
                    )
                    if number
                ),
                "window": window(brain),
            }
        )
    release_records(found)
    return tuple(rows)


class PersonView(BrowserView):
    """The person card: phone numbers to tap, e-mail, workplace, what to ask."""

    tel = staticmethod(tel)
    call = call

    def profession(self):
        return title_of(professions, self.context.profession, self.request)

    def ask_me_about(self):
        text = self.context.ask_me_about or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


def _vcard_escape(value):
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\n", "\\n")
    )


class VCardView(BrowserView):
    """The person as a vCard 3.0, to save in the phone's contacts."""

    def __call__(self):
        person = self.context
        unit = person.unit()
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{_vcard_escape(person.last_name)};{_vcard_escape(person.first_name)};;;",
            f"FN:{_vcard_escape(person.Title())}",
            "ORG:Solna stad" + (f";{_vcard_escape(unit.Title())}" if unit else ""),
        ]
        if person.job_title:
            lines.append(f"TITLE:{_vcard_escape(person.job_title)}")
        if person.phone:
            lines.append(f"TEL;TYPE=WORK,VOICE:{person.phone}")
        if person.mobile:
            lines.append(f"TEL;TYPE=CELL:{person.mobile}")
        if person.email:
            lines.append(f"EMAIL;TYPE=INTERNET,WORK:{person.email}")
        lines += [f"UID:{api.content.get_uuid(person)}", "END:VCARD"]
        response = self.request.response
        response.setHeader("Content-Type", "text/vcard; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{person.getId()}.vcf"'
        )
        return "\r\n".join(lines) + "\r\n"


@implementer(IToolPage)
class DirectoryView(BrowserView):
    """Hitta kontakt: people and units by name, job title, profession, unit
    and "fråga mig om"; the results show phone numbers directly."""

    tel = staticmethod(tel)
    call = call

    def query(self):
        return (self.request.form.get("q") or "").strip()

    def profession(self):
        return self.request.form.get("profession") or ""

    def professions(self):
        return [
            {"value": t.value, "title": translate(t.title, context=self.request)}
            for t in professions()
        ]

    @memoize
    def results(self):
        return search_directory(self.query(), self.profession(), limit=50)

    @memoize
    def suggestion(self):
        """ "Menade du …?" when the query found no one (directory.suggestion),
        or None."""
        if not self.query() or self.results():
            return None
        return did_you_mean(self.query(), self.profession())

    def suggestion_url(self):
        """The page for the suggestion (with the chosen profession)."""
        params = {"q": self.suggestion()}
        if self.profession():
            params["profession"] = self.profession()
        return f"{self.context.absolute_url()}/@@hitta-kontakt?{urlencode(params)}"


@implementer(IToolPage)
class OrganisationView(BrowserView):
    """The unit tree, browsable: one catalog query, nested by path."""

    def tree(self):
        """The forest of units, see organisation.tree.nested."""
        return nested(search(portal_type=UNIT, sort_on="sortable_title"))
