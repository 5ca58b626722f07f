"""TinyMCE's Swedish completed (tinymce_sv.js): Plone's bundle carries
TinyMCE's Swedish language pack, which lacks the table picker's "Use arrow
keys to navigate." and translates "Justify" as "Verifiera". Our additions
reach TinyMCE as an external plugin, added here to the settings Plone gives
every rich text field's pattern (Products.CMFPlone.patterns.tinymce's
``get_tiny_config``, patched in configure.zcml): no registry record to
change, and IT's own plugins in TinyMCE's panel stay as they are."""

from Products.CMFPlone.utils import get_portal


#: The plugin's name in TinyMCE's ``external_plugins``.
PLUGIN = "solna_sv"


def get_tiny_config(self):
    """Plone's TinyMCE settings (a dict), with our Swedish as a plugin."""
    config = self._old_get_tiny_config()
    plugins = config.get("external_plugins")
    if not isinstance(plugins, dict):
        plugins = config["external_plugins"] = {}
    plugins[PLUGIN] = f"{get_portal().absolute_url()}/++resource++solna-tinymce-sv.js"
    return config
