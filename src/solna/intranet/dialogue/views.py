"""Report a comment, delete one with a reason, and the moderators' queue."""

from plone import api
from plone.app.discussion.interfaces import IComment
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.dialogue.moderation import approve
from solna.intranet.dialogue.moderation import clear_reports
from solna.intranet.dialogue.moderation import commented_item
from solna.intranet.dialogue.moderation import delete_with_reason
from solna.intranet.dialogue.moderation import report
from solna.intranet.dialogue.moderation import reports
from solna.intranet.interfaces import IToolPage
from solna.intranet.rest import error
from solna.intranet.workflow.people import fullname
from zope.interface import alsoProvides
from zope.interface import implementer


REASON_REQUIRED = _(
    "error_reason_required",
    default="Write why the comment is removed: its author is told.",
)


class ReportView(BrowserView):
    """@@anmal on a comment (POST): report it to the moderators."""

    def __call__(self):
        item = commented_item(self.context)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            reason = (self.request.form.get("reason") or "").strip()
            report(self.context, reason)
            api.portal.show_message(
                _("Thank you. The moderators will look at the comment."),
                request=self.request,
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
        item = commented_item(self.context)
        self.item = item
        if self.request.method == "POST" and "form.buttons.delete" in self.request.form:
            CheckAuthenticator(self.request)
            reason = (self.request.form.get("reason") or "").strip()
            if not reason:
                self.error = REASON_REQUIRED
                return self.index()
            delete_with_reason(self.context, reason)
            api.portal.show_message(
                _("The comment is removed and its author told why."),
                request=self.request,
            )
            return self.request.response.redirect(item.absolute_url())
        return self.index()


@implementer(IToolPage)
class ModerationView(BrowserView):
    """@@moderering: held and reported comments in this place (and below)
    that the current user may moderate."""

    def queue(self):
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.context.getPhysicalPath())
        found = {}
        for query in ({"review_state": "pending"}, {"solna_reported": True}):
            for brain in catalog(
                portal_type="Discussion Item",
                path=path,
                sort_on="created",
                **query,
            ):
                if brain.getPath() in found:
                    continue
                comment = brain.getObject()
                if api.user.has_permission("Review comments", obj=comment):
                    found[brain.getPath()] = comment
        return [self.entry(c) for c in found.values()]

    def entry(self, comment):
        item = commented_item(comment)
        return {
            "id": comment.getId(),
            "url": comment.absolute_url(),
            "item_title": item.Title(),
            "item_url": item.absolute_url(),
            "author": fullname(comment.author_username),
            "text": comment.getText(),
            "created": comment.creation_date.isoformat(),
            "held": api.content.get_state(comment) == "pending",
            "reports": [
                {"reason": r["reason"], "time": r["time"].isoformat()}
                for r in reports(comment)
            ],
        }

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.act(
                self.request.form.get("comment", ""), self.request.form.get("action")
            )
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@moderering"
            )
        return self.index()

    def act(self, url, action, reason=""):
        """Approve a held comment, dismiss the reports of one, or delete one
        with a reason (REST). Returns the comment, or None."""
        portal_url = api.portal.get().absolute_url()
        path = url[len(portal_url) :] if url.startswith(portal_url) else ""
        comment = api.content.get(path=path) if path else None
        if not IComment.providedBy(comment) or not api.user.has_permission(
            "Review comments", obj=comment
        ):
            return None
        if action == "approve":
            approve(comment)
            api.portal.show_message(_("The comment is published."), self.request)
        elif action == "dismiss":
            clear_reports(comment)
            api.portal.show_message(_("The report is dismissed."), self.request)
        elif (
            action == "delete"
            and reason
            and api.user.has_permission("Delete comments", obj=comment)
        ):
            delete_with_reason(comment, reason)
        else:
            return None
        return comment


class ModerationGet(Service):
    """REST @moderering: the queue (GET); approve, dismiss or delete with a
    reason (POST {"comment": url, "action": ..., "reason": ...})."""

    def queue(self):
        return ModerationView(self.context, self.request).queue()

    def reply(self):
        items = self.queue()
        return {
            "@id": f"{self.context.absolute_url()}/@moderering",
            "items": items,
            "items_total": len(items),
        }


class ModerationPost(ModerationGet):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_body(self.request)
        done = ModerationView(self.context, self.request).act(
            body.get("comment", ""),
            body.get("action", ""),
            (body.get("reason") or "").strip(),
        )
        if done is None:
            return error(self.request, REASON_REQUIRED)
        return super().reply()
