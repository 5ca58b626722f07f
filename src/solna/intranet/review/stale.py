"""Inaktuellt innehåll: published items whose next review date has come.

One catalog query (``review_date`` index, ``object_provides`` of the
``solna.review`` behaviour), used by the report page, its REST service and
the reminder job.
"""

from dataclasses import dataclass
from dataclasses import field
from DateTime import DateTime
from plone import api
from solna.intranet.dates import display_date
from solna.intranet.members import fullname
from solna.intranet.organisation.tree import nearest
from solna.intranet.organisation.tree import units_under
from solna.intranet.review.behaviors import IReviewable

import datetime


def today():
    return datetime.date.today()


def _query(path, on):
    return {
        "object_provides": IReviewable.__identifier__,
        "review_state": "published",
        # Due on or before ``on`` (a DateIndex of dates: midnight of ``on``).
        "review_date": {"query": DateTime(on.isoformat()), "range": "max"},
        "path": path,
        "sort_on": "review_date",
    }


def stale_brains(context, on=None, unrestricted=False):
    """Items at or below ``context`` that are due for review on ``on``
    (today): those the current user may see, or all of them."""
    catalog = api.portal.get_tool("portal_catalog")
    search = (
        catalog.unrestrictedSearchResults if unrestricted else catalog.searchResults
    )
    return search(**_query("/".join(context.getPhysicalPath()), on or today()))


def owner_of(brain):
    """The login that looks after the item: its responsible, or its author."""
    return brain.responsible or brain.Creator or None


@dataclass
class UnitGroup:
    title: str
    url: str
    brains: list = field(default_factory=list)


def by_unit(context, brains):
    """Group items by the nearest unit they are in (a unit page is in its
    own group); items outside every unit come last, under the context."""
    units = units_under(context)
    groups = {}
    rest = UnitGroup(context.Title(), context.absolute_url())
    for brain in brains:
        path = nearest(brain.getPath(), units)
        if path is None:
            rest.brains.append(brain)
            continue
        unit = units[path]
        group = groups.setdefault(path, UnitGroup(unit.Title, unit.getURL()))
        group.brains.append(brain)
    result = sorted(groups.values(), key=lambda g: g.title)
    return [*result, rest] if rest.brains else result


def days_overdue(brain, on=None):
    """Days past the review date (the metadata column holds the field's
    date)."""
    due = brain.review_date
    return ((on or today()) - due).days if due else 0


def serialize(brain, on=None):
    """One overdue item of the report as a dict: {"@id": URL, "title",
    "@type": portal_type, "review_date": "YYYY-MM-DD", "review_date_display":
    Swedish date, "days_overdue": int (days past the review date on ``on``,
    default today), "responsible": login or None, "responsible_fullname"}."""
    owner = owner_of(brain)
    return {
        "@id": brain.getURL(),
        "title": brain.Title,
        "@type": brain.portal_type,
        "review_date": brain.review_date.isoformat(),
        "review_date_display": display_date(brain.review_date),
        "days_overdue": days_overdue(brain, on),
        "responsible": owner,
        "responsible_fullname": fullname(owner),
    }


def report(context, on=None):
    """The report's data for ``context`` (the site or a unit) on the date
    ``on`` (a datetime.date, default today), grouped by unit; the page and
    REST @inaktuellt-innehall answer it: {"date": "YYYY-MM-DD",
    "items_total": int, "units": [{"title", "@id": unit URL, "items":
    [serialize(...), ...]}, ...]} (items outside every unit last, under
    ``context``)."""
    on = on or today()
    groups = by_unit(context, stale_brains(context, on))
    return {
        "date": on.isoformat(),
        "items_total": sum(len(g.brains) for g in groups),
        "units": [
            {
                "title": g.title,
                "@id": g.url,
                "items": [serialize(b, on) for b in g.brains],
            }
            for g in groups
        ],
    }
