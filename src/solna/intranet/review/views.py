"""The "Inaktuellt innehåll" report: overdue items per unit."""

from plone import api
from Products.Five import BrowserView
from solna.intranet.dates import display_date
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import fullname
from solna.intranet.review.stale import by_unit
from solna.intranet.review.stale import days_overdue
from solna.intranet.review.stale import owner_of
from solna.intranet.review.stale import stale_brains
from solna.intranet.review.stale import today
from zope.interface import implementer


def serialize(brain, on=None):
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
    """The report's data, grouped by unit (also the REST answer)."""
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


@implementer(IToolPage)
class StaleContentView(BrowserView):
    """@@inaktuellt-innehall on the site (every unit) or on a unit (that
    unit and those under it)."""

    def __call__(self):
        self.data = report(self.context)
        return self.index()

    def type_title(self, portal_type):
        types = api.portal.get_tool("portal_types")
        fti = types.getTypeInfo(portal_type)
        return fti.Title() if fti else portal_type
