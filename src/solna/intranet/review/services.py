"""REST: the report (GET @inaktuellt-innehall) and the reminder job
(GET/POST @paminn-om-oversyn)."""

from plone.restapi.services import Service
from solna.intranet.rest import JobService
from solna.intranet.review.reminders import send_reminders
from solna.intranet.review.stale import report


class StaleContentGet(Service):
    def reply(self):
        data = report(self.context)
        data["@id"] = f"{self.context.absolute_url()}/@inaktuellt-innehall"
        return data


class ReviewReminders(JobService):
    """@paminn-om-oversyn (old name @review-reminders), the job
    solna-review-reminders: GET whom it would mail, and what; POST mail
    them. ``?date=YYYY-MM-DD``: as if it were that day. Items: [{"responsible":
    login, "items": [URL, ...]}]; ``items_total`` counts the overdue items,
    ``owners`` and ``sent`` (= not dry_run) are kept for older clients."""

    name = "@paminn-om-oversyn"
    dated = True

    def act(self, dry_run, on):
        sent = send_reminders(self.context, on, dry_run=dry_run)
        owners = [{"responsible": owner, "items": urls} for owner, urls in sent.items()]
        return {
            "items": owners,
            "items_total": sum(map(len, sent.values())),
            "owners": owners,
            "sent": not dry_run,
        }
