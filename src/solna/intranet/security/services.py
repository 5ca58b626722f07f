"""REST ``GET @behorighetslogg``: the grants log (see log.log_data); REST
``GET @linkintegrity`` for members only."""

from plone import api
from plone.restapi.services import Service
from plone.restapi.services.linkintegrity import get as linkintegrity
from solna.intranet import _
from solna.intranet.rest import error
from solna.intranet.security.log import log_data
from zope.i18nmessageid import Message


class GrantsLogGet(Service):
    def reply(self):
        data = log_data(self.request)
        data["@id"] = f"{self.context.absolute_url()}/@behorighetslogg"
        return data


class LinkIntegrityGet(linkintegrity.LinkIntegrityGet):
    """REST ``GET @linkintegrity?uids=…``: plone.restapi's answer (a list
    of {summary of the item, "breaches": [the items that link to it],
    "items_total": items below it}), for members who may view the site
    (ZCML: ``zope2.View``, not "Access contents information", which
    nobody logged in has too), and only about items the member may see.

    plone.restapi's looked each uid up with ``uuidToObject``: for nobody
    logged in it ran, and its Unauthorized named the item ("You are not
    allowed to access 'semester'"); an unknown uid was a 500. Here either
    is a 400 in Swedish, the same for an item that is not there and one the
    member may not see (the answer tells nothing of it)."""

    def reply(self):
        uids = self.request.form.get("uids")
        if not uids:
            return error(self.request, LINKS_UIDS)
        for uid in uids if isinstance(uids, list) else [uids]:
            brains = api.content.find(UID=str(uid)) if isinstance(uid, str) else ()
            if not brains:
                return error(
                    self.request, Message(LINKS_UNKNOWN, mapping={"uid": str(uid)})
                )
        return super().reply()


LINKS_UIDS = _(
    "rest_error_linkintegrity_uids",
    default="Name the items to check with uids.",
)
LINKS_UNKNOWN = _(
    "rest_error_linkintegrity_unknown",
    default="There is no item with the id ${uid} that you may see.",
)
