"""Notiser over REST: the member's list (``@notiser``: GET, and POST to mark
all read), and the digest job's endpoint (``@skicka-notiser``, old name
``@notiser-digest``: GET dry run, POST mail)."""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet.dialogue.notices import notices
from solna.intranet.rest import JobService
from solna.intranet.rest import listing
from zope.interface import alsoProvides


class NoticesGet(Service):
    def reply(self):
        items = notices.mine(self.request)
        return listing(
            self.context,
            "@notiser",
            items,
            unread=sum(1 for i in items if not i["read"]),
        )


class NoticesPost(NoticesGet):
    """Mark all read."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        notices.mark_read(api.user.get_current().getId())
        return super().reply()


class Digest(JobService):
    """@skicka-notiser (old name @notiser-digest), the job
    solna-notification-digest: GET whom it would
    mail now, POST mail them. Items: [{"userid", "notices": number,
    "held": bool (kept for the morning: quiet hours)}]; ``mailed`` and
    ``held`` count the members."""

    name = "@skicka-notiser"

    def act(self, dry_run, on):
        recipients = []
        counts = notices.digest(dry_run=dry_run, recipients=recipients)
        return {"items": recipients, **counts}
