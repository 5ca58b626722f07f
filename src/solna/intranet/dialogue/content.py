"""Nätverk (community) and Diskussion (topic).

A community's visibility is its workflow state (solna_community_workflow):
*Öppet* (every staff member reads it and may join), *Stängt* (everyone sees
that it exists; only members read it; joining is by request) or *Hemligt*
(only members know it exists). Members and moderators are lists of logins
on the community; a borg.localrole provider turns them into the local roles
Community Member / Community Moderator, and in an open community gives every
staff member (the group Medarbetare) Community Reader. Topics are readable
by Community Reader only (solna_topic_workflow), so the catalog, search,
listings and REST never show a closed or secret community's topics to
anyone else.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from solna.intranet import _
from solna.intranet.containers import items_change_nothing
from solna.intranet.forms.validators import isAttachment
from solna.intranet.security.fetching import fetchable
from zope import schema
from zope.interface import implementer
from zope.schema import ValidationError


class NotAWebAddress(ValidationError):
    __doc__ = _("Give a web address starting with https:// or http://.")


def web_address(value):
    if not value.lower().startswith(("https://", "http://")):
        raise NotAWebAddress(value)
    return True


class RefusedAttachment(ValidationError):
    def doc(self):
        return self.args[0]


def attachment(value):
    """The e-forms' rule for attachments: types and size (isAttachment)."""
    why = isAttachment(value)
    if why:
        raise RefusedAttachment(why)
    return True


class ICommunity(model.Schema):
    text = RichText(
        title=_("About the community"),
        description=_("Who it is for and what you talk about here."),
        required=False,
    )
    directives.write_permission(members="solna.intranet.ModerateCommunity")
    members = schema.List(
        title=_("Members"),
        description=_("Login names, one per line."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    directives.write_permission(moderators="solna.intranet.AssignCommunityModerators")
    moderators = schema.List(
        title=_("Moderators"),
        description=_(
            "Login names, one per line. They approve join requests, add "
            "members and moderate the discussion."
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    model.fieldset("feeds", label=_("Environmental scanning"), fields=["feeds"])
    feeds = schema.List(
        title=_("Feeds to follow"),
        description=_(
            "Web addresses of RSS or Atom feeds, one per line. New articles "
            "appear under Omvärldsbevakning, fetched every hour."
        ),
        value_type=schema.URI(constraint=web_address),
        required=False,
        default=[],
        constraint=fetchable,
    )


class ITopic(model.Schema):
    text = schema.Text(
        title=_("Text"),
        description=_("What do you want to discuss or share?"),
        required=True,
    )
    link = schema.URI(
        title=_("Link"),
        description=_("A page or an article you share with the community."),
        required=False,
        constraint=web_address,
    )
    attachment = NamedBlobFile(
        title=_("Attachment"),
        description=_("A PDF, photo or office document, at most 10 MB."),
        required=False,
        constraint=attachment,
    )


@items_change_nothing
@implementer(ICommunity)
class Community(Container):
    """Members are kept in a BTree set and join requests in a BTree (login →
    time), not in lists on the community: many staff joining at once then
    write different buckets instead of the same community object (which
    ZODB can only refuse: a ConflictError). The ``members`` field reads and
    writes the set, so the edit form and REST see a list as before."""

    _members = None
    _join_requests = None
    #: Topics are listed by activity from the catalog: no order list that
    #: every new topic rewrites (see organisation.content.Unit).
    _ordering = "unordered"

    @property
    def members(self):
        return list(self._members) if self._members is not None else []

    @members.setter
    def members(self, value):
        wanted = set(value or ())
        before = set(self._members or ())
        if wanted == before:
            return
        from solna.intranet.security.grants import members_edited

        members_edited(self, before, wanted)
        if self._members is None:
            self._members = OOTreeSet()
        for userid in before - wanted:
            self._members.remove(userid)
        for userid in wanted - before:
            self._members.insert(userid)

    def add_member(self, userid):
        """True when the login was not a member before."""
        if self._members is None:
            self._members = OOTreeSet()
        return bool(self._members.insert(userid))

    def remove_member(self, userid):
        if self._members is not None and userid in self._members:
            self._members.remove(userid)

    def is_member(self, userid):
        return self._members is not None and userid in self._members

    @property
    def join_requests(self):
        """The logins that asked to join, oldest first."""
        found = self._join_requests or {}
        return tuple(sorted(found, key=found.get))

    def request_to_join(self, userid, when):
        if self._join_requests is None:
            self._join_requests = OOBTree()
        if userid not in self._join_requests:
            self._join_requests[userid] = when

    def requested_at(self, userid):
        return (self._join_requests or {}).get(userid)

    def drop_request(self, userid):
        if self._join_requests is not None and userid in self._join_requests:
            del self._join_requests[userid]


@implementer(ITopic)
class Topic(Item):
    pass
