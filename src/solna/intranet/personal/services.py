"""REST: @mitt-intranat (the start page's data, the same feed as the page),
@nyheter, @favoriter (list, save, remove) and @valj-enhet (the member's unit
and profession)."""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet import _
from solna.intranet.personal import favorites
from solna.intranet.personal.feed import news_page
from solna.intranet.personal.onboarding import save_choice
from solna.intranet.personal.onboarding import skipped
from solna.intranet.personal.start import start_page
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from solna.intranet.rest import listing
from solna.intranet.validators import text_of
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


NO_SUCH_PAGE = _("There is no such page to save.")


class StartGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@mitt-intranat",
            **start_page(self.request, skipped(self.request)),
        }


class NewsGet(Service):
    """The member's news (``?alla=1``: all news), 20 a page (``b_start``)."""

    def reply(self):
        batch, items = news_page(
            api.user.get_current().getId(),
            self.request,
            everything=bool(self.request.form.get("alla")),
            start=self.request.form.get("b_start", 0),
        )
        return {
            "@id": f"{self.context.absolute_url()}/@nyheter",
            "items": items,
            "items_total": batch.sequence_length,
            "b_start": batch.first,
        }


class ChoicePost(Service):
    """{"unit": UID, "profession": id}: the member's choice."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        errors = save_choice(text_of(body, "unit"), text_of(body, "profession"))
        if errors:
            field, message = next(iter(errors.items()))
            return error(self.request, message, field=field)
        return start_page(self.request, skipped(self.request))["onboarding"]


class FavoritesGet(Service):
    def reply(self):
        items = favorites.favorites(api.user.get_current().getId())
        return listing(self.context, "@favoriter", items)


class FavoritesPost(FavoritesGet):
    """{"UID": ...}: save a page the member may see."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        uid = text_of(json_object(self.request), "UID")
        catalog = api.portal.get_tool("portal_catalog")
        if not uid or not catalog.searchResults(UID=uid):
            return error(self.request, NO_SUCH_PAGE)
        try:
            favorites.add(api.user.get_current().getId(), uid)
        except favorites.TooMany as refused:
            return error(self.request, refused.message)
        self.request.response.setStatus(201)
        return super().reply()


@implementer(IPublishTraverse)
class FavoritesDelete(FavoritesGet):
    """DELETE @favoriter/<UID>."""

    uid = None

    def publishTraverse(self, request, name):
        self.uid = name
        return self

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        if not self.uid:
            return error(self.request, NO_SUCH_PAGE)
        favorites.remove(api.user.get_current().getId(), self.uid)
        self.request.response.setStatus(204)
        return None
