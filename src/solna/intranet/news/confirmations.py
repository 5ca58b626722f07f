"""Jag har läst: read confirmations of must-read news, per person with the
time, and the reminders already sent.

One store on the site (an annotation, created by the first confirmation):

- ``items``: news UID → OOBTree(userid → time confirmed), for the manager's
  completion figures;
- ``people``: userid → OOBTree(news UID → time), for "not yet confirmed" on
  the member's start page (one small lookup, whatever the number of news);
- ``reminded``: news UID → OOTreeSet(userid), so each person gets one
  reminder per item.

Reading never writes: a page view asks ``confirmed_at`` or
``confirmed_uids``, which answer from an empty dict when nothing was stored.
Only ``confirm`` and ``mark_reminded`` (POST) write. Confirmations are
personal data: they go with the news item when it is deleted and with the
member when the account is removed (subscribers below).
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from plone import api
from zope.annotation.interfaces import IAnnotations

import datetime


KEY = "solna.intranet.read_confirmations"


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    if KEY not in annotations:
        if not create:
            return None
        store = OOBTree()
        store["items"], store["people"], store["reminded"] = (
            OOBTree(),
            OOBTree(),
            OOBTree(),
        )
        annotations[KEY] = store
    return annotations[KEY]


def _part(name):
    store = _store()
    return store[name] if store is not None else {}


def confirm(uid, userid):
    """Store that ``userid`` has read the item ``uid``; the first time
    counts. Returns the time of the confirmation."""
    store = _store(create=True)
    items = store["items"].get(uid)
    if items is None:
        items = store["items"][uid] = OOBTree()
    if userid in items:
        return items[userid]
    now = datetime.datetime.now(datetime.UTC)
    items[userid] = now
    mine = store["people"].get(userid)
    if mine is None:
        mine = store["people"][userid] = OOBTree()
    mine[uid] = now
    return now


def confirmed_at(uid, userid):
    """When ``userid`` confirmed the item, or None."""
    return _part("items").get(uid, {}).get(userid)


def confirmations(uid):
    """{userid: time} of the item."""
    return dict(_part("items").get(uid, {}))


def confirmed_uids(userid):
    """The UIDs of the items the member has confirmed."""
    return set(_part("people").get(userid, {}).keys())


def reminded(uid):
    return set(_part("reminded").get(uid, ()))


def mark_reminded(uid, userids):
    store = _store(create=True)
    done = store["reminded"].get(uid)
    if done is None:
        done = store["reminded"][uid] = OOTreeSet()
    for userid in userids:
        done.add(userid)


def forget_item(obj, event):
    """The item is deleted: so are its confirmations and reminders."""
    store = _store()
    uid = api.content.get_uuid(obj) if store is not None else None
    if not uid:
        return
    for userid in store["items"].pop(uid, {}):
        mine = store["people"].get(userid)
        if mine is not None:
            mine.pop(uid, None)
    store["reminded"].pop(uid, None)


def forget_person(event):
    """The account is removed: so are the member's confirmations."""
    store = _store()
    userid = getattr(event, "principal", None)
    if store is None or not userid:
        return
    for uid in store["people"].pop(userid, {}):
        items = store["items"].get(uid)
        if items is not None:
            items.pop(userid, None)
    for done in store["reminded"].values():
        if userid in done:
            done.remove(userid)
