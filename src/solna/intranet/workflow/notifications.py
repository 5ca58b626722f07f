"""E-mail on the way through review, in Swedish, through the site's MailHost.

- submitted for review: the reviewers responsible for the item's place;
- sent back: the author, with the reviewer's comment;
- published: the author.

Mail goes out after the transaction commits (and not at all if it fails);
the one who made the change gets no mail about it.
"""

from plone import api
from solna.intranet import _
from solna.intranet.mail import send
from solna.intranet.members import fullname
from solna.intranet.workflow.people import authors
from solna.intranet.workflow.people import reviewers
from zope.i18nmessageid import Message


MESSAGES = {
    "submit": (
        reviewers,
        _("mail_submitted_subject", default="For review: ${title}"),
        _(
            "mail_submitted_body",
            default="${actor} has sent “${title}” for review.\n\n"
            "Read it, then publish it or send it back with a comment:\n${url}",
        ),
    ),
    "reject": (
        authors,
        _("mail_rejected_subject", default="Sent back: ${title}"),
        _(
            "mail_rejected_body",
            default="${actor} has sent “${title}” back to you as a draft.\n\n"
            "Comment: ${comment}\n\nEdit it and send it for review again:\n${url}",
        ),
    ),
    "publish": (
        authors,
        _("mail_published_subject", default="Published: ${title}"),
        _(
            "mail_published_body",
            default="${actor} has published “${title}”. "
            "It is now visible to staff:\n${url}",
        ),
    ),
}


def notify_transition(obj, event):
    transition = event.transition
    if transition is None or transition.id not in MESSAGES:
        return
    recipients_of, subject, body = MESSAGES[transition.id]
    actor = api.user.get_current()
    recipients = [u for u in recipients_of(obj) if u.getId() != actor.getId()]
    if not recipients:
        return
    mapping = {
        "title": obj.Title(),
        "actor": fullname(actor.getId()),
        "url": obj.absolute_url(),
        "comment": (event.kwargs or {}).get("comment", ""),
    }
    send(recipients, Message(subject, mapping=mapping), Message(body, mapping=mapping))
