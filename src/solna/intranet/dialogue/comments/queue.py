"""The moderators' queue: held and reported comments where the current
user moderates, and what a moderator does with one (approve, dismiss the
reports, delete with a reason). Used by @@moderering, REST @moderering and
Chefens sida."""

from AccessControl import Unauthorized
from plone import api
from plone.app.discussion.interfaces import IComment
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.dialogue.comments.events import commented_item
from solna.intranet.dialogue.comments.moderation import approve
from solna.intranet.dialogue.comments.moderation import clear_reports
from solna.intranet.dialogue.comments.moderation import delete_comment
from solna.intranet.dialogue.comments.moderation import REASON_REQUIRED
from solna.intranet.dialogue.comments.moderation import ReasonRequired
from solna.intranet.dialogue.comments.moderation import reports
from solna.intranet.dialogue.comments.moderation import state_of
from solna.intranet.members import fullname


NO_SUCH_COMMENT = _(
    "error_no_such_comment",
    default="There is no such comment, or it has already been removed.",
)
UNKNOWN_ACTION = _(
    "error_unknown_moderation_action",
    default="Choose approve, dismiss or delete.",
)


def queue_entry(comment, request):
    item = commented_item(comment)
    return {
        "id": comment.getId(),
        "url": comment.absolute_url(),
        "item_title": item.Title(),
        "item_url": item.absolute_url(),
        "author": fullname(comment.author_username),
        "text": comment.getText(),
        "created": iso(comment.creation_date),
        "created_display": display(comment.creation_date, request),
        "held": state_of(comment) == "pending",
        "reports": [
            {
                "reason": r["reason"],
                "time": iso(r["time"]),
                "time_display": display(r["time"], request),
            }
            for r in reports(comment)
        ],
    }


def queue(context, request):
    """Held and reported comments in this place (and below) that the
    current user may moderate, oldest first."""
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(context.getPhysicalPath())
    found = {}
    for query in ({"review_state": "pending"}, {"solna_reported": True}):
        for brain in catalog(
            portal_type="Discussion Item", path=path, sort_on="created", **query
        ):
            if brain.getPath() in found:
                continue
            comment = brain.getObject()
            if api.user.has_permission("Review comments", obj=comment):
                found[brain.getPath()] = comment
    return [queue_entry(c, request) for c in found.values()]


def find_comment(context, url):
    """The comment at ``url`` (an address on this site), or None."""
    portal_url = api.portal.get().absolute_url()
    path = url[len(portal_url) :] if url and url.startswith(portal_url) else ""
    try:
        comment = api.content.get(path=path) if path else None
    except Unauthorized:
        return None
    return comment if IComment.providedBy(comment) else None


def moderate(context, url, action, reason=""):
    """Approve a held comment, dismiss the reports of one, or delete one
    with a reason. Returns None when done, else the Swedish reason why not
    (a message id)."""
    comment = find_comment(context, url)
    if comment is None or not api.user.has_permission("Review comments", obj=comment):
        return NO_SUCH_COMMENT
    if action == "approve":
        approve(comment)
    elif action == "dismiss":
        clear_reports(comment)
    elif action == "delete":
        try:
            delete_comment(comment, reason)
        except ReasonRequired:
            return REASON_REQUIRED
        except Unauthorized:
            return NO_SUCH_COMMENT
    else:
        return UNKNOWN_ACTION
    return None
