"""Membership of a community: join, request, approve, add, leave; the local
roles that membership gives; and which communities a member is in.

Joining writes as little as possible, so that many staff may join one
community at the same moment: the member goes into the community's BTree
set and the community's UID into the member's own entry of
``MEMBERSHIPS`` (a site annotation: login → set of UIDs, what "my
communities" on Mitt intranät reads). In an open community every staff
member already reads everything (the group Medarbetare is Community
Reader), so a member only gains Community Member: who may *read* does not
change and nothing is reindexed. In a closed or secret community a member
also becomes Community Reader, so the community and its topics are
reindexed (their readers change); that happens when a moderator approves
or adds someone, not in a rush.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from BTrees.OOBTree import OOTreeSet
from plone import api
from plone.indexer import indexer
from solna.intranet import _
from solna.intranet.dialogue.content import ICommunity
from solna.intranet.members import by_login
from solna.intranet.members import fullname
from solna.intranet.members import member
from solna.intranet.security.grants import record_members
from solna.intranet.storage import annotation
from solna.intranet.storage import child
from solna.intranet.workflow.groups import STAFF_GROUP
from solna.intranet.workflow.localroles import fields_may_have_changed
from zope.component import adapter
from zope.interface import implementer

import time


READER, MEMBER, MODERATOR = (
    "Community Reader",
    "Community Member",
    "Community Moderator",
)
OPEN, CLOSED, SECRET = "open", "closed", "secret"
MEMBERSHIPS = "solna.intranet.community_memberships"


def visibility(community):
    return api.content.get_state(community, default=OPEN)


@implementer(ILocalRoleProvider)
@adapter(ICommunity)
class CommunityRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self):
        roles = {}
        is_open = visibility(self.context) == OPEN
        if is_open:
            roles[STAFF_GROUP] = (READER,)
        for userid in self.context.members:
            # Open: everyone reads already (the group); joining changes
            # nothing the catalog knows about.
            roles[userid] = (MEMBER,) if is_open else (READER, MEMBER)
        for userid in self.context.moderators or ():
            roles[userid] = (READER, MEMBER, MODERATOR)
        return roles

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        return self._assignments().items()


def status(community, userid):
    """moderator, member, requested or none."""
    if userid in (community.moderators or ()):
        return "moderator"
    if community.is_member(userid):
        return "member"
    if community.requested_at(userid) is not None:
        return "requested"
    return "none"


def requests_of(community):
    """[(login, seconds since the epoch)] of those asking to join."""
    return [(u, community.requested_at(u)) for u in community.join_requests]


@indexer(ICommunity)
def community_moderators(community):
    """Who moderates the community (their notices of join requests)."""
    return sorted(community.moderators or ())


# Which communities a member is in


def _memberships(create=False):
    return annotation(api.portal.get(), MEMBERSHIPS, create)


def communities_of(userid):
    """The UIDs of the communities the member is in (member or moderator)."""
    return set(_memberships().get(userid, ()))


def _enter(userid, uid):
    child(_memberships(create=True), userid, OOTreeSet).insert(uid)


def _quit(userid, uid):
    mine = _memberships().get(userid)
    if mine is not None and uid in mine:
        mine.remove(uid)


def sync_memberships(community, event=None):
    """Bring MEMBERSHIPS in line with the community's members and moderators
    (after an edit, a creation or an upgrade)."""
    uid = api.content.get_uuid(community)
    if not uid:
        return
    inside = set(community.members) | set(community.moderators or ())
    for userid, mine in list(_memberships().items()):
        if uid in mine and userid not in inside:
            mine.remove(uid)
    for userid in inside:
        _enter(userid, uid)


def forget_community(community, event):
    """The community is deleted: nobody is in it any more."""
    uid = api.content.get_uuid(community)
    for mine in _memberships().values():
        if uid in mine:
            mine.remove(uid)


def _readers_changed(community):
    """The community's and its topics' readers changed: reindex them."""
    community.reindexObjectSecurity()
    community.reindexObject(idxs=["community_moderators"])


# Joining and leaving


def join(community, userid):
    """Open: become a member. Closed: ask to. (Secret: only moderators add.)"""
    state = visibility(community)
    if state == OPEN:
        add_member(community, userid)  # once, even on a second click
        return "member"
    if state == CLOSED:
        community.request_to_join(userid, time.time())
        return "requested"
    return None


def add_member(community, userid):
    """A moderator adds a member (and so approves a request); the grant is
    logged (joining an open community oneself is not a grant)."""
    added = community.add_member(userid)
    community.drop_request(userid)
    if added and userid != api.user.get_current().getId():
        record_members(community, added=(userid,))
    _enter(userid, api.content.get_uuid(community))
    if added and visibility(community) != OPEN:
        _readers_changed(community)


def leave(community, userid):
    was_member = community.is_member(userid)
    community.remove_member(userid)
    if userid not in (community.moderators or ()):
        _quit(userid, api.content.get_uuid(community))
    if was_member and visibility(community) != OPEN:
        _readers_changed(community)


def creator_moderates(community, event):
    """Whoever starts a community moderates it, unless moderators were
    chosen (only moderators and Webbredaktörer choose them)."""
    if not community.moderators:
        userid = api.user.get_current().getId()
        if userid:
            community.moderators = [userid]


def reindex_after_transition(community, event):
    """A new visibility changes who reads its topics."""
    _readers_changed(community)


def reindex_after_edit(community, event):
    """Members or moderators changed in the edit form (or REST PATCH); not
    when a topic is added or removed, or other fields changed."""
    if not fields_may_have_changed(event, ("members", "moderators")):
        return
    _readers_changed(community)
    sync_memberships(community)


# What a member does on the community's page (and REST @natverk)


def can_moderate(community):
    return api.user.has_permission("solna.intranet: Moderate community", obj=community)


def act(community, action, userid=""):
    """join / leave for oneself; add (also: approve a request) for moderators.
    Returns the message to show, or None if not allowed."""
    me = api.user.get_current().getId()
    if action == "join":
        result = join(community, me)
        return {
            "member": _("Welcome! You are a member now."),
            "requested": _("Your request is sent to the moderators."),
        }.get(result)
    if action == "leave":
        leave(community, me)
        return _("You have left the community.")
    if action == "add" and can_moderate(community):
        user = member(userid) or by_login(userid)
        if user is None:
            return _("There is no staff member with that login.")
        add_member(community, user.getId())
        return _("The member is added.")
    return None


def requester_names(community):
    return [{"userid": u, "name": fullname(u)} for u in community.join_requests]
