"""E-mail from the intranet: one message per recipient, in the site's
language, signed "Solna intranät", sent through the site's MailHost once the
transaction has committed.

Every feature that mails staff (review, must-read reminders, e-form cases,
moderation, notices) sends through ``send``: nothing is mailed about a change
that did not happen, and a mail server that is down does not undo a change.

**Tysta timmar** (issue 19): mail that is not crisis mail is held during
the member's quiet hours (quiet_hours.py: default 18.00–07.00 and all
weekend; her own hours or "Jag jobbar skift") in the site annotation
``OUTBOX`` and delivered by the job ``solna-mail`` (crisis/outreach.py,
``release``) when they end: one mail per member listing every held
message ("3 meddelanden från intranätet"), or the message itself when only
one was held. Mail to an address of no member (an invitation) keeps the
default hours. Sent at once whatever the hour:

- crisis mail (``crisis=True``);
- mail asked for by the person herself at that moment (``asked=True``:
  sign-in codes, password reset, confirming a private address);
- security notices sent with ``now=True`` (login/guard.py);
- mail to her work address when she chose "Skicka e-post till min
  jobbadress även under tysta timmar" (``work_mail``; ``send`` mails the
  work address of her profile).

The outbox's keys are ``<seconds when due, 12 digits>-<random>`` (as
push/queue.py's): concurrent writers land in different buckets, and what is
due comes first. An entry holds the user id (or None), the address and the
translated subject and body; nothing of it is logged.

**Crisis mail to many** (``send_batch``): the request only decides the
addresses; after the commit one thread builds the messages and talks SMTP,
``BATCH`` messages per connection (zope.sendmail's SMTPMailer, which the
MailHost uses, opens and closes a connection per message: 5,000 handshakes
and STARTTLS). It uses smtplib with the settings SMTPMailer gets: host,
port, user name and password from the mail control panel (the registry,
as Plone's patch of SMTPMailer reads them), implicit TLS and "force TLS"
from the MailHost, STARTTLS when the server offers it.
"""

from email.utils import formataddr
from plone import api
from Products.MailHost.MailHost import _mungeHeaders
from solna.intranet import _
from solna.intranet import logger
from solna.intranet import quiet_hours
from solna.intranet.storage import annotation
from zope.i18n import translate

import contextlib
import secrets
import smtplib
import ssl
import threading
import time
import transaction
import weakref


SIGNATURE = _("mail_signature", default="Solna intranät")
BUNDLE_SUBJECT = _("mail_bundle_subject", default="${count} messages from the intranet")
BUNDLE_INTRO = _(
    "mail_bundle_intro",
    default="These messages came during your quiet hours (Tysta timmar):",
)
#: The site annotation of mail held for the quiet hours.
OUTBOX = "solna.intranet.mail.outbox"
#: Messages per SMTP connection (crisis mail to many).
BATCH = 100


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


def _translate(subject, body):
    language = api.portal.get_default_language()
    subject = translate(subject, target_language=language)
    body = translate(body, target_language=language)
    return subject, body


def _signed(body):
    language = api.portal.get_default_language()
    return f"{body}\n\n{translate(SIGNATURE, target_language=language)}"


def _settings():
    """(MailHost, sender "Name <address>", charset)."""
    from_address = api.portal.get_registry_record("plone.email_from_address")
    from_name = api.portal.get_registry_record("plone.email_from_name")
    return (
        api.portal.get_tool("MailHost"),
        formataddr((from_name, from_address)),
        api.portal.get_registry_record("plone.email_charset"),
    )


def _hand_over(messages, now=False):
    """Send [(address, subject, body)] after the commit (or at once)."""
    if not messages:
        return
    args = (*_settings(), messages)
    if now:
        _deliver(True, *args)
    else:
        transaction.get().addAfterCommitHook(_deliver, args=args)


def send(recipients, subject, body, crisis=False, asked=False):
    """One message per recipient, so that no one sees the others' addresses,
    sent once the transaction has committed: nothing is mailed about a change
    that did not happen, and a mail server that is down or refuses does not
    undo the change (Zope's own mail delivery would, in its commit vote).

    ``recipients``: members (plone.api MemberData, see members.py); those
    without an e-mail address are skipped. ``subject``/``body``: i18n
    messages (or text), translated to the site's language; the signature is
    added to the body. Returns the list of addresses (str) it will send to
    (at once or when her quiet hours end). Raises nothing: delivery errors
    are logged after the commit.
    ``crisis``: crisis mail, sent at once whatever the hour (issue 19);
    ``asked``: asked for by the member herself just now, sent at once.
    Otherwise held during each member's quiet hours (see the module)."""
    return _send(
        [(user.getId(), user.getProperty("email", "")) for user in recipients],
        subject,
        body,
        at_once=crisis or asked,
    )


def send_to(addresses, subject, body, now=False, crisis=False, asked=False):
    """``send`` to e-mail addresses (str) rather than members: a private
    address, or someone invited who has no account yet (the default quiet
    hours hold it). Empty addresses are skipped. With ``now`` the mail goes
    at once, whatever becomes of the transaction and the hour (a notice
    about a failed sign-in, whose request is often aborted); ``crisis`` and
    ``asked`` (a code or link she asked for) at once after the commit.
    Either way the request does not wait for the mail server. Returns the
    addresses it sends to. Raises nothing."""
    return _send(
        [(None, address) for address in addresses],
        subject,
        body,
        at_once=crisis or asked,
        now=now,
    )


def _send(pairs, subject, body, at_once=False, now=False):
    subject, text = _translate(subject, body)
    pairs = [(userid, email) for userid, email in pairs if email]
    if not pairs:
        return []
    signed = _signed(text)
    if at_once or now:
        _hand_over([(email, subject, signed) for _u, email in pairs], now=now)
        return [email for _u, email in pairs]
    moment = quiet_hours.clock()
    ready = []
    for userid, email in pairs:
        hours = quiet_hours.get(userid) if userid else None
        until = None
        if not (userid and hours["work_mail"]):
            until = quiet_hours.quiet_until(moment, hours)
        if until is None:
            ready.append((email, subject, signed))
        else:
            hold(userid, email, subject, text, until)
    _hand_over(ready)
    return [email for _u, email in pairs]


# --- Held for the quiet hours ------------------------------------------------


def _stamp(seconds):
    return f"{max(0, int(seconds)):012d}"


def _outbox(create=False):
    return annotation(api.portal.get(), OUTBOX, create)


def hold(userid, address, subject, text, until):
    """Keep a message (translated, unsigned) until ``until`` (an aware
    datetime), in the request's transaction."""
    key = f"{_stamp(until.timestamp())}-{secrets.token_hex(8)}"
    _outbox(create=True)[key] = {
        "userid": userid,
        "address": address,
        "subject": subject,
        "body": text,
        "held": time.time(),
    }


def held(userid=None):
    """Messages waiting (all, or the member's): [(key, entry)]."""
    return [
        (key, entry)
        for key, entry in _outbox().items()
        if userid is None or entry["userid"] == userid
    ]


def bundle(entries):
    """(subject, signed body) of one mail for a member's held messages."""
    if len(entries) == 1:
        return entries[0]["subject"], _signed(entries[0]["body"])
    language = api.portal.get_default_language()
    subject = translate(
        _(BUNDLE_SUBJECT, mapping={"count": len(entries)}),
        target_language=language,
    )
    parts = [translate(BUNDLE_INTRO, target_language=language)]
    for number, entry in enumerate(entries, 1):
        heading = f"{number}. {entry['subject']}"
        parts.append(f"{heading}\n{'-' * len(heading)}\n{entry['body']}")
    return subject, _signed("\n\n".join(parts))


def release(moment=None, dry_run=False):
    """Deliver what was held and whose quiet hours have ended at ``moment``
    (default ``quiet_hours.clock()``): one mail per member (see
    ``bundle``), after the commit. A member whose hours changed so that it
    is still quiet for her keeps waiting until they end. Returns
    {"delivered": members mailed, "messages": messages in them, "waiting":
    messages still held}."""
    moment = moment or quiet_hours.clock()
    outbox = _outbox()
    if not outbox:
        return {"delivered": 0, "messages": 0, "waiting": 0}
    top = f"{_stamp(moment.timestamp())}-~"
    due = {}
    for key in list(outbox.keys(max=top)):
        entry = outbox[key]
        due.setdefault(entry["userid"] or entry["address"], []).append((key, entry))
    ready, count = [], 0
    for found in due.values():
        userid = found[0][1]["userid"]
        hours = quiet_hours.get(userid) if userid else None
        until = quiet_hours.quiet_until(moment, hours)
        if until is not None:
            if not dry_run:
                for key, entry in found:
                    del outbox[key]
                    outbox[f"{_stamp(until.timestamp())}-{key[13:]}"] = entry
            continue
        entries = sorted((entry for _k, entry in found), key=lambda e: e["held"])
        subject, text = bundle(entries)
        ready.append((entries[-1]["address"], subject, text))
        count += len(entries)
        if not dry_run:
            for key, _entry in found:
                del outbox[key]
    if not dry_run:
        _hand_over(ready)
    return {
        "delivered": len(ready),
        "messages": count,
        "waiting": len(outbox) - (count if dry_run else 0),
    }


def forget_member(userid):
    """Drop the member's held mail (a deleted account)."""
    outbox = _outbox()
    for key in [k for k, e in outbox.items() if e["userid"] == userid]:
        del outbox[key]


def forget_principal(event):
    """IPrincipalDeletedEvent: her held mail and her quiet hours go."""
    userid = getattr(event.principal, "getId", lambda: event.principal)()
    with contextlib.suppress(api.exc.CannotGetPortalError):
        forget_member(userid)
        quiet_hours.forget(userid)


# --- Crisis mail to many: batches after the commit ---------------------------


class _Connection:
    """The site's SMTP settings, for one connection per batch: host, port,
    user name and password from the registry (Plone's mail control panel;
    Products.CMFPlone.patches.sendmail gives the MailHost's SMTPMailer the
    same), TLS from the MailHost. Read in the request's thread."""

    def __init__(self, mailhost):
        record = api.portal.get_registry_record
        self.host = record("plone.smtp_host") or "localhost"
        self.port = int(record("plone.smtp_port") or 25)
        self.user = record("plone.smtp_userid") or None
        self.password = record("plone.smtp_pass") or None
        self.force_tls = bool(getattr(mailhost, "force_tls", False))
        self.implicit_tls = bool(getattr(mailhost, "implicit_tls", False))

    def open(self):
        if self.implicit_tls:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=30)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=30)
        smtp.ehlo_or_helo_if_needed()
        if not self.implicit_tls:
            if smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            elif self.force_tls:
                smtp.close()
                raise RuntimeError("TLS is not available but TLS is required")
        if self.user is not None and self.password is not None:
            smtp.login(self.user, self.password)
        return smtp


def send_batch(addresses, subject, body, now=False, done=None):
    """Crisis mail: the same message to each of ``addresses`` (one message
    each), built and sent after the commit (or at once with ``now``) by one
    thread, ``BATCH`` per SMTP connection. The request only translates the
    text here. ``done``: called in the thread with the number delivered
    (tests, the benchmark). Returns how many addresses it will mail."""
    addresses = sorted({a for a in addresses if a})
    if not addresses:
        return 0
    subject, text = _translate(subject, body)
    args = (*_settings(), addresses, subject, _signed(text), done)
    if now:
        _start_batch(True, *args)
    else:
        transaction.get().addAfterCommitHook(_start_batch, args=args)
    return len(addresses)


def _start_batch(success, mailhost, sender, charset, addresses, subject, text, done):
    if not success:
        return
    try:
        connection = _Connection(mailhost)
    except Exception as error:  # a broken MailHost setting
        logger.warning("Could not send crisis e-mail: %r", type(error))
        return
    thread = threading.Thread(
        target=_talk_batches,
        args=(connection, sender, charset, addresses, subject, text, done),
        name="solna-mail-batch",
    )
    _sending.add(thread)
    thread.start()


def _talk_batches(connection, sender, charset, addresses, subject, text, done):
    delivered = 0
    for start in range(0, len(addresses), BATCH):
        batch = addresses[start : start + BATCH]
        try:
            smtp = connection.open()
        except Exception as error:
            logger.warning("Could not send crisis e-mail: %r", type(error))
            continue
        try:
            for address in batch:
                message, mto, mfrom = _mungeHeaders(
                    text, address, sender, subject, charset
                )
                try:
                    smtp.sendmail(mfrom, mto, message)
                    delivered += 1
                except smtplib.SMTPRecipientsRefused:
                    continue  # one refused address; the others go on
        except Exception as error:  # the connection broke
            logger.warning("Could not send crisis e-mail: %r", type(error))
        finally:
            with contextlib.suppress(Exception):  # already closed
                smtp.quit()
    if done is not None:
        done(delivered)
