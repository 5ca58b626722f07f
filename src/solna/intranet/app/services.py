"""REST of the installable web app, for a future native app:

- ``GET @webbapp``: the Web App Manifest (the same dict the manifest page
  serves), the service worker's URL and scope, and the version of the
  static files: ``{"@id", "manifest": {...}, "manifest_url",
  "service_worker", "scope", "version"}``.
- ``GET @offline-sidor``: the member's pocket pages, the list the worker
  keeps: ``{"@id", "items": [{"url", "title", "kind", "modified"}],
  "items_total"}`` (pocket.py).

Both members only (View on the closed site); both only read.
"""

from plone import api
from plone.restapi.services import Service
from solna.intranet.app import assets
from solna.intranet.app.manifest import manifest
from solna.intranet.app.member import current_userid
from solna.intranet.app.pocket import pocket_pages
from solna.intranet.rest import listing


class WebAppGet(Service):
    def reply(self):
        portal_url = api.portal.get().absolute_url()
        return {
            "@id": f"{self.context.absolute_url()}/@webbapp",
            "manifest": manifest(portal_url, self.request),
            "manifest_url": f"{portal_url}/manifest.webmanifest",
            "service_worker": f"{portal_url}/sw.js",
            "scope": portal_url,
            "version": assets.version(),
        }


class PocketGet(Service):
    def reply(self):
        return listing(
            self.context,
            "@offline-sidor",
            pocket_pages(current_userid(self.request)),
        )
