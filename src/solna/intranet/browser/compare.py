"""The History compare page's stylesheet with its media type.

Products.CMFEditions serves ``compare.css`` (the styles of "Jämför", its
legend and the inline and code diffs) from a browser view that returns the
text without a Content-Type, so Zope answers ``text/plain``; with our
``X-Content-Type-Options: nosniff`` (security/headers.py) the browser
refuses it as a stylesheet and the compare page's legend covered its text
(issue 18's third trial).
"""

from Products.CMFEditions.browser.views import CompareCSS as EditionsCompareCSS


class CompareCSS(EditionsCompareCSS):
    """@@compare.css: CMFEditions' stylesheet, answered as ``text/css``."""

    def __call__(self):
        self.request.response.setHeader("Content-Type", "text/css; charset=utf-8")
        return super().__call__()
