"""Chefens sida as data, for the page and REST @chefens-sida.

Everything is scoped to the units the member manages (the ``unit_manager``
index) and the units under them; a member who manages no unit gets empty
lists. Staff are the members whose profile names one of those units.
"""

from plone import api
from solna.intranet.dates import display
from solna.intranet.dates import display_date
from solna.intranet.dates import iso
from solna.intranet.dialogue.queue import queue
from solna.intranet.members import fullname
from solna.intranet.news import confirmations
from solna.intranet.news.readers import Staff
from solna.intranet.personal.feed import days_ago
from solna.intranet.personal.feed import MUST_READ_DAYS
from solna.intranet.review.stale import stale_brains
from solna.intranet.review.views import serialize
from solna.intranet.workflow.localroles import unit_manager_userid

import datetime
import functools


def managed_units(userid):
    """The units the member manages, without those under another of them
    (their pages are listed with the unit above). The index finds them; the
    unit itself confirms it (the manager's entry may have changed login
    since the unit was indexed), as its local roles do."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = sorted(
        (
            brain
            for brain in catalog.searchResults(
                portal_type="solna.Unit", unit_manager=userid
            )
            if userid and unit_manager_userid(brain.getObject()) == userid
        ),
        key=lambda b: b.getPath(),
    )
    top = []
    for brain in brains:
        if not any(brain.getPath().startswith(t.getPath() + "/") for t in top):
            top.append(brain)
    return top


class ManagerPage:
    def __init__(self, request):
        self.request = request
        self.userid = api.user.get_current().getId()
        self.units = managed_units(self.userid)
        self.paths = [b.getPath() for b in self.units]
        catalog = api.portal.get_tool("portal_catalog")
        self.all_units = (
            catalog.unrestrictedSearchResults(portal_type="solna.Unit", path=self.paths)
            if self.paths
            else []
        )
        self.staff_finder = Staff()
        self.staff = self.staff_finder.in_units([b.UID for b in self.all_units])

    def must_read(self, today=None):
        """Each recent must-read item meant for some of the manager's staff:
        how many of them confirmed, and who has not."""
        if not self.staff:
            return []
        today = today or datetime.date.today()
        catalog = api.portal.get_tool("portal_catalog")
        result = []
        for brain in catalog.searchResults(
            portal_type="News Item",
            review_state="published",
            must_read=True,
            effective={"query": days_ago(MUST_READ_DAYS), "range": "min"},
            sort_on="effective",
            sort_order="descending",
        ):
            meant_for = self.staff_finder.audience(brain.audience or (), self.staff)
            if not meant_for:
                continue
            confirmed = set(confirmations.confirmations(brain.UID)) & meant_for
            deadline = brain.must_read_deadline
            result.append(
                {
                    "@id": brain.getURL(),
                    "title": brain.Title,
                    "deadline": deadline.isoformat() if deadline else None,
                    "deadline_display": display_date(deadline, self.request),
                    "past_deadline": bool(deadline and deadline < today),
                    "total": len(meant_for),
                    "confirmed": len(confirmed),
                    "not_confirmed": sorted(
                        (
                            {"userid": login, "fullname": fullname(login)}
                            for login in meant_for - confirmed
                        ),
                        key=lambda p: p["fullname"],
                    ),
                }
            )
        return result

    def awaiting_review(self):
        if not self.paths:
            return []
        catalog = api.portal.get_tool("portal_catalog")
        return [
            {
                "@id": b.getURL(),
                "title": b.Title,
                "@type": b.portal_type,
                "creator": fullname(b.Creator),
                "modified": iso(b.modified),
                "modified_display": display(b.modified, self.request),
            }
            for b in catalog.searchResults(
                review_state="pending",
                path=self.paths,
                # (held comments are listed apart)
                portal_type={"not": "Discussion Item"},
                sort_on="modified",
            )
        ]

    @functools.cached_property
    def unit_objects(self):
        return [b.getObject() for b in self.units]

    def comments(self):
        """Held and reported comments the manager may moderate."""
        found = []
        for unit in self.unit_objects:
            found += queue(unit, self.request)
        return found

    def overdue(self):
        """Pages past their review date (as Inaktuellt innehåll lists them)."""
        return [
            serialize(brain)
            for unit in self.unit_objects
            for brain in stale_brains(unit)
        ]

    def data(self):
        return {
            "units": [
                {"@id": b.getURL(), "UID": b.UID, "title": b.Title} for b in self.units
            ],
            "staff_total": len(self.staff),
            "must_read": self.must_read(),
            "awaiting_review": self.awaiting_review(),
            "comments": self.comments(),
            "overdue": self.overdue(),
        }
