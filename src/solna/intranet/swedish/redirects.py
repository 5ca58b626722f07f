"""Webbadresser (Site Setup's @@redirection-controlpanel) in Swedish.

Plone tells that an alternative url was added with a message it fills in
before translation (``_("Alternative url from {0} to {1} added.")
.format(...)``, Products.CMFPlone's redirects.py): no catalog reaches the
English string that results. The panel is Plone's, unchanged, but for
that message, which it hands over as one our catalog translates
(``alternative_url_added``, plone domain)."""

from pathlib import Path
from Products.CMFPlone.controlpanel.browser import redirects
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18nmessageid import MessageFactory

import re


PMF = MessageFactory("plone")

#: Plone's message once filled in.
ADDED = re.compile(
    r"Alternative url from (?P<redirection>.+) to (?P<target>.+) added\."
)


class _SwedishStatus:
    """Plone's status messages, the added-url message translatable."""

    def __init__(self, status):
        self.status = status

    def addStatusMessage(self, text, type=""):
        if match := ADDED.fullmatch(str(text)):
            text = PMF(
                "alternative_url_added",
                default="Alternative url from ${redirection} to ${target} added.",
                mapping=match.groupdict(),
            )
        return self.status.addStatusMessage(text, type=type)

    def __getattr__(self, name):
        return getattr(self.status, name)


class RedirectsControlPanel(redirects.RedirectsControlPanel):
    """Plone's Webbadresser; registered on our layer (configure.zcml)."""

    index = ViewPageTemplateFile(
        str(Path(redirects.__file__).parent / "redirects-controlpanel.pt")
    )

    def add(self, redirection, target, portal, storage, status):
        return super().add(redirection, target, portal, storage, _SwedishStatus(status))
