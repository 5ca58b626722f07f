"""Jag har läst: read confirmations of must-read news, per person with the
time, and the reminders already sent.

Three annotations of the site, each created by the first write:

- ``ITEMS``: news UID → OOBTree(userid → time confirmed), for the manager's
  completion figures;
- ``PEOPLE``: userid → OOBTree(news UID → time), for "not yet confirmed" on
  the member's start page (one small lookup, whatever the number of news);
- ``REMINDED``: news UID → OOTreeSet(userid), so each person gets one
  reminder per item.

Reading never writes: a page view asks ``confirmed_at`` or
``confirmed_uids``, which answer from an empty dict when nothing was stored.
Only ``confirm`` and ``mark_reminded`` (POST) write. Confirmations are
personal data: they go with the news item when it is deleted and with the
member when the account is removed (subscribers below).
"""

from BTrees.OOBTree import OOTreeSet
from plone import api
from solna.intranet.storage import annotation
from solna.intranet.storage import child

import datetime


ITEMS = "solna.intranet.read_confirmations.items"
PEOPLE = "solna.intranet.read_confirmations.people"
REMINDED = "solna.intranet.read_confirmations.reminded"


def _part(key, create=False):
    return annotation(api.portal.get(), key, create)


def confirm(uid, userid):
    """Store that ``userid`` has read the item ``uid``; the first time
    counts. Returns the time of the confirmation."""
    items = child(_part(ITEMS, create=True), uid)
    if userid in items:
        return items[userid]
    now = datetime.datetime.now(datetime.UTC)
    items[userid] = now
    child(_part(PEOPLE, create=True), userid)[uid] = now
    return now


def confirmed_at(uid, userid):
    """When ``userid`` confirmed the item, or None."""
    return _part(ITEMS).get(uid, {}).get(userid)


def confirmations(uid):
    """{userid: time} of the item."""
    return dict(_part(ITEMS).get(uid, {}))


def confirmed_uids(userid):
    """The UIDs of the items the member has confirmed."""
    return set(_part(PEOPLE).get(userid, {}).keys())


def reminded(uid):
    return set(_part(REMINDED).get(uid, ()))


def mark_reminded(uid, userids):
    done = child(_part(REMINDED, create=True), uid, OOTreeSet)
    for userid in userids:
        done.add(userid)


def forget_item(obj, event):
    """The item is deleted: so are its confirmations and reminders."""
    uid = api.content.get_uuid(obj)
    if not uid:
        return
    people = _part(PEOPLE)
    for userid in _part(ITEMS).pop(uid, {}):
        mine = people.get(userid)
        if mine is not None:
            mine.pop(uid, None)
    _part(REMINDED).pop(uid, None)


def forget_person(event):
    """The account is removed: so are the member's confirmations."""
    userid = getattr(event, "principal", None)
    if not userid:
        return
    items = _part(ITEMS)
    for uid in _part(PEOPLE).pop(userid, {}):
        confirmed = items.get(uid)
        if confirmed is not None:
            confirmed.pop(userid, None)
    for done in _part(REMINDED).values():
        if userid in done:
            done.remove(userid)
