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


#: A listing's "av admin" (Plone's listing, summary and tabular views): the
#: link to the author's page, in its "av …" span.
AUTHOR_LINKS = "//span[a[contains(@href, '/author/')]]"
LEADING_DASH = re.compile(r"^\s*(?:—|&mdash;)\s*")


def drop_unknown_authors(root):
    """In a page's tree (lxml), remove each listing byline's "av …" that
    names no member of the site (the Zope administrator who made an
    item: "av admin — Senast ändrad …" in Nätverk), with the dash after
    it."""
    known = {}
    for span in root.xpath(AUTHOR_LINKS):
        link = span.xpath("a[contains(@href, '/author/')]")[0]
        userid = link.get("href").rstrip("/").rsplit("/author/", 1)[-1]
        if userid not in known:
            known[userid] = member(userid) is not None
        if known[userid]:
            continue
        parent = span.getparent()
        tail = LEADING_DASH.sub("", span.tail or "")
        previous = span.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(span)
