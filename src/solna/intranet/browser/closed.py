"""Plone's public pages, closed to anonymous visitors (see configure.zcml).

Plone registers a few pages with ``zope.Public``: the site contact form and
the sitemap (and the accessibility page, which accessibility/views.py turns
into a way to the intranet's Tillgänglighetsredogörelse). In a closed
intranet only logged-in staff may see them. We register the same classes and
templates again on our browser layer with the View permission: nothing of
their behaviour changes.
"""

from pathlib import Path
from Products.CMFPlone.browser import contact_info
from Products.CMFPlone.browser.sitemap import SitemapView
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


PLONE_TEMPLATES = Path(contact_info.__file__).parent / "templates"


def plone_template(name):
    return ViewPageTemplateFile(str(PLONE_TEMPLATES / name))


class ContactInfoEmail(BrowserView):
    """The mail body template of the contact form."""

    __call__ = plone_template("contact-info-email.pt")


class Sitemap(SitemapView):
    __call__ = plone_template("sitemap.pt")
