"""The community page (topics by latest activity, roster, join) and its REST
service ``@natverk``; the topic page."""

from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.dialogue import communities
from solna.intranet.dialogue.moderation import comment_counts
from solna.intranet.members import by_login
from solna.intranet.members import fullname
from solna.intranet.members import member
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from solna.intranet.validators import text_of
from zope.i18n import translate
from zope.interface import alsoProvides


UNKNOWN_ACTION = _(
    "error_unknown_community_action",
    default='Send an action: "join", "leave" or (moderators) "add".',
)
NOT_ALLOWED = _(
    "error_community_not_allowed",
    default="You may not do that in this community.",
)


def can_moderate(community):
    return api.user.has_permission("solna.intranet: Moderate community", obj=community)


def act(community, action, userid=""):
    """join / leave for oneself; add (also: approve a request) for moderators.
    Returns the message to show, or None if not allowed."""
    me = api.user.get_current().getId()
    if action == "join":
        result = communities.join(community, me)
        return {
            "member": _("Welcome! You are a member now."),
            "requested": _("Your request is sent to the moderators."),
        }.get(result)
    if action == "leave":
        communities.leave(community, me)
        return _("You have left the community.")
    if action == "add" and can_moderate(community):
        user = member(userid) or by_login(userid)
        if user is None:
            return _("There is no staff member with that login.")
        communities.add_member(community, user.getId())
        return _("The member is added.")
    return None


def summary(community):
    me = api.user.get_current().getId()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="solna.Topic",
        path="/".join(community.getPhysicalPath()),
        sort_on="modified",
        sort_order="descending",
    )
    counts = comment_counts([b.getPath() for b in brains])
    topics = [
        {
            "title": b.Title,
            "url": b.getURL(),
            "modified": iso(b.modified),
            "modified_display": display(b.modified),
            "comments": counts[b.getPath()],
        }
        for b in brains
    ]
    data = {
        "@id": f"{community.absolute_url()}/@natverk",
        "title": community.Title(),
        "visibility": communities.visibility(community),
        "my_status": communities.status(community, me),
        "moderators": [fullname(u) for u in community.moderators or ()],
        "members": [fullname(u) for u in community.members],
        "topics": topics,
    }
    if can_moderate(community):
        data["requests"] = communities.requester_names(community)
    return data


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


class CommunityGet(Service):
    def reply(self):
        return summary(self.context)


class CommunityPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        action = text_of(body, "action")
        if action not in ("join", "leave", "add"):
            return error(self.request, UNKNOWN_ACTION)
        message = act(self.context, action, text_of(body, "userid"))
        if message is None:
            self.request.response.setStatus(403)
            message = translate(NOT_ALLOWED, context=self.request)
            return {"error": {"type": "Forbidden", "message": message}}
        return summary(self.context)
