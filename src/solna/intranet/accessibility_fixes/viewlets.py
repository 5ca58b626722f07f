"""Viewlets of the accessibility fixes.

- The skip link (WCAG 2.4.1 Bypass Blocks): "Till huvudinnehållet", to the
  page's ``<main>`` (the theme's #main-container); the transform moves it
  first in the page and makes ``<main>`` focusable.
- static/a11y/editors.js for those who may edit (WCAG 1.3.1, 2.5.3, 4.1.2):
  names of the editing widgets that scripts draw (TinyMCE's link and image
  dialogs, the content browser, the upload's progress bar).
"""

from html import escape
from pathlib import Path
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory

import hashlib


_ = MessageFactory("solna.intranet")
EDITORS_JS = Path(__file__).parents[1] / "static" / "a11y" / "editors.js"
#: The script's version in its URL (a new release is a new URL).
VERSION = hashlib.sha256(EDITORS_JS.read_bytes()).hexdigest()[:12]


class SkipLink(ViewletBase):
    index = ViewPageTemplateFile("templates/skiplink.pt")


class EditorsScript(ViewletBase):
    """static/a11y/editors.js, for those who may edit here (the viewlet's
    permission), with its one text in the member's language."""

    def render(self):
        portal_url = api.portal.get().absolute_url()
        remove = translate(_("label_remove", default="Remove"), context=self.request)
        home = translate(_("label_home", default="Home"), context=self.request)
        sections = translate(
            _("label_sections", default="Sections"), context=self.request
        )
        filter_ = translate(
            _("label_filter_items", default="Filter the list"), context=self.request
        )
        progress = translate(
            _("label_upload_progress", default="Upload progress"),
            context=self.request,
        )
        browser = translate(
            _("label_content_browser", default="Choose or upload"),
            context=self.request,
        )
        return (
            f'<script id="solna-a11y-editors" defer '
            f'src="{portal_url}/++plone++solna.intranet/a11y/editors.js?v={VERSION}" '
            f'data-remove="{escape(remove)}" data-home="{escape(home)}" '
            f'data-sections="{escape(sections)}" data-filter="{escape(filter_)}" '
            f'data-progress="{escape(progress)}" '
            f'data-browser="{escape(browser)}"></script>'
        )
