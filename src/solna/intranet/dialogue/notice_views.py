"""Notiser: the member's list (page and REST), the unread count in the
header, and the digest job's endpoint."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.dialogue import notices
from solna.intranet.interfaces import IToolPage
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer


def serialize(notice, request):
    return {
        "kind": notice["kind"],
        "kind_title": translate(notices.KINDS[notice["kind"]], context=request),
        "title": notice["title"],
        "url": notice["url"],
        "text": notice["text"],
        "time": iso(notice["time"]),
        "time_display": display(notice["time"], request),
        "read": notice["read"],
    }


def mine(request):
    userid = api.user.get_current().getId()
    return [serialize(n, request) for n in notices.notices(userid)]


@implementer(IToolPage)
class NoticesView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            notices.mark_read(api.user.get_current().getId())
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@notiser"
            )
        return self.index()

    def items(self):
        return mine(self.request)


class NoticesGet(Service):
    def reply(self):
        items = mine(self.request)
        return {
            "@id": f"{self.context.absolute_url()}/@notiser",
            "items": items,
            "items_total": len(items),
            "unread": sum(1 for i in items if not i["read"]),
        }


class NoticesPost(NoticesGet):
    """Mark all read."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        notices.mark_read(api.user.get_current().getId())
        return super().reply()


class DigestGet(Service):
    """GET: who would be mailed now; POST: mail them (the job)."""

    dry_run = True

    def reply(self):
        if not self.dry_run:
            alsoProvides(self.request, IDisableCSRFProtection)  # a JSON job call
        return notices.digest(dry_run=self.dry_run)


class DigestPost(DigestGet):
    dry_run = False


class UnreadViewlet(ViewletBase):
    """Notiser (n) in the header, for members."""

    index = ViewPageTemplateFile("templates/unread.pt")

    def update(self):
        super().update()
        self.available = not self.portal_state.anonymous()
        self.count = (
            notices.unread(api.user.get_current().getId()) if self.available else 0
        )

    def render(self):
        return self.index() if self.available else ""
