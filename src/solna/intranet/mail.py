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
from the MailHost, STARTTLS when the server offers it, without checking the
certificate, exactly as SMTPMailer does (``_Connection``). A refused
message does not stop the others; after ``ATTEMPTS`` failed connections in
a row the rest is given up; one log line gives the counts (no addresses).
Held mail goes after ``MAX_HELD`` (a week) whatever the quiet hours say.
"""

from email import message_from_string
from email.utils import format_datetime
from email.utils import formataddr
from plone import api
from Products.MailHost.MailHost import _mungeHeaders
from solna.intranet import _
from solna.intranet import logger
from solna.intranet import quiet_hours
from solna.intranet.dates import zone
from solna.intranet.storage import annotation
from zope.i18n import translate

import contextlib
import datetime
import secrets
import smtplib
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
#: Crisis mail to many: seconds an SMTP connection waits (as SMTPMailer),
#: connections failing in a row before the rest is given up, and seconds
#: for the whole sending at most.
TIMEOUT = 10
ATTEMPTS = 3
DEADLINE = 15 * 60
#: Seconds mail is held at most: then it goes whatever the quiet hours say
#: (settings that leave no time free, a job that never finds them over).
MAX_HELD = 7 * 24 * 3600


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
            _mungeHeaders(_message(body), email, sender, subject, charset)
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


def _message(body):
    """The message for ``body`` with its Date header (RFC 5322).

    The Date is an aware datetime in the site's zone, written with its
    own offset (the MailHost would date it with Zope's ``DateTime()``, in
    the process's zone: right since ``dates.follow_process_zone``, an hour
    ahead before it, issue 18's fourth trial, finding 6). The body is the
    message's body whatever its first line says (the MailHost would read a
    first line "Status: Klar" as a header)."""
    message = message_from_string("\n" + body)
    message["Date"] = format_datetime(datetime.datetime.now(zone()))
    return message


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
        "held": quiet_hours.clock().timestamp(),
    }


def held(userid=None):
    """Messages waiting (all, or the member's): [(key, entry)]."""
    return [
        (key, entry)
        for key, entry in _outbox().items()
        if userid is None or entry["userid"] == userid
    ]


def reschedule(userid, moment=None):
    """Her quiet hours changed: her held mail is due when her new quiet
    hours end, or at once (the next run of the job) when it is not quiet
    for her at ``moment`` (default ``quiet_hours.clock()``); never later
    than a week after it was held. Returns the number of messages moved."""
    moment = moment or quiet_hours.clock()
    until = quiet_hours.quiet_until(moment, quiet_hours.get(userid))
    due = (until or moment).timestamp()
    outbox = _outbox()
    moved = 0
    for key, entry in held(userid):
        new_key = f"{_stamp(min(due, entry['held'] + MAX_HELD))}-{key[13:]}"
        if new_key != key:
            del outbox[key]
            outbox[new_key] = entry
            moved += 1
    return moved


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
    is still quiet for her keeps waiting until they end, but never longer
    than ``MAX_HELD`` (a week) after it was held. Returns
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
        oldest = min(entry["held"] for _k, entry in found)
        if until is not None and moment.timestamp() - oldest >= MAX_HELD:
            until = None  # held a week: delivered whatever her hours say
        if until is not None:
            # At the latest when the oldest has waited a week.
            until = min(until.timestamp(), oldest + MAX_HELD)
            if not dry_run:
                for key, entry in found:
                    del outbox[key]
                    outbox[f"{_stamp(until)}-{key[13:]}"] = entry
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
    same), TLS from the MailHost. Read in the request's thread.

    TLS as zope.sendmail's SMTPMailer (zope/sendmail/mailer.py), which
    sends every other mail of the site: ``starttls()`` with smtplib's
    default context when the server offers it (the certificate is not
    verified: behind a local Postfix with its self-signed "snakeoil"
    certificate crisis mail goes wherever other mail goes), implicit TLS
    with ``SMTP_SSL`` likewise, "force TLS" refuses a server without
    STARTTLS, and its timeout (``TIMEOUT`` seconds)."""

    def __init__(self, mailhost=None, **settings):
        if mailhost is not None:
            record = api.portal.get_registry_record
            settings = {
                "host": record("plone.smtp_host") or "localhost",
                "port": int(record("plone.smtp_port") or 25),
                "user": record("plone.smtp_userid") or None,
                "password": record("plone.smtp_pass") or None,
                "force_tls": bool(getattr(mailhost, "force_tls", False)),
                "implicit_tls": bool(getattr(mailhost, "implicit_tls", False)),
            }
        self.host = settings.get("host", "localhost")
        self.port = int(settings.get("port", 25))
        self.user = settings.get("user")
        self.password = settings.get("password")
        self.force_tls = settings.get("force_tls", False)
        self.implicit_tls = settings.get("implicit_tls", False)

    def open(self):
        """A connection ready to send (greeted, TLS, logged in), or an
        exception; a connection that fails on the way is closed."""
        if self.implicit_tls:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
        try:
            smtp.ehlo_or_helo_if_needed()
            if not self.implicit_tls:
                if smtp.has_extn("starttls"):
                    smtp.starttls()  # as SMTPMailer: no certificate check
                    smtp.ehlo()
                elif self.force_tls:
                    raise RuntimeError("TLS is not available but TLS is required")
            if smtp.does_esmtp and self.user is not None and self.password is not None:
                smtp.login(self.user, self.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def connect(self):
        """``open``, or None (logged without addresses) when it fails."""
        try:
            return self.open()
        except Exception as error:  # down, refused, TLS, login, timeout
            logger.warning("Could not connect to send crisis e-mail: %r", type(error))
            return None


def _close(smtp):
    try:
        smtp.quit()
    except Exception:  # already gone, or a TLS error while quitting
        smtp.close()


def send_batch(addresses, subject, body, now=False, done=None):
    """Crisis mail: the same message to each of ``addresses`` (one message
    each), built and sent after the commit (or at once with ``now``) by one
    thread, ``BATCH`` per SMTP connection. The request only translates the
    text here. ``done``: called in the thread with the number delivered
    (tests, the benchmark). Returns how many addresses it will mail.

    A message the server refuses (a refused recipient, a 5xx on DATA)
    does not stop the others; a connection that drops is opened again
    once for the message; after ``ATTEMPTS`` connections in a row fail
    (the server is down) the rest is given up, and after ``DEADLINE``
    seconds in all too: the thread is not a daemon (a script's process
    still sends what it owes) but ends. One log line says how many were
    sent and how many not (counts, never addresses)."""
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


def _one(smtp, message, mto, mfrom):
    """Send one message: "sent", "refused" (this message only; the
    connection goes on), "closed" (refused, and the server closed) or
    "broken" (the connection broke: try again on a new one)."""
    try:
        smtp.sendmail(mfrom, mto, message)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
        # smtplib has reset the session (or closed it on a 421)
        return "closed" if getattr(error, "smtp_code", None) == 421 else "refused"
    except smtplib.SMTPServerDisconnected:
        return "broken"
    except smtplib.SMTPException:  # e.g. SMTPUTF8 not supported
        return "refused"
    except OSError:  # a timeout, a reset connection, TLS
        return "broken"
    return "sent"


def _talk_batches(connection, sender, charset, addresses, subject, text, done):
    """Send to ``addresses`` (see ``send_batch``); returns (sent, not sent)."""
    deadline = time.monotonic() + DEADLINE
    sent = refused = 0
    smtp, on_this, down, retried = None, 0, 0, None
    position = 0
    while position < len(addresses) and time.monotonic() < deadline:
        if smtp is None:
            smtp = connection.connect()
            if smtp is None:
                down += 1
                if down >= ATTEMPTS:
                    break
                continue
            down, on_this = 0, 0
        message, mto, mfrom = _mungeHeaders(
            _message(text), addresses[position], sender, subject, charset
        )
        outcome = _one(smtp, message, mto, mfrom)
        if outcome in ("broken", "closed"):
            smtp.close()
            smtp = None
            if outcome == "broken" and retried != position:
                retried = position  # once more, on a new connection
                continue
        if outcome == "sent":
            sent += 1
        else:
            refused += 1
        position += 1
        on_this += 1
        if smtp is not None and on_this >= BATCH:
            _close(smtp)
            smtp = None
    if smtp is not None:
        _close(smtp)
    if position < len(addresses):
        logger.warning(
            "Crisis e-mail: gave up after %d failed connections in a row or %d "
            "seconds; %d messages not sent",
            down,
            DEADLINE,
            len(addresses) - position,
        )
    (logger.info if sent == len(addresses) else logger.warning)(
        "Crisis e-mail: %d sent, %d not sent (%d refused by the mail server)",
        sent,
        len(addresses) - sent,
        refused,
    )
    if done is not None:
        done(sent)
    return sent, len(addresses) - sent
