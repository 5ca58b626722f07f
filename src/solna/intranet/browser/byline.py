"""The author byline ("av Anna Lindqvist") only where it names someone: not
on the intranet's own pages (IToolPage), not on a page that is not an
item's own view (forms, personal information, the dashboard), and not for
an item whose only creator is the Zope administrator ("av admin" names no
one staff know). Without a date to show after the authors (sent for
review or back: a publishing date set but not published, and
workflow/published.py shows no change date before publishing) it ends at
the names, not at a dash.
"""

from plone.app.layout.globals.interfaces import IViewView
from plone.app.layout.viewlets.content import DocumentBylineViewlet
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import member

import re


#: Plone's byline writes a dash after the authors whether a date follows.
DANGLING_DASH = re.compile(r"\s*(?:&mdash;|—)\s*</span>")


class Byline(DocumentBylineViewlet):
    def render(self):
        if IToolPage.providedBy(self.view) or not IViewView.providedBy(self.view):
            return ""
        if not any(member(c) for c in self.context.listCreators()):
            return ""
        html = super().render()
        if not any(mark in html for mark in ("documentPublished", "documentModified")):
            html = DANGLING_DASH.sub("</span>", html, count=1)
        return html
