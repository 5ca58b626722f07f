"""REST: GET @mina-arenden (the member's cases), GET/POST @arenden on a
form (its cases; change a status)."""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet.forms.cases import cases_of
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.retention import purge_expired
from solna.intranet.forms.views import change_status
from solna.intranet.forms.views import NO_SUCH_CASE
from solna.intranet.forms.views import serialize
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from solna.intranet.validators import text_of
from zope.interface import alsoProvides


class MyCasesGet(Service):
    def reply(self):
        userid = api.user.get_current().getId()
        items = [serialize(f, c, self.request) for f, c in cases_of(userid)]
        return {
            "@id": f"{self.context.absolute_url()}/@mina-arenden",
            "items": items,
            "items_total": len(items),
        }


class CasesGet(Service):
    def reply(self):
        items = [
            serialize(self.context, c, self.request, full=True)
            for c in CaseStore(self.context).all()
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@arenden",
            "items": items,
            "items_total": len(items),
        }


class CasesPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        case = change_status(
            self.context,
            text_of(body, "id"),
            text_of(body, "status"),
            text_of(body, "note"),
        )
        if case is None:
            return error(self.request, NO_SUCH_CASE)
        return serialize(self.context, case, self.request, full=True)


class PurgeGet(Service):
    """GET: what the retention job would delete; POST: delete it."""

    dry_run = True

    def reply(self):
        if not self.dry_run:
            alsoProvides(self.request, IDisableCSRFProtection)  # a JSON job call
        counts = purge_expired(dry_run=self.dry_run)
        return {
            "@id": f"{self.context.absolute_url()}/@rensa-arenden",
            "deleted": not self.dry_run,
            "forms": counts,
            "items_total": sum(counts.values()),
        }


class PurgePost(PurgeGet):
    dry_run = False
