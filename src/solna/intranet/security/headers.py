"""Response headers on every answer, and the login cookie over HTTPS
(issue 14, part 5).

``add_headers`` (IPubBeforeCommit and IPubBeforeAbort: pages, REST, error
pages and redirects alike) sets:

- ``Content-Security-Policy``: ``POLICY``. Scripts only from the site
  (``'self'``): Plone 6 Classic's bundles are files, and the pages of this
  intranet have no inline script (tests/security/test_headers.py reads
  every page type for one). ``'unsafe-eval'`` because Plone's folder
  contents (mockup's structure pattern) compiles its underscore templates
  with ``new Function``; without it "Innehåll" stays empty. Styles may be
  inline (``style=""`` attributes in Plone's templates and TinyMCE);
  images also from ``data:`` and ``blob:`` (the image cropper and
  TinyMCE's uploads). No plugins (``object-src 'none'``), no ``<base>``
  elsewhere, forms post only to the site, and no page of the intranet in
  another site's frame (``frame-ancestors 'self'``).
- ``X-Content-Type-Options: nosniff``: a file is what its Content-Type
  says (see uploads.py for how that is decided).
- ``Referrer-Policy: strict-origin-when-cross-origin``: another site
  learns at most that a visitor came from the intranet, never from which
  page (addresses of people and units stay inside).

The ``__ac`` cookie (and plone.restapi's ``auth_token``) gets ``Secure``
when the request came over HTTPS: directly, or through a proxy that says so
in ``X-Forwarded-Proto: https`` (set ``SOLNA_SECURE_COOKIES=0`` to turn
that off, ``=1`` to force it behind a proxy that does not send the
header). Both get ``SameSite=Lax`` and ``HttpOnly`` too.
Sources: OWASP Secure Headers Project; MDN on CSP and Set-Cookie.
"""

import os


POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    )
)

HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}

COOKIES = ("__ac", "auth_token")


def over_https(request):
    """Did the visitor reach us over HTTPS? ``SOLNA_SECURE_COOKIES`` ("1"
    or "0") overrides what the request says."""
    forced = os.environ.get("SOLNA_SECURE_COOKIES", "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    if (request.getHeader("X-Forwarded-Proto") or "").lower() == "https":
        return True
    return str(request.get("SERVER_URL", "")).startswith("https://")


def add_headers(event):
    request = event.request
    response = request.response
    for name, value in HEADERS.items():
        if not response.getHeader(name):
            response.setHeader(name, value)
    secure = over_https(request)
    for name in COOKIES:
        cookie = response.cookies.get(name)
        if cookie is None:
            continue
        # Zope's own parameter names (ZPublisher.cookie).
        if not any(key.lower() in ("samesite", "same_site") for key in cookie):
            cookie["SameSite"] = "Lax"
        if not any(key.lower() in ("httponly", "http_only") for key in cookie):
            cookie["HttpOnly"] = True
        if secure:
            cookie["Secure"] = True
