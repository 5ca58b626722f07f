"""The author byline ("av Anna Lindqvist") only where it names someone: not
on the intranet's own pages (IToolPage), not on a page that is not an
item's own view (forms, personal information, the dashboard), and not for
an item whose only creator is the Zope administrator ("av admin" names no
one staff know)."""

from plone.app.layout.globals.interfaces import IViewView
from plone.app.layout.viewlets.content import DocumentBylineViewlet
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import member


class Byline(DocumentBylineViewlet):
    def render(self):
        if IToolPage.providedBy(self.view) or not IViewView.providedBy(self.view):
            return ""
        if not any(member(c) for c in self.context.listCreators()):
            return ""
        return super().render()
