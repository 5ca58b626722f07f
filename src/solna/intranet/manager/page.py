"""Chefens sida as data, for the page and REST @chefens-sida.

Everything is scoped to the units the member manages (the ``unit_manager``
index) and the units under them; a member who manages no unit gets empty
lists. Staff are the members whose profile names one of those units.
"""

from plone import api
from solna.intranet.crisis.followup import for_manager
from solna.intranet.crisis.followup import Profiles
from solna.intranet.crisis.state import active as active_crises
from solna.intranet.dates import display
from solna.intranet.dates import display_date
from solna.intranet.dates import iso
from solna.intranet.dialogue.comments.queue import queue
from solna.intranet.members import fullname
from solna.intranet.news import confirmations
from solna.intranet.news.mustread import must_read_window
from solna.intranet.organisation.managers import managed_units
from solna.intranet.organisation.tree import uids_under
from solna.intranet.review.stale import serialize
from solna.intranet.review.stale import stale_brains

import datetime
import functools


class ManagerPage:
    def __init__(self, request):
        self.request = request
        self.userid = api.user.get_current().getId()
        self.units = managed_units(self.userid)
        self.paths = [b.getPath() for b in self.units]
        # The profiles, read once for the whole page (every crisis shares
        # them; Profiles is news.readers.Staff keeping names and units).
        self.staff_finder = Profiles()
        self.staff = self.staff_finder.in_units(uids_under(self.paths))

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
            effective=must_read_window(),
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

    def crises(self):
        """Each active crisis meant for some of the manager's staff: their
        names per status (crisis.followup.for_manager), with phone links
        for those who need help or have not answered."""
        if not self.staff:
            return []
        found = []
        for brain in active_crises():
            followed = for_manager(
                brain._unrestrictedGetObject(),
                self.staff,
                self.request,
                self.paths,
                self.staff_finder,
            )
            if followed is not None:
                found.append(followed)
        return found

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
        """Chefens sida for the current member, as the page and REST
        @chefens-sida show it::

            {"units": [{"@id", "UID", "title"}]  (the units they manage),
             "staff_total": int  (members whose profile names one of them),
             "crises": [crisis.followup.for_manager(...)]  (active crises
                        meant for some of them: names per status),
             "must_read": [{"@id", "title", "deadline": "YYYY-MM-DD" or None,
                            "deadline_display", "past_deadline": bool,
                            "total": int, "confirmed": int,
                            "not_confirmed": [{"userid", "fullname"}]}],
             "awaiting_review": [{"@id", "title", "@type", "creator": name,
                                  "modified": ISO 8601, "modified_display"}],
             "comments": [held and reported comments, see the moderation
                          queue's items],
             "overdue": [review.stale.serialize(...)]}

        Every list is empty for a member who manages no unit."""
        return {
            "units": [
                {"@id": b.getURL(), "UID": b.UID, "title": b.Title} for b in self.units
            ],
            "staff_total": len(self.staff),
            "crises": self.crises(),
            "must_read": self.must_read(),
            "awaiting_review": self.awaiting_review(),
            "comments": self.comments(),
            "overdue": self.overdue(),
        }
