"""The installable web app's pages: the manifest, the service worker, the
offline page, and the head links of every page for signed-in members.

- ``<portal>/manifest.webmanifest`` (``ManifestView``): the Web App
  Manifest (manifest.py), ``application/manifest+json``.
- ``<portal>/sw.js`` (``WorkerView``): static/app/sw.js with its settings
  (the version, the site's addresses, push/'s part) filled in,
  ``text/javascript``, ``Cache-Control: no-cache`` (the browser checks it
  for updates on every navigation at most once a day anyway: Service
  Workers spec, "Update"), and ``Service-Worker-Allowed`` so that its scope
  is the site's root without a trailing slash (Plone links the root as
  ``/Plone``, which a scope ``/Plone/`` would not control).
- ``<portal>/@@offline`` (``OfflineView``): the Swedish offline page; the
  worker keeps it and shows it for any page it cannot fetch. app.js lists
  the pages kept on this phone on it, from Cache Storage.
- ``HeadViewlet`` (IHtmlHead): the manifest link, theme colour, icons,
  Apple's home-screen tags and app.js (which registers the worker, shows
  "Sparad för offline …" on a kept page and the home-screen hint on an
  iPhone), for signed-in members only.

All of them are members only (``zope2.View`` on the closed site: Anonymous
gets the login page like everywhere): the manifest, the worker and the
offline page are the member's own, and the browser sends the login cookie
for all three (``crossorigin="use-credentials"`` on the manifest link; a
worker script is fetched with the cookie). A worker update fetched after
signing out gets the login page's redirect: the update fails and the
installed worker stays, which is harmless (it empties its caches at the
login page). Nothing here writes to the database.
"""

from html import escape
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.app import assets
from solna.intranet.app.manifest import manifest
from solna.intranet.app.manifest import SHORT_NAME
from solna.intranet.app.manifest import THEME_COLOR
from solna.intranet.app.member import current_userid
from solna.intranet.app.member import tag
from solna.intranet.dates import DATETIME
from solna.intranet.dates import MONTHS
from solna.intranet.dates import TIME
from solna.intranet.dates import zone
from solna.intranet.interfaces import IStartPage
from solna.intranet.interfaces import IToolPage
from urllib.parse import urlparse
from zope.i18n import translate
from zope.interface import implementer

import json


#: How often (seconds) the worker fetches the pocket pages again at most.
REFRESH_SECONDS = 300
#: Addresses (after the site's URL) at which the member signs out or is
#: not signed in: the worker empties every cache before fetching them.
SIGN_OUT = (
    "logout",
    "@@logout",
    "logged_out",
    "login",
    "@@login",
    "login_form",
    "require_login",
    "acl_users/credentials_cookie_auth/require_login",
)

TEXTS = {
    "saved": _("app_saved_for_offline", default="Saved for offline ${date}"),
    "updated": _("app_last_updated", default="Last updated ${date}"),
    "unit": _("app_kind_unit", default="Your unit"),
    "favorite": _("app_kind_favorite", default="Favourite"),
    "offline": _("app_kind_offline", default="Available offline"),
    "hint": _(
        "app_homescreen_hint",
        default="Add the intranet to your home screen: tap the Share button "
        "and choose Add to Home Screen.",
    ),
    "ok": _("app_homescreen_ok", default="OK"),
    "hint_label": _("app_homescreen_label", default="Add to Home Screen"),
}


def worker_config(portal_url):
    """The settings the worker is served with (a JSON-able dict)."""
    return {
        "version": assets.version(),
        "portal": portal_url,
        "offline": f"{portal_url}/@@offline",
        "pocket": f"{portal_url}/++api++/@offline-sidor",
        "signOut": [f"{portal_url}/{path}" for path in SIGN_OUT],
        "push": (
            assets.url(portal_url, assets.PUSH_WORKER)
            if assets.has_push_worker()
            else None
        ),
        "refresh": REFRESH_SECONDS,
    }


def worker_script(portal_url):
    """static/app/sw.js with its settings filled in (str)."""
    script = assets.read("app/sw.js")
    config = json.dumps(worker_config(portal_url), ensure_ascii=False)
    return script.replace("/*CONFIG*/{}", config, 1)


class ManifestView(BrowserView):
    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "application/manifest+json; charset=utf-8")
        response.setHeader("Cache-Control", "private, no-cache")
        portal_url = api.portal.get().absolute_url()
        return json.dumps(manifest(portal_url, self.request), ensure_ascii=False)


class WorkerView(BrowserView):
    def __call__(self):
        portal_url = api.portal.get().absolute_url()
        response = self.request.response
        response.setHeader("Content-Type", "text/javascript; charset=utf-8")
        response.setHeader("Cache-Control", "no-cache")
        response.setHeader("Service-Worker-Allowed", urlparse(portal_url).path or "/")
        return worker_script(portal_url)


@implementer(IToolPage)
class OfflineView(BrowserView):
    """Du är offline: what the phone shows for a page it cannot fetch."""

    def portal_url(self):
        return api.portal.get().absolute_url()


def page_config(request, view, portal_url, member):
    """What app.js needs, its texts translated (a JSON-able dict)."""

    def text(message):
        return translate(message, context=request)

    return {
        "worker": f"{portal_url}/sw.js",
        "scope": portal_url,
        "member": member,
        "start": IStartPage.providedBy(view),
        "zone": str(zone()),
        "months": [text(month) for month in MONTHS],
        "formats": {"datetime": text(DATETIME), "time": text(TIME)},
        "texts": {key: text(message) for key, message in TEXTS.items()},
    }


class HeadViewlet(ViewletBase):
    """The head of every page, for signed-in members: the manifest and the
    worker (see the module)."""

    def render(self):
        userid = current_userid(self.request)
        if not userid:
            return ""
        portal_url = api.portal.get().absolute_url()
        config = page_config(self.request, self.view, portal_url, tag(userid))

        def static(name):
            return escape(assets.url(portal_url, f"app/{name}"))

        title = escape(translate(SHORT_NAME, context=self.request))
        data = escape(json.dumps(config, ensure_ascii=False))
        return "\n".join(
            (
                f'<link rel="manifest" href="{escape(portal_url)}/manifest.webmanifest"'
                ' crossorigin="use-credentials" />',
                f'<meta name="theme-color" content="{THEME_COLOR}" />',
                '<meta name="mobile-web-app-capable" content="yes" />',
                '<meta name="apple-mobile-web-app-capable" content="yes" />',
                f'<meta name="apple-mobile-web-app-title" content="{title}" />',
                '<meta name="apple-mobile-web-app-status-bar-style"'
                ' content="default" />',
                # Two keywords: Barceloneta's rules drop the page's links whose
                # rel is exactly "apple-touch-icon" (its own, Plone's logo,
                # win otherwise); Safari reads either keyword.
                '<link rel="apple-touch-icon apple-touch-icon-precomposed" '
                f'sizes="180x180" '
                f'href="{static("apple-touch-icon.png")}" />',
                f'<link rel="icon" type="image/png" sizes="32x32" '
                f'href="{static("favicon-32.png")}" />',
                f'<link rel="stylesheet" href="{static("app.css")}" />',
                f'<script id="solna-app" src="{static("app.js")}" defer '
                f'data-config="{data}"></script>',
            )
        )
