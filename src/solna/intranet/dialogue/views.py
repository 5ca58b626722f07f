"""Report a comment, delete one (with a reason, as a moderator), edit one's
own, and the moderators' queue: the pages. Each applies the rule in
moderation.py; REST does the same in services.py."""

from AccessControl import Unauthorized
from plone import api
from plone.app.discussion.browser.comment import EditComment as PloneEditComment
from plone.app.discussion.browser.moderation import (
    BulkActionsView as PloneBulkActionsView,
)
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.dialogue.moderation import commented_item
from solna.intranet.dialogue.moderation import delete_comment
from solna.intranet.dialogue.moderation import may_delete
from solna.intranet.dialogue.moderation import may_edit
from solna.intranet.dialogue.moderation import may_report
from solna.intranet.dialogue.moderation import REASON_REQUIRED
from solna.intranet.dialogue.moderation import ReasonRequired
from solna.intranet.dialogue.moderation import report
from solna.intranet.dialogue.queue import moderate
from solna.intranet.dialogue.queue import queue
from solna.intranet.interfaces import IToolPage
from zope.interface import implementer


NOT_YOURS = _(
    "error_comment_not_yours",
    default="You may only change your own comments.",
)
NOT_REPORTABLE = _(
    "error_comment_not_reportable",
    default="Only a published comment by someone else can be reported.",
)
REPORTED = _("Thank you. The moderators will look at the comment.")


class ReportView(BrowserView):
    """@@anmal on a comment (POST, with an optional reason): report it to
    the moderators."""

    def __call__(self):
        item = commented_item(self.context)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if may_report(self.context):
                report(self.context, self.request.form.get("reason") or "")
                api.portal.show_message(REPORTED, request=self.request)
            else:
                api.portal.show_message(
                    NOT_REPORTABLE, request=self.request, type="error"
                )
        return self.request.response.redirect(
            f"{item.absolute_url()}#{self.context.getId()}"
        )


@implementer(IToolPage)
class DeleteView(BrowserView):
    """@@ta-bort-kommentar on a comment: a moderator removes it, saying why.
    (Also answers Plone's own @@moderate-delete-comment, so that no
    moderator's deletion goes without a reason.)"""

    error = None

    def __call__(self):
        self.item = commented_item(self.context)
        if may_delete(self.context) is None:
            raise Unauthorized("You may not delete this comment.")
        if self.request.method == "POST" and "form.buttons.delete" in self.request.form:
            CheckAuthenticator(self.request)
            try:
                delete_comment(self.context, self.request.form.get("reason") or "")
            except ReasonRequired:
                self.error = REASON_REQUIRED
                return self.index()
            api.portal.show_message(
                _("The comment is removed and its author told why."),
                request=self.request,
            )
            return self.request.response.redirect(self.item.absolute_url())
        return self.index()


class EditComment(PloneEditComment):
    """Plone's @@edit-comment, for the comment's author only (the rule in
    moderation.py: moderators do not rewrite what others wrote)."""

    def __call__(self):
        if not may_edit(self.context):
            raise Unauthorized("You may only edit your own comments.")
        return super().__call__()


class BulkActionsView(PloneBulkActionsView):
    """Plone's bulk moderation (@@bulk-actions): publishing as before;
    deleting only with a reason, each comment logged and its author told."""

    def delete(self):
        reason = (self.request.form.get("reason") or "").strip()
        if not reason:
            api.portal.show_message(REASON_REQUIRED, self.request, type="error")
            return
        context = self.context
        for path in self.paths:
            comment = context.restrictedTraverse(path)
            delete_comment(comment, reason)


class ModerateCommentsRedirect(BrowserView):
    """Plone's @@moderate-comments: our queue does the same, with reasons
    and reports."""

    def __call__(self):
        return self.request.response.redirect(
            f"{self.context.absolute_url()}/@@moderering"
        )


DONE = {
    "approve": _("The comment is published."),
    "dismiss": _("The report is dismissed."),
    "delete": _("The comment is removed and its author told why."),
}


@implementer(IToolPage)
class ModerationView(BrowserView):
    """@@moderering: held and reported comments in this place (and below)
    that the current user may moderate."""

    def queue(self):
        return queue(self.context, self.request)

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            action = self.request.form.get("action") or ""
            refused = moderate(
                self.context,
                self.request.form.get("comment", ""),
                action,
                self.request.form.get("reason") or "",
            )
            if refused:
                api.portal.show_message(refused, self.request, type="error")
            else:
                api.portal.show_message(DONE[action], self.request)
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@moderering"
            )
        return self.index()
