"""The Web App Manifest (W3C "Web Application Manifest"): what a phone
needs to install the intranet on its home screen.

``manifest(portal_url, request)`` gives the manifest as a dict; the page
``<portal>/manifest.webmanifest`` serves it (``application/manifest+json``)
and REST ``@webbapp`` answers it, so both always agree. The start URL, scope
and id are the site's root (Mitt intranät); the icons are drawn for the
intranet (icons.py) and versioned (assets.version()), maskable ones apart
from the "any" ones (a maskable icon keeps its drawing in the central 80 %).
"""

from plone import api
from solna.intranet import _
from solna.intranet.app import assets
from solna.intranet.app.icons import BLUE
from zope.i18n import translate


NAME = _("app_name", default="Solna intranet")
SHORT_NAME = _("app_short_name", default="Intranet")
DESCRIPTION = _(
    "app_description",
    default="Solna stad's intranet: news meant for you, colleagues' phone "
    "numbers, forms and your cases.",
)
#: The bar of the installed app, and the splash screen behind the icon.
THEME_COLOR = BLUE
BACKGROUND_COLOR = "#ffffff"
#: (file, size in px, purpose) of the manifest's icons.
ICONS = (
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("maskable-192.png", 192, "maskable"),
    ("maskable-512.png", 512, "maskable"),
)
#: Long-press shortcuts of the installed app: (title, path from the site).
SHORTCUTS = (
    (_("Find a contact"), "@@hitta-kontakt"),
    (_("My cases"), "@@mina-arenden"),
)


def language():
    """The site's language ("sv"): the manifest's ``lang`` and the language
    its texts are in."""
    return (
        api.portal.get_registry_record("plone.default_language", default="sv") or "sv"
    ).split("-")[0]


def manifest(portal_url, request):
    """The manifest of the site at ``portal_url`` (a JSON-able dict)."""
    lang = language()

    def text(message):
        return translate(message, context=request, target_language=lang)

    return {
        "id": portal_url,
        "name": text(NAME),
        "short_name": text(SHORT_NAME),
        "description": text(DESCRIPTION),
        "lang": lang,
        "dir": "ltr",
        "start_url": portal_url,
        "scope": portal_url,
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {
                "src": assets.url(portal_url, f"app/{name}"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for name, size, purpose in ICONS
        ],
        "shortcuts": [
            {
                "name": text(title),
                "url": f"{portal_url}/{path}",
                "icons": [
                    {
                        "src": assets.url(portal_url, "app/icon-192.png"),
                        "sizes": "192x192",
                        "type": "image/png",
                    }
                ],
            }
            for title, path in SHORTCUTS
        ],
    }
