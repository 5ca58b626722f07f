"""The community page (topics by latest activity, roster, join) and the
topic page (REST ``@natverk`` in services.py)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from solna.intranet.dialogue.communities.membership import act
from solna.intranet.dialogue.communities.summary import summary


class CommunityView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            message = act(
                self.context,
                self.request.form.get("action", ""),
                (self.request.form.get("userid") or "").strip(),
            )
            if message:
                api.portal.show_message(message, request=self.request)
            return self.request.response.redirect(self.context.absolute_url())
        self.data = summary(self.context)
        return self.index()

    def can_add_topic(self):
        return api.user.has_permission("solna.intranet: Add Topic", obj=self.context)


class TopicView(BrowserView):
    pass
