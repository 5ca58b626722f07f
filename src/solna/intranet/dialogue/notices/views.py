"""Notiser: the member's page and the unread count in the header (REST in
services.py)."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.dialogue.notices import notices
from solna.intranet.interfaces import IToolPage
from solna.intranet.tools import tool
from zope.interface import implementer


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
        return notices.mine(self.request)


class UnreadViewlet(ViewletBase):
    """Notiser (n) in the header, for members."""

    index = ViewPageTemplateFile("templates/unread.pt")

    def update(self):
        super().update()
        self.available = not self.portal_state.anonymous()
        self.count = (
            notices.unread(tool("portal_membership").getAuthenticatedMember().getId())
            if self.available
            else 0
        )

    def render(self):
        return self.index() if self.available else ""
