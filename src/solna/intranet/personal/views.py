"""Mitt intranät: the start page, choosing one's unit and profession, all
news, and Mina favoriter (the button on every page and its POST)."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.base.interfaces import IPloneSiteRoot
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.interfaces import IStartPage
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import profile
from solna.intranet.organisation.phones import call
from solna.intranet.organisation.vocabularies import units
from solna.intranet.personal import favorites
from solna.intranet.personal.feed import news_page
from solna.intranet.personal.feed import NEWS_PAGE_SIZE
from solna.intranet.personal.onboarding import save_choice
from solna.intranet.personal.onboarding import skip
from solna.intranet.personal.onboarding import skipped
from solna.intranet.personal.start import start_page
from solna.intranet.validators import text_of
from solna.intranet.vocabularies import professions
from zope.i18n import translate
from zope.interface import implementer


PARTS = ViewPageTemplateFile("templates/item.pt")
FORMS = ViewPageTemplateFile("templates/choice_form.pt")


class FeedItems:
    """What pages listing feed items share: the item's macro and its frame."""

    parts = PARTS

    @staticmethod
    def priority_class(item):
        return {"kris": "border-danger", "viktig": "border-warning"}.get(
            item["priority"], ""
        )


@implementer(IStartPage, IToolPage)
class StartView(FeedItems, BrowserView):
    """@@mitt-intranat: the site's start page after login."""

    forms = FORMS
    call = call

    def __call__(self):
        self.data = start_page(self.request, skipped(self.request))
        self.choice = Choice(self.request)
        return self.index()


class Choice:
    """The unit and profession choices, for the forms."""

    def __init__(self, request):
        self.request = request
        unit, profession = profile(api.user.get_current().getId())
        self.unit = request.form.get("unit", unit)
        self.profession = request.form.get("profession", profession)

    def units(self):
        return [(t.value, t.title) for t in units()]

    def professions(self):
        return [
            (t.value, translate(t.title, context=self.request)) for t in professions()
        ]


@implementer(IToolPage)
class ChoiceView(BrowserView):
    """@@valj-enhet: choose (or change) one's unit and profession; or skip."""

    forms = FORMS

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            portal_url = api.portal.get().absolute_url()
            if self.request.form.get("skip"):
                skip(self.request)
                return self.request.response.redirect(portal_url)
            self.errors = save_choice(
                text_of(self.request.form, "unit"),
                text_of(self.request.form, "profession"),
            )
            if not self.errors:
                api.portal.show_message(
                    _("Saved. Mitt intranät now shows what concerns you."),
                    self.request,
                )
                return self.request.response.redirect(portal_url)
            api.portal.show_message(
                _("Please correct the indicated errors."), self.request, type="error"
            )
        self.choice = Choice(self.request)
        return self.index()


@implementer(IToolPage)
class NewsView(FeedItems, BrowserView):
    """@@nyheter: every news item meant for the member, newest first, or
    (``?alla=1``) every news item they may see; 20 a page."""

    size = NEWS_PAGE_SIZE

    def everything(self):
        return bool(self.request.form.get("alla"))

    def batch(self):
        """The page's batch (plone.batching); ``self.items`` its items
        serialized as the start page's feed items."""
        batch, self.items = news_page(
            api.user.get_current().getId(),
            self.request,
            everything=self.everything(),
            start=self.request.form.get("b_start", 0),
            size=self.size,
        )
        return batch


class FavoriteView(BrowserView):
    """@@favoriter (old name @@favorit): save this page to Mina favoriter,
    or remove it (POST)."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            userid = api.user.get_current().getId()
            uid = api.content.get_uuid(self.context)
            if self.request.form.get("remove"):
                favorites.remove(userid, uid)
                api.portal.show_message(_("Removed from Mina favoriter."), self.request)
            else:
                try:
                    favorites.add(userid, uid)
                    api.portal.show_message(_("Saved to Mina favoriter."), self.request)
                except favorites.TooMany as refused:
                    api.portal.show_message(refused.message, self.request, type="error")
        return self.request.response.redirect(self.context.absolute_url())


class FavoriteViewlet(ViewletBase):
    """The star under the title of every page: save to Mina favoriter.

    Only on an item's own view (IViewView, configure.zcml), never on the
    site root: the pages Plone draws on the root (Personlig information,
    the dashboard, Site Setup) are not content one keeps, and saving one
    saved the start page (issue 18)."""

    index = ViewPageTemplateFile("templates/favorite.pt")

    def update(self):
        super().update()
        self.available = (
            not self.portal_state.anonymous()
            and not IToolPage.providedBy(self.view)
            and not IPloneSiteRoot.providedBy(self.context)
            and bool(api.content.get_uuid(self.context))
        )
        if self.available:
            self.saved = favorites.is_favorite(
                api.user.get_current().getId(), api.content.get_uuid(self.context)
            )

    def render(self):
        return self.index() if self.available else ""
