"""Acknowledgements of a crisis, per person: "Jag har sett detta", and when
the crisis asks, "Jag är i säkerhet" or "Jag behöver hjälp".

Stored like read confirmations (news/confirmations.py): a site annotation
``KEY`` (created by the first write; reading never writes) holding, per
crisis UID, an OOBTree userid → record. A record is a plain dict, replaced
on every write::

    {
        "seen": datetime,
        "answer": "safe" | "help" | None,
        "answered": datetime or None,
        "manager_told": datetime,  # optional
    }

all times aware, UTC (``manager_told``: when her manager was last told that
she needs help, crisis/help.py; at most once in 15 minutes). Answering safe
or help also counts as seen; a later answer replaces an earlier one (someone
who needed help and is now safe).

The member's **status** is the strongest thing known: ``help``, ``safe``,
``seen`` or ``none`` (not yet). Answers are personal data: they go with the
item when it is deleted, with the member when the account is removed
(subscribers in configure.zcml), and ``purge`` removes those of crises
ended or expired more than ``KEEP_DAYS`` days ago (the retention rule).
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from solna.intranet.dates import aware
from solna.intranet.storage import annotation
from solna.intranet.storage import child

import datetime


KEY = "solna.intranet.crisis.answers"
SEEN, SAFE, HELP, NONE = "seen", "safe", "help", "none"
ANSWERS = (SAFE, HELP)
#: Statuses from the strongest; ``status`` gives one of them.
STATUSES = (HELP, SAFE, SEEN, NONE)
#: Answers are kept this many days after the crisis ended or expired.
KEEP_DAYS = 30


def _tree(create=False):
    return annotation(api.portal.get(), KEY, create)


def record(uid, userid, kind, now=None):
    """Store that ``userid`` has seen the crisis ``uid`` (``kind`` "seen")
    or answered ``kind`` "safe" / "help". Returns the stored record (see
    the module). Raises ValueError for another kind."""
    if kind not in (SEEN, *ANSWERS):
        raise ValueError(f"not an acknowledgement: {kind!r}")
    now = now or datetime.datetime.now(datetime.UTC)
    people = child(_tree(create=True), uid)
    old = people.get(userid) or {}
    new = {
        "seen": old.get("seen") or now,
        "answer": old.get("answer"),
        "answered": old.get("answered"),
    }
    if kind in ANSWERS:
        new["answer"], new["answered"] = kind, now
    if new != old:
        people[userid] = new
    return new


def of(uid, userid):
    """The member's record for the crisis ``uid``, or None."""
    return _tree().get(uid, {}).get(userid)


def answers(uid):
    """{userid: record} of the crisis ``uid`` (a live mapping: read only)."""
    return _tree().get(uid, {})


def status(found):
    """The status of a record (or None): help, safe, seen or none."""
    if not found:
        return NONE
    return found.get("answer") or SEEN


def done(found, asks_safety):
    """Has the member answered what the crisis asks? (The banner stays
    until then.) Seen, for a crisis that does not ask about safety; safe or
    help for one that does."""
    if asks_safety:
        return status(found) in ANSWERS
    return status(found) != NONE


def forget_item(obj, event):
    """The news item is deleted: so are the answers to it."""
    uid = api.content.get_uuid(obj)
    tree = _tree()
    if uid and uid in tree:
        del tree[uid]


def forget_person(event):
    """The account is removed: so are the member's answers."""
    userid = getattr(event, "principal", None)
    if not userid:
        return
    for people in _tree().values():
        if userid in people:
            del people[userid]


def purge(now=None, dry_run=False):
    """Remove the answers of crises ended or expired more than KEEP_DAYS
    days before ``now`` (and of items that are gone); with ``dry_run`` only
    count them. Returns (crises, answers): how many crises' answers were (or
    would be) removed, and how many answers that was. (The nightly
    retention job, forms/services.py Purge, runs it.)"""
    from solna.intranet.crisis.state import ended

    now = now or datetime.datetime.now(datetime.UTC)
    limit = now - datetime.timedelta(days=KEEP_DAYS)
    tree = _tree()
    removed = people = 0
    for uid in list(tree.keys()):
        try:  # unrestricted: the job's account may not view the item
            item = uuidToObject(uid, unrestricted=True)
        except (KeyError, AttributeError):  # catalogued, but gone
            item = None
        finished = None
        if item is not None:
            stopped = ended(item)
            if stopped is not None:
                finished = stopped[0]
            elif item.expires() is not None:
                finished = aware(item.expires())
            if finished is None or finished > limit:
                continue
        people += len(tree[uid])
        removed += 1
        if not dry_run:
            del tree[uid]
    return removed, people
