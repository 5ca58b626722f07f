"""Jag har läst: the button under a must-read news item, the confirmation
(POST, page and REST) and the reminder job's endpoint."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet import dates
from solna.intranet.news import confirmations
from solna.intranet.news.audience import tokens_of
from solna.intranet.news.behaviors import IMustRead
from solna.intranet.news.readers import Member
from solna.intranet.news.reminders import send_reminders
from solna.intranet.rest import BAD_DATE
from solna.intranet.rest import error
from solna.intranet.validators import text_of
from zope.interface import alsoProvides

import datetime


NOT_MUST_READ = _("This news item asks for no read confirmation.")
NOT_FOR_YOU = _("This news item is not meant for you, so there is nothing to confirm.")


def local(time):
    """A stored (UTC) time as Stockholm's date and clock time, as staff read
    them: ("29 nov 2026", "10.15")."""
    moment = dates.local(time)
    return dates.display_date(moment), moment.strftime("%H.%M")


def status(item, userid):
    """The member's must-read status of the item (also the REST answer)."""
    behaviour = IMustRead(item, None)
    must_read = bool(behaviour is not None and behaviour.must_read)
    confirmed = confirmations.confirmed_at(api.content.get_uuid(item), userid)
    deadline = behaviour.must_read_deadline if must_read else None
    return {
        "must_read": must_read,
        "meant_for_you": must_read and Member(userid).is_meant_for(tokens_of(item)),
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_display": dates.display_date(deadline),
        "confirmed": dates.iso(confirmed),
        "confirmed_display": dates.display(confirmed),
    }


def confirm(item, userid):
    """Confirm, or the Swedish reason why not (a message id)."""
    state = status(item, userid)
    if not state["must_read"]:
        return NOT_MUST_READ
    if not state["meant_for_you"]:
        return NOT_FOR_YOU
    confirmations.confirm(api.content.get_uuid(item), userid)
    return None


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
        state = status(self.context, api.user.get_current().getId())
        if state["meant_for_you"]:
            self.state = state
            confirmed = state["confirmed"]
            self.confirmed = (
                local(datetime.datetime.fromisoformat(confirmed)) if confirmed else None
            )

    def render(self):
        return self.index() if self.state else ""


class ConfirmGet(Service):
    """REST @jag-har-last on a news item: the member's status (GET), confirm
    (POST)."""

    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@jag-har-last",
            **status(self.context, api.user.get_current().getId()),
        }


class ConfirmPost(ConfirmGet):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        refused = confirm(self.context, api.user.get_current().getId())
        if refused:
            return error(self.request, refused)
        return super().reply()


class RemindersGet(Service):
    """The reminder job: who would be reminded now (GET), remind them
    (POST)."""

    dry_run = True

    def reply(self):
        if not self.dry_run:
            alsoProvides(self.request, IDisableCSRFProtection)  # a JSON job call
        on = text_of(self.request.form, "date")
        try:
            on = datetime.date.fromisoformat(on) if on else None
        except ValueError:
            return error(self.request, BAD_DATE)
        sent = send_reminders(on, dry_run=self.dry_run)
        return {
            "@id": f"{self.context.absolute_url()}/@must-read-reminders",
            "dry_run": self.dry_run,
            "items": [{"@id": url, "reminded": logins} for url, logins in sent.items()],
            "items_total": len(sent),
        }


class RemindersPost(RemindersGet):
    dry_run = False
