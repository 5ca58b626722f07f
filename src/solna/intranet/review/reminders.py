"""The review reminder: each owner gets one e-mail listing what is due."""

from solna.intranet import _
from solna.intranet.dates import display_date
from solna.intranet.dates import site_language
from solna.intranet.mail import send
from solna.intranet.members import member
from solna.intranet.review.stale import days_overdue
from solna.intranet.review.stale import owner_of
from solna.intranet.review.stale import stale_brains

import collections


def due_by_owner(portal, on=None):
    """{login: [brain, ...]} of every published item due on ``on``."""
    owners = collections.defaultdict(list)
    for brain in stale_brains(portal, on, unrestricted=True):
        if owner := owner_of(brain):
            owners[owner].append(brain)
    return owners


def _lines(brains, on):
    return "\n".join(
        f"- {b.Title} ({display_date(b.review_date, language=site_language())}, "
        f"{days_overdue(b, on)} d): {b.getURL()}"
        for b in brains
    )


def send_reminders(portal, on=None, dry_run=False):
    """Mail each owner their due items. Returns {login: [urls]} of what was
    (or, with ``dry_run``, would be) sent."""
    sent = {}
    for owner, brains in sorted(due_by_owner(portal, on).items()):
        user = member(owner)
        if user is None:
            continue
        mapping = {"count": len(brains), "items": _lines(brains, on)}
        if dry_run or send(
            [user],
            _(
                "mail_review_subject",
                default="Time to review: ${count} items on the intranet",
                mapping=mapping,
            ),
            _(
                "mail_review_body",
                default="These items you are responsible for are due for "
                "review. Check that they are still right, then set the next "
                "review date (or archive what is no longer needed):\n\n${items}",
                mapping=mapping,
            ),
        ):
            sent[owner] = [b.getURL() for b in brains]
    return sent
