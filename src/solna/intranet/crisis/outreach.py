"""Kris by e-mail (issue 19): a crisis goes out at once to its audience,
whatever the hour; those who have not acknowledged it get one reminder;
and the job ``solna-mail`` (``@skicka-epost``) sends what is due.

- **Crisis mail**: when a crisis becomes active (published with priority
  Kris, made Kris once published, or, for a future publishing date, when
  the job first runs after it), one mail to each member of its audience
  (news/readers.py ``Staff().audience``: the item's units and their
  sub-units, professions, or all staff), the addresses read from the
  profile sheets in the same pass. Once per crisis (``KEY``). The request
  only decides the addresses; the messages are built and sent after the
  commit by a thread, in batches over one SMTP connection each
  (mail.send_batch). Subject "Kris: <titel>", the description and text,
  the link and what the crisis asks (answer on the intranet: Jag har sett
  detta / Jag är i säkerhet / Jag behöver hjälp). Push is push/events.py's.
- **Reminder**: ``crisis_reminder_minutes`` (behaviour ``solna.crisis``,
  default 30) after the crisis mail, once, to those in the audience who
  have not done what it asks (answers.done), while it is still active.
- **The job** (``run``): reminders due, crisis mail of crises whose
  publishing date has come, and mail held for the quiet hours whose time
  has come (mail.release).

**Stored**: a site annotation ``KEY`` {crisis UID: {"mailed": seconds,
"count": n, "reminded": seconds, "reminded_count": n, "tokens": the
audience's tokens when mailed}}, no personal data; removed with the item.
When Krisledning widens the audience of a crisis already mailed, those
added are mailed then (``widened``).
"""

from DateTime import DateTime
from lxml import html
from plone import api
from solna.intranet import _
from solna.intranet import mail
from solna.intranet import quiet_hours
from solna.intranet.crisis import answers
from solna.intranet.crisis.behaviors import ICrisis
from solna.intranet.crisis.behaviors import REMINDER_MINUTES
from solna.intranet.crisis.state import active_query
from solna.intranet.crisis.state import is_active
from solna.intranet.crisis.state import is_crisis
from solna.intranet.dates import aware
from solna.intranet.news.audience import tokens_of
from solna.intranet.news.readers import Staff
from solna.intranet.rest import JobService
from solna.intranet.storage import annotation
from zope.i18n import translate
from zope.i18nmessageid import Message

import contextlib
import datetime


KEY = "solna.intranet.crisis.outreach"
#: Crises published longer ago than this are not mailed by the job (an old
#: crisis found active at the first run after an upgrade).
CATCH_UP = datetime.timedelta(days=1)
#: Reminders are looked for among crises mailed this long ago at most
#: (crisis_reminder_minutes is at most a day).
REMIND_WINDOW = datetime.timedelta(days=2)

SUBJECT = _("crisis_mail_subject", default="Crisis: ${title}")
REMINDER_SUBJECT = _(
    "crisis_mail_reminder_subject", default="Reminder – Crisis: ${title}"
)
BODY = _(
    "crisis_mail_body",
    default="${text}\n\nRead more and answer on the intranet:\n${url}\n\n${asks}",
)
REMINDER_BODY = _(
    "crisis_mail_reminder_body",
    default="You have not yet answered the crisis message below.\n\n${text}\n\n"
    "Answer on the intranet:\n${url}\n\n${asks}",
)
ASKS_SEEN = _(
    "crisis_mail_asks_seen",
    default="Answer Jag har sett detta on the intranet.",
)
ASKS_SAFETY = _(
    "crisis_mail_asks_safety",
    default="Answer on the intranet: Jag är i säkerhet, or Jag behöver hjälp "
    "if you need help (your manager is told at once).",
)


def _records(create=False):
    return annotation(api.portal.get(), KEY, create)


def record_of(item):
    """What was mailed for the crisis ``item`` ({"mailed", "count",
    "reminded", "reminded_count"}), or None."""
    return _records().get(api.content.get_uuid(item))


def _now():
    return quiet_hours.clock()


def _addresses(userids):
    """{userid: e-mail} of members, from the profile sheets in one pass
    (no member object is woken)."""
    plugin = api.portal.get_tool("acl_users")["mutable_properties"]
    storage = plugin._storage
    found = {}
    for userid in userids:
        sheet = storage.get(userid)
        if sheet and sheet.get("email"):
            found[userid] = sheet["email"]
    return found


def _plain(item):
    """The item's description and text, as plain text."""
    parts = [item.Description() or ""]
    text = getattr(item, "text", None)
    if text is not None and getattr(text, "raw", ""):
        with contextlib.suppress(Exception):  # no HTML: the description only
            parts.append(" ".join(html.fromstring(text.raw).text_content().split()))
    return "\n\n".join(p for p in parts if p.strip())


def _title(item, message):
    """ "Kris: <titel>", not "Kris: Kris: …" for a title that starts so."""
    language = api.portal.get_default_language()
    title = item.Title()
    prefix = translate(
        Message(message, mapping={"title": ""}), target_language=language
    ).strip()
    if message is SUBJECT and title.casefold().startswith(prefix.casefold()):
        return title
    return Message(message, mapping={"title": title})


def _body(item, message):
    crisis = ICrisis(item, None)
    asks = ASKS_SAFETY if crisis and crisis.crisis_asks_safety else ASKS_SEEN
    language = api.portal.get_default_language()
    return Message(
        message,
        mapping={
            "text": _plain(item),
            "url": item.absolute_url(),
            "asks": translate(asks, target_language=language),
        },
    )


def audience(item):
    """The user ids the crisis ``item`` is meant for."""
    return Staff().audience(tokens_of(item))


def mail_crisis(item, now=None):
    """Mail the crisis to its audience, once (after the commit, in
    batches). Returns the number of addresses, or None when it had been
    mailed already. The record keeps the audience's tokens, so that
    members added to the audience later are mailed too (``widened``)."""
    uid = api.content.get_uuid(item)
    records = _records(create=True)
    if uid in records:
        return None
    now = now or _now()
    addresses = _addresses(audience(item))
    count = mail.send_batch(
        addresses.values(), _title(item, SUBJECT), _body(item, BODY)
    )
    records[uid] = {
        "mailed": now.timestamp(),
        "count": count,
        "tokens": tuple(tokens_of(item)),
    }
    return count


def widened(item):
    """Krisledning widened the audience of a crisis already mailed: mail
    those who are in it now and were not before (once; the record keeps
    the new tokens). Returns the number mailed."""
    uid = api.content.get_uuid(item)
    found = _records().get(uid)
    tokens = tuple(tokens_of(item))
    if not found or "tokens" not in found or found["tokens"] == tokens:
        return 0
    staff = Staff()
    added = staff.audience(tokens) - staff.audience(found["tokens"])
    count = 0
    if added:
        count = mail.send_batch(
            _addresses(added).values(), _title(item, SUBJECT), _body(item, BODY)
        )
    _records(create=True)[uid] = {
        **found,
        "tokens": tokens,
        "count": found.get("count", 0) + count,
    }
    return count


def stamp(item, now=None):
    """Record the crisis as mailed and reminded without mailing (the
    upgrade that introduced crisis mail: crises published before it are
    not mailed when next edited)."""
    now = (now or _now()).timestamp()
    uid = api.content.get_uuid(item)
    records = _records(create=True)
    if uid not in records:
        records[uid] = {
            "mailed": now,
            "count": 0,
            "reminded": now,
            "reminded_count": 0,
            "tokens": tuple(tokens_of(item)),
        }


def _minutes(item):
    crisis = ICrisis(item, None)
    minutes = getattr(crisis, "crisis_reminder_minutes", None) if crisis else None
    return minutes if minutes else REMINDER_MINUTES


def not_done(item):
    """The user ids in the crisis's audience who have not done what it
    asks (seen; or safe / help when it asks about safety)."""
    crisis = ICrisis(item, None)
    asks_safety = bool(crisis and crisis.crisis_asks_safety)
    found = answers.answers(api.content.get_uuid(item))
    return {
        userid
        for userid in audience(item)
        if not answers.done(found.get(userid), asks_safety)
    }


def remind(item, now=None, dry_run=False):
    """The reminder of the crisis ``item`` if it is due at ``now``: once,
    ``crisis_reminder_minutes`` after its mail, to those who have not
    acknowledged. Returns the number reminded, or None when not due."""
    now = now or _now()
    uid = api.content.get_uuid(item)
    found = _records().get(uid)
    if not found or found.get("reminded") is not None:
        return None
    if now.timestamp() < found["mailed"] + _minutes(item) * 60:
        return None
    addresses = _addresses(not_done(item))
    if dry_run:
        return len(addresses)
    count = mail.send_batch(
        addresses.values(),
        _title(item, REMINDER_SUBJECT),
        _body(item, REMINDER_BODY),
    )
    _records(create=True)[uid] = {
        **found,
        "reminded": now.timestamp(),
        "reminded_count": count,
    }
    return count


def _crises(now, since):
    """Published crises (Kris, not ended) whose publishing date lies
    between ``now - since`` and ``now``, active at ``now``."""
    catalog = api.portal.get_tool("portal_catalog")
    query = active_query(
        effective={
            "query": [DateTime(now - since), DateTime(now)],
            "range": "min:max",
        }
    )
    del query["effectiveRange"]
    for brain in catalog.unrestrictedSearchResults(**query):
        item = brain._unrestrictedGetObject()
        if is_active(item, now=DateTime(now)):
            yield item


def _unreminded(now):
    """Crises mailed within REMIND_WINDOW before ``now`` and not yet
    reminded, still active at ``now``."""
    since = (now - REMIND_WINDOW).timestamp()
    catalog = api.portal.get_tool("portal_catalog")
    for uid, found in list(_records().items()):
        if found.get("reminded") is not None or found["mailed"] < since:
            continue
        for brain in catalog.unrestrictedSearchResults(UID=uid):
            item = brain._unrestrictedGetObject()
            if is_active(item, now=DateTime(now)):
                yield item


# --- Subscribers -------------------------------------------------------------


def _recent(item, now=None):
    """Was the item published less than CATCH_UP ago? (Crisis news older
    than that, found active, is not mailed: the job's rule too.)"""
    effective = item.effective_date
    if effective is None:
        return True
    now = now or _now()
    return aware(effective) >= now - CATCH_UP


def announce(item):
    """Mail the crisis at once if it is active now (a future publishing
    date: the job mails it when that comes); a crisis already mailed whose
    audience grew: mail those added."""
    if not is_crisis(item) or not is_active(item):
        return
    if record_of(item) is not None:
        widened(item)
        return
    if _recent(item):
        mail_crisis(item)


def news_transitioned(item, event):
    """IAfterTransitionEvent of news: published."""
    if event.new_state is not None and event.new_state.id == "published":
        announce(item)


def news_modified(item, event):
    """IObjectModifiedEvent of news: made Kris once published."""
    announce(item)


def forget_item(item, event):
    """The item is deleted: so is its record."""
    uid = api.content.get_uuid(item)
    records = _records()
    if uid and uid in records:
        del records[uid]


# --- The job -----------------------------------------------------------------


def run(dry_run=False, now=None):
    """What ``solna-mail`` does (see the module). Returns {"items": [{"@id":
    crisis URL, "mailed" or "reminded": n}], "mailed", "reminded",
    "delivered", "messages", "waiting"}."""
    now = now or _now()
    items, mailed, reminded = [], 0, 0
    for item in _crises(now, CATCH_UP):
        if record_of(item) is not None:
            continue
        count = len(_addresses(audience(item))) if dry_run else mail_crisis(item, now)
        items.append({"@id": item.absolute_url(), "mailed": count})
        mailed += count or 0
    for item in _unreminded(now):
        count = remind(item, now=now, dry_run=dry_run)
        if count is not None:
            items.append({"@id": item.absolute_url(), "reminded": count})
            reminded += count
    held = mail.release(now, dry_run=dry_run)
    return {"items": items, "mailed": mailed, "reminded": reminded, **held}


class Job(JobService):
    """@skicka-epost, the job solna-mail (every 5 minutes): GET what it
    would send now, POST send it. Answer: {"@id", "dry_run", "items":
    [{"@id": crisis URL, "mailed" | "reminded": addresses}], "items_total",
    "mailed", "reminded", "delivered" (members whose held mail went),
    "messages" (held messages in them), "waiting" (messages still held)}."""

    name = "@skicka-epost"

    def act(self, dry_run, on):
        return run(dry_run=dry_run)
