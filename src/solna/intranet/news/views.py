"""Jag har läst: the button under a must-read news item and its POST."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet import dates
from solna.intranet.news.mustread import confirm
from solna.intranet.news.mustread import status
from solna.intranet.tools import tool

import datetime


def local(time):
    """A stored (UTC) time as Stockholm's date and clock time, as staff read
    them: ("29 nov 2026", "10.15")."""
    moment = dates.local(time)
    return dates.display_date(moment), moment.strftime("%H.%M")


class ConfirmView(BrowserView):
    """@@jag-har-last: the button's POST; back to the news item."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            refused = confirm(self.context, api.user.get_current().getId())
            if refused:
                api.portal.show_message(refused, self.request, type="error")
            else:
                api.portal.show_message(
                    _("Thank you: your read confirmation is saved."), self.request
                )
        return self.request.response.redirect(self.context.absolute_url())


class MustReadViewlet(ViewletBase):
    """Under a must-read news item, for those it is meant for: the button
    Jag har läst, or when they confirmed."""

    index = ViewPageTemplateFile("templates/mustread.pt")

    def update(self):
        super().update()
        self.state = None
        if self.portal_state.anonymous():
            return
        state = status(
            self.context, tool("portal_membership").getAuthenticatedMember().getId()
        )
        if state["meant_for_you"]:
            self.state = state
            confirmed = state["confirmed"]
            self.confirmed = (
                local(datetime.datetime.fromisoformat(confirmed)) if confirmed else None
            )

    def render(self):
        return self.index() if self.state else ""
