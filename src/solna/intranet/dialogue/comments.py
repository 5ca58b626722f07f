"""The comments under an item, as plone.app.discussion shows them, by the
rule in moderation.py: a held comment is shown to its author (marked as
waiting) and its moderators only; only authors edit their comments; a
moderator's delete asks why; everyone may report a comment, saying why if
they like. With the commenter's unit, and times in Swedish."""

from Acquisition import aq_inner
from plone import api
from plone.app.discussion.browser.comments import COMMENT_DESCRIPTION_MODERATION_ENABLED
from plone.app.discussion.browser.comments import CommentForm as PloneCommentForm
from plone.app.discussion.browser.comments import CommentsViewlet as Base
from plone.app.discussion.interfaces import IConversation
from plone.app.layout.globals.interfaces import IViewView
from plone.protect.authenticator import _verify_request
from plone.protect.authenticator import createToken
from plone.z3cform.interfaces import IWrappedForm
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dialogue.behaviors import OPEN
from solna.intranet.dialogue.moderation import may_edit
from solna.intranet.dialogue.moderation import may_report
from solna.intranet.dialogue.moderation import may_see
from solna.intranet.dialogue.moderation import moderation_of
from solna.intranet.members import unit_title
from zExceptions import NotFound
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides


POST_VIEW = "kommentera"
STALE_PAGE = _(
    "error_comment_stale_page",
    default="The page had been open too long to send from. Your comment is "
    "still here: send it again.",
)


class CommentForm(PloneCommentForm):
    """Plone's comment form, sent to ``@@kommentera`` instead of the item's
    page: saving a comment then costs the comment, not the rendering of a
    page with all the comments (a second, for a long thread, during which
    the transaction stays open and collides with others)."""

    @property
    def action(self):
        return f"{aq_inner(self.context).absolute_url()}/@@{POST_VIEW}"


class CommentView(BrowserView):
    """@@kommentera (POST): Plone's comment form handled without the page.
    Saved: back to the item, at the comment. Refused (an empty comment):
    the item's page with the form's Swedish errors and the text kept."""

    def __call__(self):
        reply_to = self.request.form.get("form.widgets.in_reply_to") or ""
        if reply_to:
            parent = (
                IConversation(self.context).get(int(reply_to))
                if str(reply_to).isdigit()
                else None
            )
            if parent is None or not may_see(parent):
                raise NotFound(reply_to)
        if not _verify_request(self.request):
            # The page's token is too old (a phone's tab left open over the
            # keyring's rotation): plone.protect would drop the comment
            # after the redirect, silently. Show the page again instead,
            # with a fresh token, the text still in the form, and why.
            self.request.form.pop("form.buttons.comment", None)
            api.portal.show_message(
                translate(STALE_PAGE, context=self.request),
                request=self.request,
                type="warning",
            )
            return self._page()
        form = CommentForm(aq_inner(self.context), self.request)
        alsoProvides(form, IWrappedForm)
        form.update()
        response = self.request.response
        location = response.getHeader("Location")
        if response.getStatus() in (301, 302, 303) and location:
            response.redirect(location.replace(f"/@@{POST_VIEW}", "", 1))
            return ""
        return self._page()

    def _page(self):
        """The item's page, as its own address shows it (comments too)."""
        name = self.context.getLayout() or self.context.getDefaultLayout()
        page = self.context.restrictedTraverse(name)
        alsoProvides(page, IViewView)
        return page()


class CommentsViewlet(Base):
    form = CommentForm
    index = ViewPageTemplateFile("templates/comments.pt")

    def update(self):
        super().update()
        self._units = {}
        self.authenticator = createToken()
        self.userid = None if self.is_anonymous() else api.user.get_current().getId()

    def comment_transform_message(self):
        """Plone's text, saying comments wait for a moderator only where
        they do (this place is pre-moderated)."""
        message = super().comment_transform_message()
        if moderation_of(self.context) == OPEN:
            moderated = translate(
                Message(COMMENT_DESCRIPTION_MODERATION_ENABLED), context=self.request
            )
            message = message.replace(moderated, "").strip()
        return message

    def get_replies(self, workflow_actions=False):
        """The threads the member may see; with their workflow actions for
        moderators (``workflow_actions``)."""
        conversation = IConversation(self.context, None)
        if conversation is None or not len(conversation.objectIds()):
            return iter([])
        wf_tool = api.portal.get_tool("portal_workflow")

        def visible():
            for thread in conversation.getThreads():
                comment = thread["comment"]
                if not may_see(comment):
                    continue
                thread = thread.copy()
                if workflow_actions:
                    thread["actions"] = [
                        a
                        for a in wf_tool.listActionInfos(object=comment)
                        if a["category"] == "workflow" and a["allowed"]
                    ]
                yield thread

        return visible()

    def author_unit(self, comment):
        """The title of the commenter's unit (member profile), or ""."""
        userid = comment.author_username
        if userid not in self._units:
            self._units[userid] = unit_title(userid)
        return self._units[userid]

    def can_edit(self, reply):
        return may_edit(reply)

    def can_report(self, comment, review_state=None):
        return self.userid is not None and may_report(comment)

    def format_time(self, time):
        """Stockholm time in Swedish: "29 dec 2026 kl. 18.11"."""
        return display(time, self.request)
