"""REST of the banner: ``@kris`` on the site (the member's active crises,
for an app to poll) and ``@kris-svar`` on a crisis item (her answer)."""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from solna.intranet.crisis.banner import answer
from solna.intranet.crisis.banner import BAD_ANSWER
from solna.intranet.crisis.banner import forget
from solna.intranet.crisis.banner import mine
from solna.intranet.crisis.banner import NOT_FOR_YOU
from solna.intranet.crisis.banner import summary
from solna.intranet.rest import error
from solna.intranet.rest import listing
from zope.interface import alsoProvides


class Crises(Service):
    """GET @kris: {"@id", "items": [crisis] (banner.summary), newest
    first, "items_total"}; no items for those no active crisis is meant
    for."""

    def reply(self):
        return listing(self.context, "@kris", mine(self.request))


class Answer(Service):
    """POST @kris-svar {"answer": "seen" | "safe" | "help"}: 200 with the
    crisis as GET @kris lists it; 400 for bad input, a crisis not active or
    an answer it does not ask; 403 outside its audience."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        try:
            body = json_body(self.request)
        except Exception:
            body = None
        kind = body.get("answer") if isinstance(body, dict) else None
        if not isinstance(kind, str):
            return error(self.request, BAD_ANSWER)
        userid = api.user.get_current().getId()
        _found, refused = answer(self.context, userid, kind)
        if refused is not None:
            reply = error(self.request, refused)
            if refused is NOT_FOR_YOU:
                self.request.response.setStatus(403)
                reply["error"]["type"] = "Forbidden"
            return reply
        forget(self.request)
        uid = api.content.get_uuid(self.context)
        brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            UID=uid
        )[0]
        return {
            "@id": f"{self.context.absolute_url()}/@kris-svar",
            **summary(brain, userid, self.request),
        }
