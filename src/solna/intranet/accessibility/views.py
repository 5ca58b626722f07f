"""Plone's accessibility page, for the intranet's statement."""

from Products.Five import BrowserView
from solna.intranet.accessibility.statement import statement_url


class AccessibilityInfo(BrowserView):
    """``@@accessibility-info`` (Plone's English page, linked from the site
    actions) redirects to the intranet's Tillgänglighetsredogörelse
    (statement.py): one statement, in the structure DIGG prescribes under
    lagen (2018:1937) om tillgänglighet till digital offentlig service.

    Registered with the View permission on our layer, like Plone's other
    formerly public pages (browser/closed.py): members only.
    """

    def __call__(self):
        self.request.response.redirect(statement_url())
        return ""
