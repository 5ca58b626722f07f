"""REST of news: @jag-har-last on a news item (the member's must-read
status, GET; confirm, POST) and the must-read reminder job
(@paminn-maste-lasas, old name @must-read-reminders)."""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet.news.mustread import confirm
from solna.intranet.news.mustread import status
from solna.intranet.news.reminders import send_reminders
from solna.intranet.rest import error
from solna.intranet.rest import JobService
from zope.interface import alsoProvides


class ConfirmGet(Service):
    """REST @jag-har-last on a news item: the member's status (GET), as
    mustread.status gives it."""

    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@jag-har-last",
            **status(self.context, api.user.get_current().getId()),
        }


class ConfirmPost(ConfirmGet):
    """POST @jag-har-last: confirm; 400 with the Swedish reason when the
    item asks for no confirmation or is not meant for the member."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        refused = confirm(self.context, api.user.get_current().getId())
        if refused:
            return error(self.request, refused)
        return super().reply()


class Reminders(JobService):
    """@paminn-maste-lasas, the job solna-must-read-reminders: GET who
    would be reminded now, POST remind them (one e-mail per member and
    item). ``?date=YYYY-MM-DD``: as if it were that day. Items: [{"@id":
    news URL, "reminded": [login, ...]}]."""

    name = "@paminn-maste-lasas"
    dated = True

    def act(self, dry_run, on):
        sent = send_reminders(on, dry_run=dry_run)
        return {
            "items": [{"@id": url, "reminded": logins} for url, logins in sent.items()]
        }
