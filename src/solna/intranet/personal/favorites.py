"""Mina favoriter: the pages a member saved, newest first.

Kept per member in one annotation of the site (userid → OOBTree(UID →
time saved)), created on the first save: showing them only reads. A saved
page the member may no longer see, or that is gone, is simply not listed
(the catalog answers, with the member's permissions).
"""

from plone import api
from solna.intranet import _
from solna.intranet.catalog import search
from solna.intranet.storage import annotation
from solna.intranet.storage import child

import datetime


KEY = "solna.intranet.favorites"
#: How many a member may keep.
MAX_FAVORITES = 100


class TooMany(Exception):
    """The member already keeps MAX_FAVORITES."""

    message = _(
        "You already keep ${count} favourites: remove one on Mitt intranät first.",
        mapping={"count": MAX_FAVORITES},
    )


def _store(create=False):
    return annotation(api.portal.get(), KEY, create)


def saved(userid):
    """{UID: time saved} of the member."""
    return dict(_store().get(userid, {}))


def is_favorite(userid, uid):
    return uid in _store().get(userid, {})


def add(userid, uid):
    mine = child(_store(create=True), userid)
    if uid in mine:
        return
    if len(mine) >= MAX_FAVORITES:
        raise TooMany
    mine[uid] = datetime.datetime.now(datetime.UTC)


def remove(userid, uid):
    mine = _store().get(userid)
    if mine is not None and uid in mine:
        del mine[uid]


def favorites(userid):
    """The member's favourites they may still see, newest saved first."""
    mine = saved(userid)
    if not mine:
        return []
    brains = search(UID=list(mine))
    return [
        {
            "@id": brain.getURL(),
            "UID": brain.UID,
            "title": brain.Title,
            "@type": brain.portal_type,
            "saved": mine[brain.UID].isoformat(),
        }
        for brain in sorted(brains, key=lambda b: mine[b.UID], reverse=True)
    ]


def forget_person(event):
    """The account is removed: so are its favourites."""
    userid = getattr(event, "principal", None)
    store = _store()
    if userid and userid in store:
        del store[userid]
