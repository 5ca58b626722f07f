"""Membership of a community: join, request, approve, add, leave; and the
local roles that membership gives."""

from borg.localrole.interfaces import ILocalRoleProvider
from plone import api
from plone.indexer import indexer
from solna.intranet.dialogue.content import ICommunity
from solna.intranet.workflow.groups import STAFF_GROUP
from solna.intranet.workflow.people import fullname
from zope.component import adapter
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import implementer


READER, MEMBER, MODERATOR = (
    "Community Reader",
    "Community Member",
    "Community Moderator",
)
OPEN, CLOSED, SECRET = "open", "closed", "secret"


def visibility(community):
    return api.content.get_state(community, default=OPEN)


@implementer(ILocalRoleProvider)
@adapter(ICommunity)
class CommunityRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self):
        roles = {}
        if visibility(self.context) == OPEN:
            roles[STAFF_GROUP] = (READER,)
        for userid in self.context.members or ():
            roles[userid] = (READER, MEMBER)
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
    if userid in (community.members or ()):
        return "member"
    if userid in (community.join_requests or ()):
        return "requested"
    return "none"


def _changed(community):
    community.reindexObjectSecurity()  # its topics' readers change too
    community.reindexObject(idxs=["community_members"])


@indexer(ICommunity)
def community_members(community):
    """Who is in the community: its members and moderators (for "my
    communities" on Mitt intranät)."""
    return sorted({*(community.members or ()), *(community.moderators or ())})


def join(community, userid):
    """Open: become a member. Closed: ask to. (Secret: only moderators add.)"""
    state = visibility(community)
    if state == OPEN:
        add_member(community, userid)  # once, even on a second click
        return "member"
    if state == CLOSED:
        if userid not in (community.join_requests or ()):
            community.join_requests = (*(community.join_requests or ()), userid)
            from solna.intranet.dialogue.notices import notify

            notify(
                community.moderators or (),
                "join",
                community.Title(),
                community.absolute_url(),
                obj=community,
                text=fullname(userid),
            )
        return "requested"
    return None


def add_member(community, userid):
    """A moderator adds a member (and so approves a request)."""
    if userid not in (community.members or ()):
        community.members = [*(community.members or ()), userid]
    community.join_requests = tuple(
        u for u in (community.join_requests or ()) if u != userid
    )
    _changed(community)


def leave(community, userid):
    community.members = [u for u in (community.members or ()) if u != userid]
    _changed(community)


def reindex_after_transition(community, event):
    """A new visibility changes who reads its topics."""
    _changed(community)


def reindex_after_edit(community, event):
    """Members or moderators changed in the edit form (or REST PATCH); not
    when a topic is added or removed (a ContainerModifiedEvent)."""
    if IContainerModifiedEvent.providedBy(event):
        return
    _changed(community)
