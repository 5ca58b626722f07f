"""REST ``@kris-uppfoljning`` on a crisis: Krisledning's counts per unit
(followup.counts), or for a unit's manager the names of her own staff
(followup.for_manager); 404 for everyone else and for news that is no
crisis, as for an address that does not exist."""

from plone import api
from plone.restapi.services import Service
from solna.intranet import _
from solna.intranet.crisis.followup import counts
from solna.intranet.crisis.followup import for_manager
from solna.intranet.crisis.followup import managed_staff
from solna.intranet.crisis.followup import Profiles
from solna.intranet.crisis.state import is_crisis
from solna.intranet.crisis.state import may_raise
from zope.i18n import translate


NO_FOLLOWUP = _(
    "crisis_followup_refused",
    default="There is no follow-up here that you may see.",
)


def _endpoint(data, url, view):
    """The data with the endpoint as ``@id`` (the item's address as
    ``item``) and which view it is."""
    return {"@id": url, "view": view, "item": data.pop("@id"), **data}


class FollowupGet(Service):
    """GET @kris-uppfoljning: {"view": "krisledning", ...counts} or
    {"view": "chef", ...for_manager}; 404 otherwise."""

    def reply(self):
        url = f"{self.context.absolute_url()}/@kris-uppfoljning"
        if is_crisis(self.context):
            if may_raise(self.context):
                return _endpoint(counts(self.context, self.request), url, "krisledning")
            finder = Profiles()
            userid = api.user.get_current().getId()
            staff, paths = managed_staff(userid, finder)
            found = for_manager(self.context, staff, self.request, paths, finder)
            if found is not None:
                return _endpoint(found, url, "chef")
        self.request.response.setStatus(404)
        return {
            "error": {
                "type": "NotFound",
                "message": translate(NO_FOLLOWUP, context=self.request),
            }
        }
