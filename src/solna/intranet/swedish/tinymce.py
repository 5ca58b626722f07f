"""TinyMCE in Swedish beyond its language pack.

- TinyMCE's Swedish completed (tinymce_sv.js): Plone's bundle carries
  TinyMCE's Swedish language pack, which lacks the table picker's "Use
  arrow keys to navigate." and translates "Justify" as "Verifiera". Our
  additions reach TinyMCE as an external plugin, added here to the settings
  Plone gives every rich text field's pattern
  (Products.CMFPlone.patterns.tinymce's ``get_tiny_config``, patched in
  configure.zcml): no registry record to change, and IT's own plugins in
  TinyMCE's panel stay as they are.
- Plone's link and image dialogs (mockup's ``linkmodal``) in Swedish.
  Their texts are the tinymce pattern's defaults (``text``, ``targetList``,
  ``imageClasses``), translated in the ``widgets`` domain when mockup's
  script is first run, which is before its catalog has arrived:
  ``@@plonejsi18n`` is fetched asynchronously and only a copy kept in the
  browser's localStorage (for a day, per language) is there in time. On an
  editor's first rich text page of the day every dialog text was English
  ("Insert link", "Internal", "Open in this window / frame", "Cancel").
  ``PatternSettings`` hands them to the pattern translated on the server
  from the same messages (plone.app.locales' widgets.po and ours), so they
  no longer depend on what the browser has stored.
- The image dialog's own messages (``OUR_TEXT``, tinymce_sv.js): an image
  must be chosen, and described by an alternative text or marked as
  decorative (WCAG 1.1.1), handed over the same way as ``solna*`` keys of
  the pattern's ``text``.
- The Format menu (``FORMAT_TITLES``): Plone names its groups and styles
  in English in its settings (Products.CMFPlone.patterns.tinymce:
  "Headers", "Header 1", "Block", "Inline", "Tables", "Listing" …, from
  the registry's plone.*_styles), which TinyMCE's language pack mostly
  lacks, and TinyMCE's importcss plugin titles the classes of
  tinymce-formats.css by their selectors ("highlight-inline",
  "p.highlight-paragraph"). The groups and styles are translated here in
  the settings; the selectors' titles reach our plugin as the setting
  ``solna_format_titles`` (``IMPORTCSS_TITLES``), which it adds to
  TinyMCE's Swedish. Styles IT
  adds in TinyMCE's panel keep the title IT gave them.
"""

from Products.CMFPlone.patterns.settings import PatternSettingsAdapter
from Products.CMFPlone.utils import get_portal
from solna.intranet import _ as _solna
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory

import json


_ = MessageFactory("widgets")

#: The plugin's name in TinyMCE's ``external_plugins``.
PLUGIN = "solna_sv"

#: The tinymce pattern's ``text`` option: mockup's defaults
#: (pat/tinymce/tinymce.js), the link and image dialogs' texts.
TEXT = {
    "insertBtn": _("Insert"),
    "cancelBtn": _("Cancel"),
    "insertHeading": _("Insert link"),
    "title": _("Title"),
    "internal": _("Internal"),
    "external": _("External"),
    "externalText": _(
        "External URL (can be relative within this site or absolute if it "
        "starts with http:// or https://)"
    ),
    "email": _("Email Address"),
    "anchor": _("Anchor"),
    "anchorLabel": _("Select an anchor"),
    "target": _("Target"),
    "subject": _("Email Subject (optional)"),
    "image": _("Image"),
    "imageAlign": _("Align"),
    "enableImageZoom": _("Enable image zoom"),
    "scale": _("Size"),
    "alt": _("Alternative Text"),
    "insertImageHelp": _(
        "Specify an image. It can be on this site already (Internal Image), "
        "an image you upload (Upload), or from an external site (External "
        "Image)."
    ),
    "internalImage": _("Internal Image"),
    "externalImage": _("External Image"),
    "externalImageText": _(
        "External Image URL (can be relative within this site or absolute if "
        "it starts with http:// or https://)"
    ),
    "upload": _("Upload"),
    "insertLinkHelp": _(
        "Specify the object to link to. It can be on this site already "
        "(Internal), an object you upload (Upload), from an external site "
        "(External), an email address (Email), or an anchor on this page "
        "(Anchor)."
    ),
    "captionFromDescription": _("Show Image Caption from Image Description"),
    "caption": _("Image Caption"),
}

#: The image dialog's messages of ours (tinymce_sv.js), added to ``text``.
OUR_TEXT = {
    "solnaNoImage": _solna(
        "tinymce_image_none",
        default="Choose or upload an image first.",
    ),
    "solnaAltMissing": _solna(
        "tinymce_image_alt_missing",
        default="Write an alternative text that describes the image, or mark "
        "the image as decorative.",
    ),
    "solnaDecorative": _solna(
        "tinymce_image_decorative",
        default="The image is decorative (screen readers skip it)",
    ),
}

#: Where a link opens (the pattern's ``targetList``, in mockup's order).
TARGETS = (
    (_("Open in this window / frame"), ""),
    (_("Open in new window"), "_blank"),
    (_("Open in parent window / frame"), "_parent"),
    (_("Open in top frame (replaces all frames)"), "_top"),
)

#: An image's alignment (the pattern's ``imageClasses``): CSS class -> title.
#: The first, no class, is what the dialog has for a new image (and for an
#: image without an alignment's class): mockup sets the select to it, and
#: without an option of that value the select showed nothing at all.
IMAGE_CLASSES = {
    "": _solna("tinymce_image_no_alignment", default="No alignment"),
    "image-inline": _("Inline"),
    "image-right": _("Right"),
    "image-left": _("Left"),
}


#: The Format menu's titles: Plone's defaults (plone.base's ITinyMCESchema
#: and Products.CMFPlone.patterns.tinymce's groups) and the selectors of
#: Barceloneta's tinymce-formats.css as TinyMCE's importcss titles them.
FORMAT_TITLES = {
    "Headers": _solna("tinymce_format_headers", default="Headings"),
    **{
        f"Header {level}": _solna(
            f"tinymce_format_header_{level}", default=f"Heading {level}"
        )
        for level in range(1, 7)
    },
    "Block": _solna("tinymce_format_block", default="Paragraphs"),
    "Paragraph": _solna("tinymce_format_paragraph", default="Paragraph"),
    "Blockquote": _solna("tinymce_format_blockquote", default="Quotation"),
    "Div": _solna("tinymce_format_div", default="Section (div)"),
    "Pre": _solna("tinymce_format_pre", default="Preformatted text"),
    "Inline": _solna("tinymce_format_inline", default="Text format"),
    "Bold": _solna("tinymce_format_bold", default="Bold"),
    "Italic": _solna("tinymce_format_italic", default="Italic"),
    "Underline": _solna("tinymce_format_underline", default="Underlined"),
    "Strikethrough": _solna("tinymce_format_strikethrough", default="Struck through"),
    "Superscript": _solna("tinymce_format_superscript", default="Superscript"),
    "Subscript": _solna("tinymce_format_subscript", default="Subscript"),
    "Code": _solna("tinymce_format_code", default="Code"),
    "Text in 2 columns": _solna(
        "tinymce_format_columns_2", default="Text in 2 columns"
    ),
    "Text in 3 columns": _solna(
        "tinymce_format_columns_3", default="Text in 3 columns"
    ),
    "Alignment": _solna("tinymce_format_alignment", default="Alignment"),
    "Left": _solna("tinymce_format_left", default="Left"),
    "Center": _solna("tinymce_format_center", default="Centre"),
    "Right": _solna("tinymce_format_right", default="Right"),
    "Justify": _solna("tinymce_format_justify", default="Justify"),
    "Tables": _solna("tinymce_format_tables", default="Tables"),
    "Listing": _solna("tinymce_format_listing", default="Table with lines"),
    "Listing compact": _solna(
        "tinymce_format_listing_compact", default="Compact table with lines"
    ),
    "Subdued grid": _solna("tinymce_format_plain", default="Subdued grid"),
    "Invisible Grid": _solna("tinymce_format_invisible_grid", default="No grid"),
}

#: TinyMCE's importcss titles a class of tinymce-formats.css (Barceloneta's)
#: by its selector: the titles our plugin adds to TinyMCE's Swedish.
IMPORTCSS_TITLES = {
    "highlight-inline": _solna(
        "tinymce_format_highlight_inline", default="Highlighted text"
    ),
    "p.highlight-paragraph": _solna(
        "tinymce_format_highlight_paragraph", default="Highlighted paragraph"
    ),
}

#: The setting our plugin (tinymce_sv.js) reads the importcss titles from.
FORMAT_TITLES_SETTING = "solna_format_titles"


def translate_formats(formats, request):
    """TinyMCE's ``style_formats`` (a list of groups with ``items``), their
    titles in FORMAT_TITLES translated for ``request``, in place."""
    for style in formats or ():
        if not isinstance(style, dict):
            continue
        title = style.get("title")
        if title in FORMAT_TITLES:
            style["title"] = translate(FORMAT_TITLES[title], context=request)
        translate_formats(style.get("items"), request)
    return formats


def get_tiny_config(self):
    """Plone's TinyMCE settings (a dict), with our Swedish as a plugin and
    the Format menu's titles in Swedish."""
    config = self._old_get_tiny_config()
    plugins = config.get("external_plugins")
    if not isinstance(plugins, dict):
        plugins = config["external_plugins"] = {}
    plugins[PLUGIN] = f"{get_portal().absolute_url()}/++resource++solna-tinymce-sv.js"
    translate_formats(config.get("style_formats"), self.request)
    config[FORMAT_TITLES_SETTING] = {
        english: translate(message, context=self.request)
        for english, message in IMPORTCSS_TITLES.items()
    }
    return config


def dialog_options(request):
    """The link and image dialogs' texts (a dict of the tinymce pattern's
    options ``text``, ``targetList`` and ``imageClasses``), translated for
    ``request``."""
    return {
        "text": {
            key: translate(message, context=request)
            for key, message in (TEXT | OUR_TEXT).items()
        },
        "targetList": [
            {"text": translate(message, context=request), "value": value}
            for message, value in TARGETS
        ],
        "imageClasses": {
            name: translate(message, context=request)
            for name, message in IMAGE_CLASSES.items()
        },
    }


class PatternSettings(PatternSettingsAdapter):
    """Plone's pattern settings, the tinymce pattern's with its dialogs'
    texts translated (registered for our layer as ``pattern_settings``,
    which plone.app.z3cform's rich text widget asks for)."""

    def tinymce(self):
        attributes = super().tinymce()
        options = json.loads(attributes["data-pat-tinymce"])
        for key, value in dialog_options(self.request).items():
            if isinstance(value, dict):
                options[key] = {**value, **(options.get(key) or {})}
            elif key not in options:
                options[key] = value
        attributes["data-pat-tinymce"] = json.dumps(options)
        return attributes
