"""Omvärldsbevakning: the page and REST list of a place's entries, sharing
an entry into a community as a discussion, and the job's endpoint."""

from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.dates import display_date
from solna.intranet.dates import iso
from solna.intranet.dialogue.content import ICommunity
from solna.intranet.dialogue.content import web_address
from solna.intranet.dialogue.feeds import entries
from solna.intranet.dialogue.feeds import fetch_all
from solna.intranet.interfaces import IToolPage
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.schema import ValidationError


def serialize(entry):
    return {
        "title": entry["title"],
        "link": entry["link"],
        "summary": entry["summary"],
        "source": entry["source"],
        "published": iso(entry["published"] or entry["fetched"]),
        "published_display": display_date(entry["published"] or entry["fetched"]),
    }


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
        link = (form.get("link") or "").strip()
        title = (form.get("title") or "").strip() or link
        comment = (form.get("comment") or "").strip() or title
        try:
            web_address(link)
        except ValidationError:
            api.portal.show_message(
                _("Give a web address starting with https:// or http://."),
                request=self.request,
                type="error",
            )
            return self.request.response.redirect(self.context.absolute_url())
        topic = api.content.create(
            container=self.context,
            type="solna.Topic",
            title=title,
            text=comment,
            link=link,
        )
        api.portal.show_message(_("Shared with the community."), request=self.request)
        return self.request.response.redirect(topic.absolute_url())


class FeedGet(Service):
    def reply(self):
        items = [serialize(e) for e in entries(self.context)[:100]]
        return {
            "@id": f"{self.context.absolute_url()}/@omvarldsbevakning",
            "items": items,
            "items_total": len(items),
        }


class FetchPost(Service):
    """The job solna-fetch-feeds: fetch every source now."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON job call
        return fetch_all()
