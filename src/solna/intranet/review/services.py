"""REST: the report (GET @inaktuellt-innehall) and the reminder job
(GET/POST @review-reminders)."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet.rest import BAD_DATE
from solna.intranet.rest import error
from solna.intranet.review.reminders import send_reminders
from solna.intranet.review.views import report
from zope.interface import alsoProvides

import datetime


class StaleContentGet(Service):
    def reply(self):
        data = report(self.context)
        data["@id"] = f"{self.context.absolute_url()}/@inaktuellt-innehall"
        return data


class ReviewReminders(Service):
    """GET: whom the reminder job would mail, and what; POST: mail them."""

    send = False

    def reply(self):
        date = self.request.form.get("date")
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            return error(self.request, BAD_DATE)
        if self.send:
            # Sending writes nothing to the database (mail goes out after the
            # commit), so there is nothing for a CSRF token to protect.
            alsoProvides(self.request, IDisableCSRFProtection)
        sent = send_reminders(self.context, on, dry_run=not self.send)
        return {
            "@id": f"{self.context.absolute_url()}/@review-reminders",
            "sent": self.send,
            "owners": [
                {"responsible": owner, "items": urls} for owner, urls in sent.items()
            ],
            "items_total": sum(map(len, sent.values())),
        }


class SendReviewReminders(ReviewReminders):
    send = True
