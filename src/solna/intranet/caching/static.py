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
the hour. They are ``public``: the same bytes for everyone, and the login
page needs them (its stylesheet, the logo) before anyone has logged in.

Why this and not plone.app.caching's ``plone.resource`` and
``plone.stableResource`` rulesets: those follow the published object (a
Five resource, a skin file) and know neither our ``?v=`` URLs, nor that a
path through a static folder may end on a page (``..``), nor ``immutable``.
So our profile leaves those two rulesets without an operation
(caching/__init__.py) and this module alone decides for static paths: one
mechanism, not two that overwrite each other in the order their subscribers
happen to run. Sources: RFC 9111 5.2.2 (``public``, ``max-age``), RFC 8246.
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
