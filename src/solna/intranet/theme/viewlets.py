"""The Solna look's viewlets: the wordmark as the site logo, the footer and
the icons of pages anonymous visitors see (the login page).

Registered on our browser layer (configure.zcml); the theme's
main_template (layout.py) places them in the page.
"""

from html import escape
from plone import api
from plone.app.layout.viewlets.common import LogoViewlet as PloneLogoViewlet
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.accessibility.statement import STATEMENT_ID
from solna.intranet.app import assets
from solna.intranet.navigation.viewlets import icon
from solna.intranet.tools import tool
from zope.component import getMultiAdapter


#: The wordmark (drawn for the intranet, see resources/images/wordmark.svg).
WORDMARK = "++theme++solna/images/wordmark.svg"


class LogoViewlet(PloneLogoViewlet):
    """Plone's logo viewlet with the wordmark "Solna stad · Intranät",
    linking to the site root (its view is Mitt intranät) also from a
    navigation root below it, and for signed-in staff a search button
    beside the menu on phones; registered for everyone, the login page
    too, in browser/anonymous.zcml."""

    index = ViewPageTemplateFile("templates/logo.pt")

    def update(self):
        super().update()
        self.img_src = f"{self.site_url}/{WORDMARK}"
        # Sök one tap away on a phone (the header's search box is in the ☰
        # menu there): a link, so it works without JavaScript too.
        self.search_url = None
        if not tool("portal_membership").isAnonymousUser():
            self.search_url = f"{self.site_url}/@@search"
            self.search_icon = icon("search")


class FooterViewlet(ViewletBase):
    """The footer of every page, also the login page: "Solna stad ·
    Intranät", Tillgänglighetsredogörelse (DOS-lagen: the statement is
    reached from every page, DIGG "Skapa en tillgänglighetsredogörelse")
    and, for signed-in staff, the site actions (Webbplatskarta, Kontakta
    intranätsredaktionen) the member may see."""

    index = ViewPageTemplateFile("templates/footer.pt")

    def update(self):
        super().update()
        self.statement_url = f"{self.site_url}/{STATEMENT_ID}"
        self.signed_in = not api.user.is_anonymous()

    def site_actions(self):
        """[{"id", "title", "url"}] of the site_actions category the member
        may see, without the accessibility action (the statement is always
        the first link)."""
        if not self.signed_in:
            return []
        context_state = getMultiAdapter(
            (self.context, self.request), name="plone_context_state"
        )
        actions = context_state.actions("site_actions")
        return [
            {"id": a["id"], "title": a["title"], "url": a["url"]}
            for a in actions
            if a["id"] != "accessibility" and a.get("url")
        ]


class IconsViewlet(ViewletBase):
    """The browser tab's and home screen's icons for pages seen before
    signing in (the login and password pages); signed-in members get them
    from the web app's head viewlet (app/views.py)."""

    def render(self):
        if not tool("portal_membership").isAnonymousUser():
            return ""
        portal_url = api.portal.get().absolute_url()

        def static(name):
            return escape(assets.url(portal_url, f"app/{name}"))

        return (
            '<link rel="icon" type="image/png" sizes="32x32" '
            f'href="{static("favicon-32.png")}" />\n'
            '<link rel="apple-touch-icon" sizes="180x180" '
            f'href="{static("apple-touch-icon.png")}" />'
        )
