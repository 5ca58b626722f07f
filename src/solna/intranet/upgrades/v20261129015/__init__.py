"""20261129014 → 20261129015: nothing lost under load (issue 13).

- Notiser are read from the catalog: comments record whom they concern
  (indexes ``notice_to``, ``notice_time``), communities who moderates them
  (``community_moderators``). Recent comments (the notices' window) are
  recorded; the old per-member notices go, their read state kept as the
  moment each member had read up to.
- An item's catalog entry holds no comment count any more: items with
  comments lose it once.
- A thread's replies are kept in tree sets.
- Communities keep members and join requests in BTrees, and each member's
  communities are listed for Mitt intranät (``community_members`` goes).
- Units and communities are unordered folders; text indexes keep each
  word's postings in an IIBTree.
- Only Kommunikatörer (new role Communicator) and Webbredaktörer address
  news to all staff; news stored without an audience keeps the old
  default, all staff.
"""

from BTrees.IIBTree import IIBTree
from BTrees.LLBTree import LLSet
from BTrees.LLBTree import LLTreeSet
from DateTime import DateTime
from plone import api
from plone.app.discussion.interfaces import DISCUSSION_ANNOTATION_KEY
from solna.intranet import logger
from solna.intranet.dialogue.comments.moderation import state_of
from solna.intranet.dialogue.communities import membership as communities
from solna.intranet.dialogue.notices import notices
from solna.intranet.storage import annotation
from solna.intranet.upgrades import import_steps
from solna.intranet.workflow.groups import create_groups
from zope.annotation.interfaces import IAnnotations

import time


OLD_NOTICES = "solna.intranet.notices"


def _comments(catalog):
    since = DateTime() - notices.DAYS
    for brain in catalog.unrestrictedSearchResults(portal_type="Discussion Item"):
        comment = brain._unrestrictedGetObject()
        created = comment.creation_date
        when = created.timestamp() if created is not None else time.time()
        if when >= since.timeTime():
            notices.stamp(comment, state_of(comment), when=when)
        yield brain, comment


def _tree_sets(item):
    """A thread's replies as LLTreeSets (see dialogue/patches.py)."""
    conversation = IAnnotations(item).get(DISCUSSION_ANNOTATION_KEY)
    for key, replies in list(getattr(conversation, "_children", {}).items()):
        if isinstance(replies, LLSet):
            conversation._children[key] = LLTreeSet(replies)


def _old_notices(portal):
    """Each member's old notices become the moment they had read up to."""
    old = IAnnotations(portal).pop(OLD_NOTICES, None)
    if not old:
        return
    seen = annotation(portal, notices.SEEN, create=True)
    mailed = annotation(portal, notices.MAILED, create=True)
    now = time.time()
    for userid, mine in old.items():
        unread = [n["time"].timestamp() for n in mine.values() if not n["read"]]
        seen[userid] = min(unread) - 1 if unread else now
        mailed[userid] = now


def _communities(catalog):
    for brain in catalog.unrestrictedSearchResults(portal_type="solna.Community"):
        community = brain._unrestrictedGetObject()
        members = community.__dict__.pop("members", None)
        if members is not None:
            community.members = members
        requests = community.__dict__.pop("join_requests", None)
        for userid in requests or ():
            community.request_to_join(userid, time.time())
        community._p_changed = True
        communities.sync_memberships(community)
        community.reindexObjectSecurity()
        community.reindexObject(idxs=["community_moderators"])


def _unordered(catalog):
    """Units and communities keep no order list (see their classes)."""
    for brain in catalog.unrestrictedSearchResults(
        portal_type=["solna.Unit", "solna.Community"]
    ):
        annotations = IAnnotations(brain._unrestrictedGetObject())
        annotations.pop("plone.folder.ordered.order", None)
        annotations.pop("plone.folder.ordered.pos", None)


def _postings_in_trees(catalog):
    """Text indexes keep every word's postings in an IIBTree (patches.py)."""
    for index in catalog._catalog.indexes.values():
        wordinfo = getattr(getattr(index, "index", None), "_wordinfo", None)
        if wordinfo is None:
            continue
        for wid, postings in list(wordinfo.items()):
            if isinstance(postings, dict):
                wordinfo[wid] = IIBTree(postings)


def _audiences_kept(catalog):
    """News stored without an audience had the old default, all staff; the
    new default depends on where the news is, so keep the old one."""
    for brain in catalog.unrestrictedSearchResults(portal_type="News Item"):
        item = brain._unrestrictedGetObject()
        stored = item.__dict__
        if "audience_all" not in stored:
            item.audience_all = True
        if "audience_units" not in stored:
            item.audience_units = []


def upgrade(context):
    import_steps("rolemap", "catalog")
    create_groups()  # Kommunikatörer get the role Communicator
    _audiences_kept(api.portal.get_tool("portal_catalog"))
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    if "community_members" in catalog.indexes():
        catalog.delIndex("community_members")
    commented = set()
    for brain, comment in _comments(catalog):
        comment.reindexObject(idxs=["notice_to", "notice_time"])
        commented.add(brain.getPath().rpartition("/++conversation++")[0])
    for path in sorted(commented):
        item = portal.unrestrictedTraverse(path.split("/", 2)[-1], None)
        if item is not None:
            _tree_sets(item)
            item.reindexObject(idxs=["total_comments", "last_comment_date"])
    _old_notices(portal)
    _communities(catalog)
    _unordered(catalog)
    _postings_in_trees(catalog)
    logger.info("Upgraded to 20261129015")
