"""Comment moderation, and the one rule for who sees, edits and deletes a
comment, which every route applies (the page, plone.restapi's @comments,
our @moderering and @anmal, Plone's moderation screens, notices, Mitt
intranät, Chefens sida).

- A comment starts in the state *Väntar* (pending). In an open place it is
  published at once (``publish_if_open``); in a pre-moderated place it waits
  for a moderator: whoever has *Review comments* there (the unit's Chef, a
  Kommunikatör, HR-granskare for HR's pages, a community's moderators).
- Who sees it (``may_see``): a published comment, whoever sees the item; a
  held one, its author and its moderators only. That is the comment
  workflow's View permission (the author is the comment's Owner), so the
  catalog applies the same rule to every search and listing.
- Who edits it (``may_edit``): its author, while editing is on (Plone's
  discussion settings). Moderators do not rewrite what others wrote.
- Who deletes it (``may_delete``): its author (without replies, as Plone
  has it: after a reply the author is told why and what they can do,
  ``has_replies_message``), or a moderator, who must give a reason
  (``delete_comment``): the reason, who deleted and whose comment it was
  stay in the item's moderation log, and the author is told by mail.
- Any staff member may report a published comment once; the report (who,
  why, when) is kept on the comment and puts it in the moderators' queue
  (catalog index ``solna_reported``).

Listings of many comments (the page, REST) ask through one ``Checks``, which
asks Zope once per kind of comment, not once per comment.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from DateTime import DateTime
from persistent.list import PersistentList
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.app.discussion.interfaces import IReplies
from plone.base.interfaces import IPloneCatalogTool
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
from solna.intranet import _
from solna.intranet.dialogue.behaviors import IModeration
from solna.intranet.dialogue.behaviors import OPEN
from solna.intranet.dialogue.comments.events import commented_item
from solna.intranet.dialogue.comments.events import CommentStateChanged
from solna.intranet.mail import send
from solna.intranet.members import member
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.i18nmessageid import Message

import datetime


#: Comments are not annotatable: their reports are an attribute.
REPORTS = "solna_reports"
LOG = "solna.intranet.moderation_log"
WORKFLOW = "solna_comment_workflow"
COUNTED = ("published",)

REASON_REQUIRED = _(
    "error_reason_required",
    default="Write why the comment is removed: its author is told.",
)


NOT_YOURS = _(
    "error_comment_not_yours",
    default="You may only change your own comments.",
)
NOT_REPORTABLE = _(
    "error_comment_not_reportable",
    default="Only a published comment by someone else can be reported.",
)
REPORTED = _("Thank you. The moderators will look at the comment.")


class ReasonRequired(Exception):
    """A moderator deleted someone else's comment without saying why."""

    message = REASON_REQUIRED


#: Why the author's "Ta bort…" is gone once someone replied
#: (plone.app.discussion keeps a thread whole: its ``@@delete-own-comment``
#: and ``can_delete`` refuse a comment with replies), shown where the button
#: was and answered to a DELETE over REST: what the author can do instead.
HAS_REPLIES_EDITABLE = _(
    "error_comment_has_replies_editable",
    default="The comment has replies and cannot be deleted. You can edit it.",
)
HAS_REPLIES = _(
    "error_comment_has_replies",
    default="The comment has replies and cannot be deleted. Ask a moderator "
    "if it has to go.",
)


class HasReplies(Exception):
    """An author may not delete their own comment once someone replied.
    ``message``: why, and what they can do (``has_replies_message``)."""

    message = HAS_REPLIES

    def __init__(self, message=None):
        super().__init__()
        if message is not None:
            self.message = message


def moderation_of(item):
    """``open`` or ``premoderated``: the nearest place that says (default
    open, the pre-study's openness)."""
    for obj in aq_chain(aq_inner(item)):
        if IModeration.providedBy(obj):
            value = getattr(obj, "comment_moderation", None)
            if value:
                return value
    return OPEN


def state_of(comment):
    return api.portal.get_tool("portal_workflow").getInfoFor(
        comment, "review_state", None
    )


def _set_state(comment, state, actor, note=""):
    wf_tool = api.portal.get_tool("portal_workflow")
    wf_tool.setStatusOf(
        WORKFLOW,
        comment,
        {
            "review_state": state,
            "action": "publish" if state == "published" else None,
            "actor": actor,
            "comments": note,
            "time": DateTime(),
        },
    )
    wf_tool.getWorkflowById(WORKFLOW).updateRoleMappingsFor(comment)
    notify(CommentStateChanged(comment, state))
    comment.reindexObject()


def publish_if_open(comment, event):
    """On a new comment: published at once in an open place, else held for
    its moderators. Nothing but the comment is written (the item's catalog
    entry does not change: see ``comment_counts``)."""
    if moderation_of(commented_item(comment)) == OPEN:
        _set_state(comment, "published", comment.author_username or "", "Öppen")
    else:
        notify(CommentStateChanged(comment, "pending"))
        comment.reindexObject()


def approve(comment):
    _set_state(comment, "published", api.user.get_current().getId(), "Godkänd")
    clear_reports(comment)


def transitioned(comment, event):
    """A comment moved through Plone's own screens (its workflow's
    transitions): the notices learn its new state too."""
    if event.transition is not None and event.new_state is not None:
        notify(CommentStateChanged(comment, event.new_state.id))
        comment.reindexObject()


# The one rule


def _me():
    return getSecurityManager().getUser().getId()


def _settings():
    return api.portal.get_registry_record(
        "edit_comment_enabled", interface=IDiscussionSettings, default=True
    ), api.portal.get_registry_record(
        "delete_own_comment_enabled", interface=IDiscussionSettings, default=True
    )


class Checks:
    """The current member's permissions on the comments of one listing,
    asked of Zope once per *kind* of comment instead of once per comment
    (issue 21: 50 comments made 250 checks, a third of the news item's page).

    ``checks(permission, comment)`` → bool, as
    ``getSecurityManager().checkPermission``. A comment's permissions come
    from its workflow state (the state's role map, written on the comment by
    the workflow) and the member's roles on it: those from the item and its
    parents, the same for every comment of a conversation, and the local
    roles on the comment itself (plone.app.discussion makes the author its
    Owner). So two comments of one conversation, in the same state and with
    the same local roles of the member, answer alike, and that is the key.
    Make one per listing: it remembers answers for its life, so a state
    changed after it was made is not seen.
    """

    def __init__(self):
        security = getSecurityManager()
        self._check = security.checkPermission
        self.userid = security.getUser().getId()
        self._known = {}
        self._kinds = {}
        self.settings = _settings()

    def __call__(self, permission, comment):
        comment = aq_inner(comment)
        key = (permission, self._kind(comment))
        if key not in self._known:
            self._known[key] = bool(self._check(permission, comment))
        return self._known[key]

    def _kind(self, comment):
        """What the member's permissions on ``comment`` depend on (the
        class's docstring), worked out once per comment: a listing asks
        up to five permissions of each."""
        base = aq_base(comment)
        kind = self._kinds.get(id(base))
        if kind is None or kind[0] is not base:
            history = getattr(base, "workflow_history", None) or {}
            history = getattr(history, "data", history)  # a PersistentMapping's
            kind = self._kinds[id(base)] = (
                base,
                (
                    id(aq_base(aq_parent(comment))),
                    tuple(
                        (wf, h[-1].get("review_state"))
                        for wf, h in history.items()
                        if h
                    ),
                    tuple(comment.get_local_roles_for_userid(self.userid))
                    if self.userid
                    else (),
                ),
            )
        return kind[1]

    def mine(self, comment):
        return bool(comment.author_username) and comment.author_username == (
            self.userid
        )

    def state(self, comment):
        """The comment's review state, read from its own workflow history
        (what ``portal_workflow.getInfoFor`` finds for the comment workflow,
        without looking up the chain each time)."""
        history = getattr(aq_base(comment), "workflow_history", None) or {}
        if entries := history.get(WORKFLOW):
            return entries[-1].get("review_state")
        return state_of(comment)


def _checks(checks):
    return checks if checks is not None else Checks()


def may_see(comment, checks=None):
    """Published: whoever sees the item; held: its author and moderators."""
    if checks is None:
        return bool(getSecurityManager().checkPermission("View", aq_inner(comment)))
    return checks("View", comment)


def is_mine(comment):
    return bool(comment.author_username) and comment.author_username == _me()


def may_edit(comment, checks=None):
    """Its author, while Plone's discussion settings allow editing."""
    checks = _checks(checks)
    editing, _deleting = checks.settings
    return (
        editing
        and checks.mine(comment)
        and checks("View", comment)
        and checks("Edit comments", comment)
    )


def may_delete(comment, checks=None):
    """``own`` (the author, when deleting one's own is on and nobody has
    replied), ``moderator`` (Delete comments here: a reason is needed), or
    None."""
    checks = _checks(checks)
    _editing, deleting = checks.settings
    if (
        deleting
        and checks.mine(comment)
        and checks("Delete own comments", comment)
        and len(IReplies(aq_inner(comment))) == 0
    ):
        return "own"
    if checks("Delete comments", comment) and checks("View", comment):
        return "moderator"
    return None


def has_replies(comment, checks=None):
    """True when ``comment``'s author could delete it but for its replies
    (plone.app.discussion keeps a thread whole) and nothing else lets the
    current user delete it (a moderator may, with a reason)."""
    checks = _checks(checks)
    _editing, deleting = checks.settings
    return bool(
        deleting
        and checks.mine(comment)
        and checks("Delete own comments", comment)
        and len(IReplies(aq_inner(comment)))
        and may_delete(comment, checks) is None
    )


def has_replies_message(comment, checks=None):
    """Why the author of ``comment`` cannot delete it now that it has
    replies: a message saying they can edit it while editing is allowed to
    them (``may_edit``), else that a moderator can remove it. The same on
    the page (where "Ta bort…" was) and over REST (DELETE's 403)."""
    return HAS_REPLIES_EDITABLE if may_edit(comment, checks) else HAS_REPLIES


def delete_comment(comment, reason=""):
    """Delete a comment by the rule: its author deletes their own; a
    moderator must give ``reason`` (kept in the log, mailed to the author).
    Raises Unauthorized when neither, HasReplies for an author whose
    comment has replies, ReasonRequired for a moderator without a reason.
    Returns the commented item."""
    how = may_delete(comment)
    if how is None and is_mine(comment) and len(IReplies(aq_inner(comment))):
        raise HasReplies(has_replies_message(comment))
    if how is None:
        raise Unauthorized("You may not delete this comment.")
    item = commented_item(comment)
    if how == "own":
        del IConversation(item)[comment.id]
        return item
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    delete_with_reason(comment, reason)
    return item


# Reports


def reports(comment):
    return list(getattr(comment, REPORTS, ()))


def report(comment, reason=""):
    """Report a comment; a member's second report of it changes nothing.
    Returns True if this was a new report."""
    userid = api.user.get_current().getId()
    found = getattr(comment, REPORTS, None)
    if found is None:
        found = PersistentList()
        setattr(comment, REPORTS, found)
    if any(r["reporter"] == userid for r in found):
        return False
    found.append(
        {
            "reporter": userid,
            "reason": (reason or "").strip()[:1000],
            "time": datetime.datetime.now(datetime.UTC),
        }
    )
    comment.reindexObject(idxs=["solna_reported"])
    return True


def may_report(comment, checks=None):
    """Published comments, by anyone but their author who sees them."""
    checks = _checks(checks)
    return (
        not checks.mine(comment)
        and checks.state(comment) == "published"
        and checks("View", comment)
        and checks("Reply to item", comment)
    )


def clear_reports(comment):
    if getattr(comment, REPORTS, None):
        delattr(comment, REPORTS)
        comment.reindexObject(idxs=["solna_reported"])


# Deletion by a moderator


def moderation_log(item):
    return list(IAnnotations(item).get(LOG, ()))


def delete_with_reason(comment, reason):
    """Delete a comment (and its replies) as a moderator; the reason is kept
    in the item's log and sent to the comment's author. (Call
    ``delete_comment``, which checks who may.)"""
    item = commented_item(comment)
    moderator = api.user.get_current()
    annotations = IAnnotations(item)
    log = annotations.get(LOG)
    if log is None:
        log = annotations[LOG] = PersistentList()
    log.append(
        {
            "time": datetime.datetime.now(datetime.UTC),
            "moderator": moderator.getId(),
            "author": comment.author_username,
            "reason": reason,
        }
    )
    del IConversation(item)[comment.id]
    author = member(comment.author_username)
    if author is not None and author.getId() != moderator.getId():
        mapping = {"title": item.Title(), "reason": reason, "url": item.absolute_url()}
        send(
            [author],
            Message(
                _("mail_comment_deleted_subject", default="Your comment was removed"),
                mapping=mapping,
            ),
            Message(
                _(
                    "mail_comment_deleted_body",
                    default="A moderator removed your comment on “${title}”.\n\n"
                    "Reason: ${reason}\n\n${url}",
                ),
                mapping=mapping,
            ),
        )


@indexer(IComment)
def reported_indexer(comment):
    return bool(getattr(comment, REPORTS, None))


# Comment counts


def comment_counts(paths):
    """{path: published comments} of the items at these catalog paths, from
    the catalog (what staff see; one small query an item).

    plone.app.discussion keeps a count in each item's catalog entry and
    reindexes the item on every comment: two comments on one item at the
    same moment then write the same catalog record and one fails with a
    ConflictError. So the item's entry holds no count (the indexers below)
    and listings ask here. A comment has no publishing or expiry date of
    its own (``show_inactive``): Plone's effectiveRange would read those of
    every item of the site for each count (issue 21)."""
    catalog = api.portal.get_tool("portal_catalog")
    return {
        path: len(
            catalog.searchResults(
                show_inactive=True,
                portal_type="Discussion Item",
                review_state=COUNTED,
                path={"query": f"{path}/++conversation++default", "depth": 1},
            )
        )
        for path in paths
    }


def _not_in_the_catalog(item):
    raise AttributeError("kept out of the item's catalog entry")


# plone.app.discussion's indexers of an item's comments, replaced (see
# comment_counts): the item's catalog entry stays the same when comments come.
total_comments = indexer(IDexterityContent, IPloneCatalogTool)(_not_in_the_catalog)
last_comment_date = indexer(IDexterityContent, IPloneCatalogTool)(_not_in_the_catalog)
commentators = indexer(IDexterityContent, IPloneCatalogTool)(_not_in_the_catalog)
