"""Install the accessibility fixes in a site: TinyMCE's editing area named
(its frame's title) and without its "Build with TinyMCE" link."""

from solna.intranet.tinymce import merge_settings


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
    """Merge TINYMCE into TinyMCE's own settings (tinymce.merge_settings).
    Safe to run again."""
    merge_settings(TINYMCE)
