"""E-mail on the way through review, in Swedish, through the site's MailHost.

- submitted for review: the reviewers responsible for the item's place;
- sent back: the author, with the reviewer's comment;
- published: the author.

Mail goes out after the transaction commits (and not at all if it fails);
the one who made the change gets no mail about it.
"""

from email.utils import formataddr
from plone import api
from solna.intranet import _
from solna.intranet import logger
from solna.intranet.members import fullname
from solna.intranet.workflow.people import authors
from solna.intranet.workflow.people import reviewers
from zope.i18n import translate
from zope.i18nmessageid import Message

import transaction


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

SIGNATURE = _("mail_signature", default="Solna intranät")


def _deliver(success, mailhost, sender, charset, messages):
    """After the commit: send, and never fail the change that caused it."""
    if not success:
        return
    for email, subject, body in messages:
        try:
            mailhost.send(
                body,
                mto=email,
                mfrom=sender,
                subject=subject,
                charset=charset,
                immediate=True,
            )
        except Exception as error:  # SMTP down, refused, timed out, ...
            # Which address stays out of the log (personal data).
            logger.warning("Could not send a notification e-mail: %r", type(error))


def send(recipients, subject, body):
    """One message per recipient, so that no one sees the others' addresses,
    sent once the transaction has committed: nothing is mailed about a change
    that did not happen, and a mail server that is down or refuses does not
    undo the change (Zope's own mail delivery would, in its commit vote).
    Returns the addresses it will send to."""
    language = api.portal.get_default_language()
    subject = translate(subject, target_language=language)
    body = "\n\n".join(
        translate(part, target_language=language) for part in (body, SIGNATURE)
    )
    messages = [
        (email, subject, body)
        for user in recipients
        if (email := user.getProperty("email", ""))
    ]
    if messages:
        from_address = api.portal.get_registry_record("plone.email_from_address")
        from_name = api.portal.get_registry_record("plone.email_from_name")
        transaction.get().addAfterCommitHook(
            _deliver,
            args=(
                api.portal.get_tool("MailHost"),
                formataddr((from_name, from_address)),
                api.portal.get_registry_record("plone.email_charset"),
                messages,
            ),
        )
    return [email for email, _subject, _body in messages]


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
