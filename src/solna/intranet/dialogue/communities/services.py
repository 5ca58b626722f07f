"""REST ``@natverk`` on a community: GET its summary (as the page shows
it); POST {"action": "join" | "leave" | "add", "userid": …}."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet import _
from solna.intranet.dialogue.communities.membership import act
from solna.intranet.dialogue.communities.summary import summary
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from solna.intranet.validators import text_of
from zope.i18n import translate
from zope.interface import alsoProvides


UNKNOWN_ACTION = _(
    "error_unknown_community_action",
    default='Send an action: "join", "leave" or (moderators) "add".',
)
NOT_ALLOWED = _(
    "error_community_not_allowed",
    default="You may not do that in this community.",
)


class CommunityGet(Service):
    def reply(self):
        return summary(self.context)


class CommunityPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        action = text_of(body, "action")
        if action not in ("join", "leave", "add"):
            return error(self.request, UNKNOWN_ACTION)
        message = act(self.context, action, text_of(body, "userid"))
        if message is None:
            self.request.response.setStatus(403)
            message = translate(NOT_ALLOWED, context=self.request)
            return {"error": {"type": "Forbidden", "message": message}}
        return summary(self.context)
