"""The "Inaktuellt innehåll" report page, and the link to it on a unit's
page (a viewlet in the unit page's ``solna.unit.links`` manager)."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.interfaces import IToolPage
from solna.intranet.review.stale import report
from solna.intranet.review.stale import stale_brains
from zope.interface import implementer


@implementer(IToolPage)
class StaleContentView(BrowserView):
    """@@inaktuellt-innehall on the site (every unit) or on a unit (that
    unit and those under it)."""

    def __call__(self):
        self.data = report(self.context)
        return self.index()

    def type_title(self, portal_type):
        types = api.portal.get_tool("portal_types")
        fti = types.getTypeInfo(portal_type)
        return fti.Title() if fti else portal_type


class StaleLinkViewlet(ViewletBase):
    """On a unit's page: "Inaktuellt innehåll (n)", how many items here are
    due for review. Only for those who may see the report (editors and the
    manager): the viewlet's permission in configure.zcml, which the viewlet
    manager checks before it renders."""

    index = ViewPageTemplateFile("templates/stale_link.pt")

    def update(self):
        super().update()
        self.count = len(stale_brains(self.context))
