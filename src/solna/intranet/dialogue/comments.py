"""The comments under an item, as plone.app.discussion shows them, with the
commenter's unit, a Report button, and deletion by a moderator with a reason."""

from plone import api
from plone.app.discussion.browser.comments import COMMENT_DESCRIPTION_MODERATION_ENABLED
from plone.app.discussion.browser.comments import CommentsViewlet as Base
from plone.protect.authenticator import createToken
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.dialogue.behaviors import OPEN
from solna.intranet.dialogue.moderation import moderation_of
from solna.intranet.workflow.people import unit_title
from zope.i18n import translate
from zope.i18nmessageid import Message


class CommentsViewlet(Base):
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

    def author_unit(self, comment):
        """The title of the commenter's unit (member profile), or ""."""
        userid = comment.author_username
        if userid not in self._units:
            self._units[userid] = unit_title(userid)
        return self._units[userid]

    def can_report(self, comment, review_state):
        return (
            self.userid is not None
            and review_state == "published"
            and comment.author_username != self.userid
        )
