"""REST for comments, by the same rule as the page (moderation.py):

- ``GET @comments`` lists what the member may see (a held comment only to
  its author and moderators, with its ``review_state``); ``GET
  @comments/<id>`` answers 404 for a comment the member may not see, as for
  one that does not exist;
- ``PATCH @comments/<id>``: its author edits it;
- ``DELETE @comments/<id>``: its author deletes it, or a moderator with
  ``{"reason": "…"}`` (logged, and mailed to the author); without a reason
  400 in Swedish; its author, once someone replied, 403 saying why (the
  words the page shows where "Ta bort…" was, also in a comment's
  ``not_deletable_reason``);
- ``POST @anmal/<id>`` (``{"reason": "…"}`` optional): report a comment;
- ``GET/POST @moderering``: the moderators' queue and what they do with it.

plone.restapi protects PATCH and DELETE with a permission on the *item*
(so authors got 401 for their own comments) and lists held comments to
everyone; these services replace its own on our browser layer, adding a
comment (``CommentsAdd``) included: it goes through the page's comment form,
as plone.restapi's does, with Swedish messages for what is refused.
"""

from AccessControl import Unauthorized
from datetime import datetime
from datetime import UTC
from plone.app.discussion.browser.comment import EditCommentForm
from plone.app.discussion.browser.comments import CommentForm as PloneCommentForm
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.discussion import CommentSerializer as Base
from plone.restapi.services import Service
from plone.restapi.services.discussion.utils import can_reply
from plone.restapi.services.discussion.utils import can_view
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dialogue.comments.moderation import delete_comment
from solna.intranet.dialogue.comments.moderation import has_replies
from solna.intranet.dialogue.comments.moderation import has_replies_message
from solna.intranet.dialogue.comments.moderation import HasReplies
from solna.intranet.dialogue.comments.moderation import may_delete
from solna.intranet.dialogue.comments.moderation import may_edit
from solna.intranet.dialogue.comments.moderation import may_report
from solna.intranet.dialogue.comments.moderation import may_see
from solna.intranet.dialogue.comments.moderation import NOT_REPORTABLE
from solna.intranet.dialogue.comments.moderation import NOT_YOURS
from solna.intranet.dialogue.comments.moderation import ReasonRequired
from solna.intranet.dialogue.comments.moderation import report
from solna.intranet.dialogue.comments.moderation import REPORTED
from solna.intranet.dialogue.comments.moderation import state_of
from solna.intranet.dialogue.comments.queue import moderate
from solna.intranet.dialogue.comments.queue import NO_SUCH_COMMENT
from solna.intranet.dialogue.comments.queue import queue
from solna.intranet.interfaces import ISolnaIntranetLayer
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from solna.intranet.rest import listing
from solna.intranet.validators import text_of
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


TEXT_REQUIRED = _(
    "error_comment_text_required",
    default='Write the comment as text: {"text": "…"}.',
)

STATES = {
    "pending": _("Waiting for approval"),
    "published": _("Published"),
}


@implementer(ISerializeToJson)
@adapter(IComment, ISolnaIntranetLayer)
class CommentSerializer(Base):
    """plone.restapi's comment, with its state and what the member may do
    by our rule."""

    def __call__(self, include_items=True):
        data = super().__call__(include_items)
        state = state_of(self.context)
        data["review_state"] = state
        data["review_title"] = translate(STATES.get(state, state), context=self.request)
        data["is_editable"] = may_edit(self.context)
        data["is_deletable"] = may_delete(self.context) is not None
        # Why its author no longer may (replies keep it), as the page says
        # where "Ta bort…" was; None when nothing keeps it.
        data["not_deletable_reason"] = (
            translate(has_replies_message(self.context), context=self.request)
            if has_replies(self.context)
            else None
        )
        data["delete_needs_reason"] = may_delete(self.context) == "moderator"
        data["can_report"] = may_report(self.context)
        data["creation_date_display"] = display(
            self.context.creation_date, self.request
        )
        return data


@implementer(ISerializeToJson)
@adapter(IConversation, ISolnaIntranetLayer)
class ConversationSerializer:
    """The threads the member may see (held comments: their author and
    moderators only), batched as plone.restapi does."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self):
        view_comments = can_view(self.context)
        threads = [
            thread
            for thread in self.context.getThreads()
            if view_comments and may_see(thread["comment"])
        ]
        batch = HypermediaBatch(self.request, threads)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "permissions": {
                "view_comments": view_comments,
                "can_reply": can_reply(self.context),
            },
            "items": [
                getMultiAdapter((thread["comment"], self.request), ISerializeToJson)()
                for thread in batch
            ],
        }
        if batch.links:
            result["batching"] = batch.links
        return result


@implementer(IPublishTraverse)
class OneComment(Service):
    """What the services on ``@comments/<id>`` share: the comment, or 404
    for one the member may not see (as for one that does not exist)."""

    comment_id = None

    def publishTraverse(self, request, name):
        if name:
            # Not a number: no such comment (404), as for an unknown number.
            self.comment_id = int(name) if name.isdigit() else -1
        return self

    def comment(self):
        conversation = IConversation(self.context)
        comment = conversation.get(self.comment_id) if self.comment_id else None
        if comment is None or not may_see(comment):
            return None
        return comment

    def not_found(self):
        self.request.response.setStatus(404)
        return {
            "error": {
                "type": "NotFound",
                "message": translate(NO_SUCH_COMMENT, context=self.request),
            }
        }


class CommentsGet(OneComment):
    def reply(self):
        if not self.comment_id:
            conversation = IConversation(self.context)
            return getMultiAdapter((conversation, self.request), ISerializeToJson)()
        comment = self.comment()
        if comment is None:
            return self.not_found()
        return getMultiAdapter((comment, self.request), ISerializeToJson)()


class CommentsAdd(OneComment):
    """POST @comments {"text": "…"} (POST @comments/<id>: a reply): the
    page's comment form, as plone.restapi does it; a reply only to a
    comment the member may see, Swedish messages for what is refused."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        if self.comment_id is not None and self.comment() is None:
            return self.not_found()
        body = json_object(self.request)
        text = body.get("text")
        if not isinstance(text, str):
            return error(self.request, TEXT_REQUIRED)
        self.request.form["form.widgets.text"] = text
        if self.comment_id is not None:
            self.request.form["form.widgets.in_reply_to"] = str(self.comment_id)
        form = PloneCommentForm(self.context, self.request)
        form.update()
        _data, errors = form.extractData()
        if errors:
            messages = {
                e.widget.__name__: translate(e.message, context=self.request)
                for e in errors
                if e.widget is not None
            }
            first = next(
                iter(messages.values()), translate(TEXT_REQUIRED, context=self.request)
            )
            return error(self.request, first, errors=messages)
        form.handleComment(form=form, action=form.actions["comment"])
        location = self.request.response.headers.get("location", "")
        if "#" in location:
            comment_id = location.rsplit("#", 1)[1]
            self.request.response.setHeader(
                "Location", f"{self.context.absolute_url()}/@comments/{comment_id}"
            )
        return self.reply_no_content()


class CommentsUpdate(OneComment):
    """PATCH @comments/<id> {"text": "…"}: the author edits it."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        comment = self.comment()
        if comment is None:
            return self.not_found()
        if not may_edit(comment):
            self.request.response.setStatus(403)
            return {
                "error": {
                    "type": "Forbidden",
                    "message": translate(NOT_YOURS, context=self.request),
                }
            }
        body = json_object(self.request)
        self.request.form["form.widgets.text"] = text_of(body, "text")
        self.request.form["form.widgets.comment_id"] = str(self.comment_id)
        form = EditCommentForm(comment, self.request)
        form.__parent__ = form.context.__parent__.__parent__
        form.update()
        _data, errors = form.extractData()
        if errors:
            # As POST: the first message, and each field's.
            messages = [translate(e.message, context=self.request) for e in errors]
            return error(
                self.request,
                messages[0],
                errors={
                    e.widget.__name__: m
                    for e, m in zip(errors, messages, strict=True)
                    if e.widget is not None
                },
            )
        comment.modification_date = datetime.now(UTC)
        form.handleComment(form=form, action=form.actions["comment"])
        self.request.response.setHeader(
            "Location", f"{self.context.absolute_url()}/@comments/{self.comment_id}"
        )
        return self.reply_no_content()


class CommentsDelete(OneComment):
    """DELETE @comments/<id>: the author's own, or a moderator's with
    {"reason": "…"} (or ?reason=)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        comment = self.comment()
        if comment is None:
            return self.not_found()
        reason = text_of(json_object(self.request), "reason") or text_of(
            self.request.form, "reason"
        )
        try:
            delete_comment(comment, reason)
        except ReasonRequired as refused:
            return error(self.request, refused.message)
        except HasReplies as refused:
            self.request.response.setStatus(403)
            message = translate(refused.message, context=self.request)
            return {"error": {"type": "Forbidden", "message": message}}
        except Unauthorized:
            self.request.response.setStatus(403)
            return {
                "error": {
                    "type": "Forbidden",
                    "message": translate(NOT_YOURS, context=self.request),
                }
            }
        return self.reply_no_content()


class ReportPost(OneComment):
    """POST @anmal/<id> {"reason": "…"} (optional): report a comment to the
    moderators. 201 for a new report, 200 when the member had reported it
    already."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        comment = self.comment()
        if comment is None:
            return self.not_found()
        if not may_report(comment):
            return error(self.request, NOT_REPORTABLE)
        new = report(comment, text_of(json_object(self.request), "reason"))
        self.request.response.setStatus(201 if new else 200)
        return {
            "@id": f"{self.context.absolute_url()}/@comments/{self.comment_id}",
            "reported": True,
            "message": translate(REPORTED, context=self.request),
        }


class ModerationGet(Service):
    """REST @moderering: the queue (GET); approve, dismiss or delete with a
    reason (POST {"comment": url, "action": ..., "reason": ...})."""

    def reply(self):
        items = queue(self.context, self.request)
        return listing(self.context, "@moderering", items)


class ModerationPost(ModerationGet):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        refused = moderate(
            self.context,
            text_of(body, "comment"),
            text_of(body, "action"),
            text_of(body, "reason"),
        )
        if refused == NO_SUCH_COMMENT:
            self.request.response.setStatus(404)
            message = translate(refused, context=self.request)
            return {"error": {"type": "NotFound", "message": message}}
        if refused:
            return error(self.request, refused)
        return super().reply()
