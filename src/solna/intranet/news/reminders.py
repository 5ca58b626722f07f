"""The must-read reminder (the solna-must-read-reminders job, daily).

Before a must-read item's read-by date, each member it is meant for who has
not confirmed gets one e-mail, once: from ``REMIND_DAYS`` days before the
date until the date itself. Items without a date get no reminder.
"""

from DateTime import DateTime
from plone import api
from solna.intranet import _
from solna.intranet.dates import display_date
from solna.intranet.dates import site_language
from solna.intranet.mail import send
from solna.intranet.members import members
from solna.intranet.news import confirmations
from solna.intranet.news.readers import Staff

import datetime


REMIND_DAYS = 2


def due_items(on):
    """Published must-read items whose read-by date is within the window."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type="News Item",
        review_state="published",
        must_read=True,
        read_by={
            "query": (
                DateTime(on.isoformat()),
                DateTime((on + datetime.timedelta(days=REMIND_DAYS)).isoformat()),
            ),
            "range": "min:max",
        },
        sort_on="read_by",
    )


def not_confirmed(brain, staff):
    """Members the item is meant for who have not confirmed it, and have not
    been reminded of it."""
    done = set(confirmations.confirmations(brain.UID)) | confirmations.reminded(
        brain.UID
    )
    return sorted(staff.audience(brain.audience or ()) - done)


def send_reminders(on=None, dry_run=False):
    """Remind who has not confirmed. Returns {news URL: [logins]} of what was
    (or, with ``dry_run``, would be) sent."""
    on = on or datetime.date.today()
    staff = Staff()
    sent = {}
    for brain in due_items(on):
        logins = not_confirmed(brain, staff)
        users = members(logins)
        if not users:
            continue
        deadline = brain.must_read_deadline
        mapping = {
            "title": brain.Title,
            "date": display_date(deadline, language=site_language()),
            "url": brain.getURL(),
        }
        if not dry_run:
            send(
                users,
                _(
                    "mail_must_read_subject",
                    default="Please read by ${date}: ${title}",
                    mapping=mapping,
                ),
                _(
                    "mail_must_read_body",
                    default='"${title}" is a must-read for you. Please '
                    "read it by ${date} and confirm with the button Jag har "
                    "läst at the end of it:\n\n${url}",
                    mapping=mapping,
                ),
            )
            confirmations.mark_reminded(brain.UID, [u.getId() for u in users])
        sent[brain.getURL()] = [u.getId() for u in users]
    return sent
