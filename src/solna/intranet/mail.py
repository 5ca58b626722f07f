"""E-mail from the intranet: one message per recipient, in the site's
language, signed "Solna intranät", sent through the site's MailHost once the
transaction has committed.

Every feature that mails staff (review, must-read reminders, e-form cases,
moderation, notices) sends through ``send``: nothing is mailed about a change
that did not happen, and a mail server that is down does not undo a change.
"""

from email.utils import formataddr
from plone import api
from Products.MailHost.MailHost import _mungeHeaders
from solna.intranet import _
from solna.intranet import logger
from zope.i18n import translate

import threading
import time
import transaction
import weakref


SIGNATURE = _("mail_signature", default="Solna intranät")


def _deliver(success, mailhost, sender, charset, messages):
    """After the commit: hand the messages to a thread of their own, and
    never fail the change that caused them.

    The request does not wait for the mail server: its answer goes out at
    once, and takes as long whether a mail was sent or not (a slower answer
    for a known account would tell who has one). The messages are built
    and the SMTP settings read here, in the request's thread, where the
    MailHost may be read; the thread only talks SMTP."""
    if not success:
        return
    try:
        mailer = mailhost._makeMailer()
        prepared = [
            _mungeHeaders(body, email, sender, subject, charset)
            for email, subject, body in messages
        ]
    except Exception as error:  # a broken MailHost setting
        logger.warning("Could not send a notification e-mail: %r", type(error))
        return
    # Not a daemon: a process that ends (a script) still sends what it owes.
    thread = threading.Thread(
        target=_talk_smtp, args=(mailer, prepared), name="solna-mail"
    )
    _sending.add(thread)
    thread.start()


#: The threads still talking to the mail server.
_sending = weakref.WeakSet()


def settle(timeout=30.0):
    """Wait (at most ``timeout`` seconds in all) until the mail handed to
    the mail server's threads has been delivered or refused: for tests and
    scripts that must know what was sent."""
    deadline = time.monotonic() + timeout
    for thread in list(_sending):
        thread.join(max(0.0, deadline - time.monotonic()))


def _talk_smtp(mailer, prepared):
    for message, mto, mfrom in prepared:
        try:
            mailer.send(mfrom, mto, message)
        except Exception as error:  # SMTP down, refused, timed out, ...
            # Which address stays out of the log (personal data).
            logger.warning("Could not send a notification e-mail: %r", type(error))


def send(recipients, subject, body, crisis=False):
    """One message per recipient, so that no one sees the others' addresses,
    sent once the transaction has committed: nothing is mailed about a change
    that did not happen, and a mail server that is down or refuses does not
    undo the change (Zope's own mail delivery would, in its commit vote).

    ``recipients``: members (plone.api MemberData, see members.py); those
    without an e-mail address are skipped. ``subject``/``body``: i18n
    messages (or text), translated to the site's language; the signature is
    added to the body. Returns the list of addresses (str) it will send to.
    Raises nothing: delivery errors are logged after the commit.
    ``crisis``: crisis mail, sent at once whatever the hour (issue 19)."""
    return send_to(
        [user.getProperty("email", "") for user in recipients],
        subject,
        body,
        crisis=crisis,
    )


def send_to(addresses, subject, body, now=False, crisis=False):
    """``send`` to e-mail addresses (str) rather than members: a private
    address, or someone invited who has no account yet. Empty addresses are
    skipped. With ``now`` the mail goes at once, whatever becomes of the
    transaction (a notice about a failed sign-in, whose request is often
    aborted). Either way the request does not wait for the mail server.
    Returns the addresses it sends to. Raises nothing."""
    language = api.portal.get_default_language()
    subject = translate(subject, target_language=language)
    body = "\n\n".join(
        translate(part, target_language=language) for part in (body, SIGNATURE)
    )
    messages = [(email, subject, body) for email in addresses if email]
    if messages:
        from_address = api.portal.get_registry_record("plone.email_from_address")
        from_name = api.portal.get_registry_record("plone.email_from_name")
        args = (
            api.portal.get_tool("MailHost"),
            formataddr((from_name, from_address)),
            api.portal.get_registry_record("plone.email_charset"),
            messages,
        )
        if now:
            _deliver(True, *args)
        else:
            transaction.get().addAfterCommitHook(_deliver, args=args)
    return [email for email, _subject, _body in messages]
