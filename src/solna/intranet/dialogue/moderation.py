"""Comment moderation: held comments, reports, deletion with a reason.

- A comment starts in the state *Väntar* (pending). In an open place it is
  published at once (``publish_if_open``); in a pre-moderated place it waits
  for a moderator: whoever has *Review comments* there (the unit's Chef, a
  Kommunikatör, HR-granskare for HR's pages, a community's moderators).
- Any staff member may report a published comment once; the report (who,
  why, when) is kept on the comment and puts it in the moderators' queue
  (catalog index ``solna_reported``).
- A moderator deletes a comment with a reason. The reason, who deleted and
  whose comment it was stay in the item's moderation log; the author is told.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from DateTime import DateTime
from persistent.list import PersistentList
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.interfaces import IPloneCatalogTool
from solna.intranet import _
from solna.intranet.dialogue.behaviors import IModeration
from solna.intranet.dialogue.behaviors import OPEN
from solna.intranet.workflow.notifications import send
from zope.annotation.interfaces import IAnnotations
from zope.i18nmessageid import Message

import datetime


#: Comments are not annotatable: their reports are an attribute.
REPORTS = "solna_reports"
LOG = "solna.intranet.moderation_log"
WORKFLOW = "solna_comment_workflow"


def commented_item(comment):
    """The news item, page or topic a comment belongs to."""
    return aq_parent(aq_parent(aq_inner(comment)))


def moderation_of(item):
    """``open`` or ``premoderated``: the nearest place that says (default
    open, the pre-study's openness)."""
    for obj in aq_chain(aq_inner(item)):
        if IModeration.providedBy(obj):
            value = getattr(obj, "comment_moderation", None)
            if value:
                return value
    return OPEN


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
    comment.reindexObject()
    commented_item(comment).reindexObject(idxs=["total_comments"])


def moderators_of(item):
    """Who moderates comments here by name: the nearest unit's manager and
    the nearest community's moderators (Kommunikatörer use the queue)."""
    from solna.intranet.dialogue.content import ICommunity
    from solna.intranet.organisation.content import IUnit
    from solna.intranet.workflow.localroles import unit_manager_userid

    found = set()
    for obj in aq_chain(aq_inner(item)):
        if IUnit.providedBy(obj):
            found.add(unit_manager_userid(obj))
            break
        if ICommunity.providedBy(obj):
            found.update(obj.moderators or ())
            break
    return found - {None}


def publish_if_open(comment, event):
    """On a new comment: published at once in an open place (and its thread
    told), else its moderators are told one waits."""
    from solna.intranet.dialogue import notices

    item = commented_item(comment)
    if moderation_of(item) == OPEN:
        _set_state(comment, "published", comment.author_username or "", "Öppen")
        notices.comment_published(item, comment)
    else:
        notices.comment_held(item, comment, moderators_of(item))


def approve(comment):
    from solna.intranet.dialogue import notices

    _set_state(comment, "published", api.user.get_current().getId(), "Godkänd")
    clear_reports(comment)
    notices.comment_published(commented_item(comment), comment)


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
            "reason": reason,
            "time": datetime.datetime.now(datetime.UTC),
        }
    )
    comment.reindexObject(idxs=["solna_reported"])
    return True


def clear_reports(comment):
    if getattr(comment, REPORTS, None):
        delattr(comment, REPORTS)
        comment.reindexObject(idxs=["solna_reported"])


def moderation_log(item):
    return list(IAnnotations(item).get(LOG, ()))


def delete_with_reason(comment, reason):
    """Delete a comment (and its replies) as a moderator; the reason is kept
    in the item's log and sent to the comment's author."""
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
    conversation = IConversation(item)
    del conversation[comment.id]
    item.reindexObject()
    author = api.user.get(userid=comment.author_username or "")
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


def published_comments(item):
    """The item's published comments (what staff see)."""
    try:
        conversation = IConversation(item)
    except TypeError:
        return []
    # Also used at commit time (indexing), where there may be no site set:
    # find the tool by acquisition, not through plone.api.
    wf_tool = getToolByName(item, "portal_workflow")
    return [
        comment
        for comment in conversation.values()
        if wf_tool.getInfoFor(comment, "review_state", None) == "published"
    ]


@indexer(IDexterityContent, IPloneCatalogTool)  # wins over discussion's
def total_comments(item):
    """Published comments, for the count in listings. (plone.app.discussion
    counts those Anonymous may see: none, in a closed intranet.)"""
    return len(published_comments(item))
