"""Plone's site contact form, closed to anonymous visitors (see configure.zcml)."""

from pathlib import Path
from Products.CMFPlone.browser import contact_info
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class ContactInfoEmail(BrowserView):
    """The mail body template of the contact form, unchanged."""

    __call__ = ViewPageTemplateFile(
        str(Path(contact_info.__file__).parent / "templates" / "contact-info-email.pt")
    )
