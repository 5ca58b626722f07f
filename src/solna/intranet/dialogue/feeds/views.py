"""Omvärldsbevakning: the page of a place's entries, and sharing an entry
into a community as a discussion (REST and the job's endpoint in
services.py)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.dialogue.content import ICommunity
from solna.intranet.dialogue.feeds.feeds import entries
from solna.intranet.dialogue.feeds.feeds import serialize
from solna.intranet.dialogue.feeds.feeds import share
from solna.intranet.interfaces import IToolPage
from zExceptions import Unauthorized
from zope.interface import implementer
from zope.schema import ValidationError


def my_communities():
    """Communities where the member may start a discussion."""
    catalog = api.portal.get_tool("portal_catalog")
    found = (
        b.getObject()
        for b in catalog(portal_type="solna.Community", sort_on="sortable_title")
    )
    return [
        c for c in found if api.user.has_permission("solna.intranet: Add Topic", obj=c)
    ]


@implementer(IToolPage)
class FeedView(BrowserView):
    """@@omvarldsbevakning on the site or a community."""

    def items(self):
        return [serialize(e) for e in entries(self.context)[:100]]

    def communities(self):
        if ICommunity.providedBy(self.context):
            may = api.user.has_permission("solna.intranet: Add Topic", obj=self.context)
            return [self.context] if may else []
        return my_communities()


class ShareView(BrowserView):
    """@@dela-lank on a community (POST): a link with a comment becomes a
    discussion there."""

    def __call__(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        target = self.target(form.get("community"))
        try:
            topic = share(
                target,
                (form.get("link") or "").strip(),
                (form.get("title") or "").strip(),
                (form.get("comment") or "").strip(),
            )
        except ValidationError:
            api.portal.show_message(
                _("Give a web address starting with https:// or http://."),
                request=self.request,
                type="error",
            )
            return self.request.response.redirect(target.absolute_url())
        api.portal.show_message(_("Shared with the community."), request=self.request)
        return self.request.response.redirect(topic.absolute_url())

    def target(self, uid):
        """The community to share into: the one chosen in the page's list
        (``community``, its UID: the list chose it with an inline script
        before, which our Content-Security-Policy blocks, and every share
        went to the first), else this one. Raises Unauthorized for a chosen
        one that is no community or where the member may not start a
        discussion."""
        if not uid:
            return self.context
        found = api.content.get(UID=uid)
        if (
            found is None
            or not ICommunity.providedBy(found)
            or not api.user.has_permission("solna.intranet: Add Topic", obj=found)
        ):
            raise Unauthorized(uid)
        return found
