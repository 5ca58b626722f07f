"""No author byline on the intranet's own pages (IToolPage)."""

from plone.app.layout.viewlets.content import DocumentBylineViewlet
from solna.intranet.interfaces import IToolPage


class Byline(DocumentBylineViewlet):
    def render(self):
        if IToolPage.providedBy(self.view):
            return ""
        return super().render()
