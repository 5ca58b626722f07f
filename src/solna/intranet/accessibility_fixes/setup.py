"""Install the accessibility fixes in a site: TinyMCE's editing area named
(its frame's title) and without its "Build with TinyMCE" link."""

from plone import api

import json


#: TinyMCE 8 names its iframe only in Firefox: give it a title (WCAG 4.1.2);
#: no "Build with TinyMCE" link in the status bar.
TINYMCE = {
    "iframe_attrs": {"title": "Textredigerare"},
    "branding": False,
    "promotion": False,
    # The status bar's resize handle is a slider without a value
    # (axe: aria-required-attr, WCAG 4.1.2); the editor grows with its text.
    "resize": False,
}


def install(site):
    """Merge TINYMCE into the registry's plone.other_settings (TinyMCE's
    own settings, JSON), keeping what else is there. Safe to run again."""
    raw = api.portal.get_registry_record("plone.other_settings", default="") or "{}"
    try:
        settings = json.loads(raw)
    except ValueError:
        settings = {}
    settings.update(TINYMCE)
    api.portal.set_registry_record("plone.other_settings", json.dumps(settings))
