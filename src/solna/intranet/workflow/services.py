"""plone.restapi's ``@history`` as History's page has it (history.py).

- GET: ``may_revert`` is true only for those who may change the item now
  (``may_revert``: not its author while it is in review) and only on an
  older revision, never on the newest (what the item says now).
- PATCH ``{"version": N}``: refused (401/403) to those who may not revert
  now; 400 with a Swedish reason for the newest revision or one the item
  does not have; otherwise the revert of the page (``revert_to``): the
  change note and message name the revision by its time and who saved it,
  not "revision 0".
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services.history.get import HistoryGet as RestHistoryGet
from plone.restapi.services.history.patch import HistoryPatch as RestHistoryPatch
from solna.intranet import _
from solna.intranet.workflow.history import find_revision
from solna.intranet.workflow.history import may_revert
from solna.intranet.workflow.history import NEWEST
from solna.intranet.workflow.history import newest_version_id
from solna.intranet.workflow.history import revert_to
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope.i18n import translate


class HistoryGet(RestHistoryGet):
    def reply(self):
        history = super().reply()
        if self.version or not isinstance(history, list):
            return history
        allowed = may_revert(self.context)
        newest = newest_version_id(self.context)
        for entry in history:
            if "may_revert" in entry:
                entry["may_revert"] = bool(
                    entry["may_revert"] and allowed and str(entry["version"]) != newest
                )
        return history


#: Refused a revert by someone who may not change the item now.
NOT_NOW = _(
    "revert_not_now",
    default="You cannot revert this item now: you may not change it "
    "(an author waits while it is in review).",
)
#: A revert to a revision the item does not have.
NO_SUCH_REVISION = _(
    "revert_no_such_revision",
    default="The item has no revision ${version}. Choose one that History lists.",
)


class HistoryPatch(RestHistoryPatch):
    def reply(self):
        if not may_revert(self.context):
            raise Unauthorized(translate(NOT_NOW, context=self.request))
        version = json_body(self.request).get("version")
        if version is not None and str(version) == newest_version_id(self.context):
            raise BadRequest(translate(NEWEST, context=self.request))
        revision = find_revision(self.context, self.request, version)
        if revision is None:
            raise BadRequest(
                translate(
                    NO_SUCH_REVISION,
                    mapping={"version": str(version)},
                    context=self.request,
                )
            )
        message = revert_to(self.context, self.request, revision)
        return {"message": translate(message, context=self.request)}
