"""E-mail from the intranet: one message per recipient, in the site's
language, signed "Solna intranät", sent through the site's MailHost once the
transaction has committed.

Every feature that mails staff (review, must-read reminders, e-form cases,
moderation, notices) sends through ``send``: nothing is mailed about a change
that did not happen, and a mail server that is down does not undo a change.
"""

from email.utils import formataddr
from plone import api
from solna.intranet import _
from solna.intranet import logger
from zope.i18n import translate

import transaction


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

    ``recipients``: members (plone.api MemberData, see members.py); those
    without an e-mail address are skipped. ``subject``/``body``: i18n
    messages (or text), translated to the site's language; the signature is
    added to the body. Returns the list of addresses (str) it will send to.
    Raises nothing: delivery errors are logged after the commit."""
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
