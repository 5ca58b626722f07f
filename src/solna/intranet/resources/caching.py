"""How long browsers keep static files (the Cache-Control header).

A static file whose URL names its version is the same file for ever: a new
version has a new URL. Those are cached for a year and never revalidated
(``public, max-age=31536000, immutable``, RFC 8246), so a repeat visit
downloads the page's HTML and nothing else. Versioned are:

- ``++webresource++<hash>/...``: Plone's bundles, the hash of the file's
  content (Products.CMFPlone.resources);
- ``...?v=<version>``: our scripts, styles and icons (app.assets.url,
  push's, navigation's and the other parts' script links: ``v`` is a hash of
  the file or of the static folder, the project's convention);
- ``++plone++static/bundle-plone/chunks/<n>.<hash>.min.js``: mockup's chunks,
  named after their content by webpack (editors' pages).

Other static files (``++plone++``, ``++theme++``, ``++resource++`` without a
version) get a short lifetime (an hour), so a release reaches everyone within
the hour. Pages (HTML, REST) are left alone: they stay uncached for members
as before (Plone's ``Expires`` in the past; the service worker has its own
``no-cache``).

Why not plone.app.caching (pinned, 5.0.0, not installed): its rulesets know
neither our ``?v=`` URLs nor a closed intranet's pages, and installing it
means configuring caching for every view of the site (ETags, 304s, purging),
which issue 22 does for the cluster with a caching proxy. This one
subscriber is the part a single instance needs now; when plone.app.caching is
configured, remove it (configure.zcml) or keep it for the ``?v=`` URLs.
"""

from urllib.parse import parse_qs
from urllib.parse import unquote


YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
SHORT = "public, max-age=3600"
STATIC = ("/++plone++", "/++theme++", "/++resource++", "/++webresource++")
HASHED_PATHS = ("/++webresource++", "/++plone++static/bundle-plone/chunks/")
#: Answers that are pages or data, never static files, whatever the path says.
NEVER = ("text/html", "application/json", "application/xhtml")


def cache_control(path, query="", content_type=""):
    """The Cache-Control for a GET of ``path`` (with ``query``, the query
    string) answered 200/304 with ``content_type``, or None for what is not
    a static file.

    A path that climbs out of a static folder (``/++plone++static/../page``,
    also percent-encoded: Zope resolves ``..`` while it traverses) and any
    HTML or JSON answer are not static files: a member's page must never be
    public in a cache."""
    if not any(prefix in path for prefix in STATIC):
        return None
    if any(step in (".", "..") for step in unquote(path).split("/")):
        return None
    if content_type.split(";")[0].strip().lower().startswith(NEVER):
        return None
    if any(prefix in path for prefix in HASHED_PATHS):
        return IMMUTABLE
    if parse_qs(query).get("v", [""])[0]:
        return IMMUTABLE
    return SHORT


def set_cache_control(event):
    """IPubBeforeCommit: set Cache-Control on static files' answers."""
    request, response = event.request, event.request.response
    if request.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
        return
    if response.getStatus() not in (200, 304):
        return
    value = cache_control(
        request.get("PATH_INFO", ""),
        request.get("QUERY_STRING", ""),
        response.getHeader("Content-Type") or "",
    )
    if value:
        response.setHeader("Cache-Control", value)
        # Five's resources add an Expires a day ahead: Cache-Control wins
        # (RFC 9111 5.3), but a contradiction helps nobody.
        response.headers.pop("expires", None)
