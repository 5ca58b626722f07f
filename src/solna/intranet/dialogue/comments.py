"""The comments under an item, as plone.app.discussion shows them, with the
commenter's unit, a Report button, and deletion by a moderator with a reason."""

from plone import api
from plone.app.discussion.browser.comments import CommentsViewlet as Base
from plone.protect.authenticator import createToken
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class CommentsViewlet(Base):
    index = ViewPageTemplateFile("templates/comments.pt")

    def update(self):
        super().update()
        self._units = {}
        self.authenticator = createToken()
        self.userid = None if self.is_anonymous() else api.user.get_current().getId()

    def author_unit(self, comment):
        """The title of the commenter's unit (member profile), or ""."""
        userid = comment.author_username
        if not userid:
            return ""
        if userid not in self._units:
            member = api.user.get(userid=userid)
            uid = member.getProperty("unit", "") if member else ""
            unit = api.content.get(UID=uid) if uid else None
            self._units[userid] = unit.Title() if unit is not None else ""
        return self._units[userid]

    def can_report(self, comment, review_state):
        return (
            self.userid is not None
            and review_state == "published"
            and comment.author_username != self.userid
        )
