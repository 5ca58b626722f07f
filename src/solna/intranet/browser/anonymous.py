"""Viewlets the login page needs on a closed site, and the site logo
(see anonymous.zcml)."""

from AccessControl import getSecurityManager
from pathlib import Path
from plone.app.layout import viewlets
from plone.app.layout.viewlets import common
from Products.CMFPlone.browser import sitelogo
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound


class ViewportViewlet(common.ViewletBase):
    """Plone's ``<meta name="viewport">``, unchanged."""

    index = ViewPageTemplateFile(str(Path(viewlets.__file__).parent / "viewport.pt"))


class TitleViewlet(common.TitleViewlet):
    """Plone's ``<title>``, which names the page and the site.

    When the login page stands in for a page the visitor may not see, the
    context is that page: naming it would leak its title. Then only the
    site's title is shown.
    """

    def update(self):
        if getSecurityManager().checkPermission("View", self.context):
            return super().update()
        self.site_title = self.site_title_setting


class SiteLogo(sitelogo.SiteLogo):
    """``@@site-logo``: the logo uploaded in Webbplatsen's settings, for
    everyone (the login page may show it). Without one (the theme draws
    Solna's wordmark) Plone's view was a 500 (``None.getSize``, for
    everyone, nobody logged in included); here a 404."""

    def __call__(self):
        if self.data is None:
            raise NotFound("site-logo")
        return super().__call__()
