"""CSRF on REST writes (issue 14, part 3).

plone.restapi's services switch plone.protect's CSRF check off: a REST
client has no form to carry a token. But a browser also sends the login
cookie (``__ac``) to ``++api++``, and accepts a JSON body sent as
``text/plain`` from any page without asking the server first (no CORS
preflight). So any page a logged-in member opened could publish, comment,
change a case's status or mail people in their name.

``check`` (IPubAfterTraversal) refuses a REST write (POST, PUT, PATCH,
DELETE) that is authenticated by the cookie alone unless it is one a
browser cannot forge from another page:

- it carries plone.protect's token (``X-CSRF-TOKEN`` header or
  ``_authenticator``), or
- it says ``Content-Type: application/json`` (or has no body, as a
  DELETE), which needs a CORS preflight from another origin, **and** its
  ``Origin`` (or, lacking one, ``Referer``) is the site's own origin
  (``SERVER_URL``, which a virtual host rewrites to the public address) or
  one listed in the environment variable ``SOLNA_TRUSTED_ORIGINS``
  (comma-separated ``https://host[:port]``).

Requests with a JWT (``Authorization: Bearer``, from ``@login``) are not
affected: no browser sends one by itself. Basic authentication (scripts,
cron jobs) works too, unless the browser says the request comes from
another origin (``Origin``, ``Sec-Fetch-Site``): a browser that has saved
Basic credentials (the ZMI) sends them with any page's request. The HTML views keep
plone.protect's automatic protection. Refused: 403 with a Swedish message.
Sources: OWASP CSRF Prevention Cheat Sheet ("Verifying Origin with standard
headers", "Employing custom request headers"); plone.restapi's docs on
CSRF with cookie authentication.
"""

from plone.protect.authenticator import _verify_request
from solna.intranet import _
from solna.intranet.rest import is_service_request
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zope.i18n import translate

import os


WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
COOKIES = ("__ac", "auth_token")

REFUSED = _(
    "error_csrf_refused",
    default="The request was refused: it did not come from the intranet's own "
    "pages. Reload the page and try again.",
)


def origin_of(url):
    """``scheme://host[:port]`` of a URL, lower case ('' if none)."""
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def trusted_origins(request):
    """The site's own origin and those in ``SOLNA_TRUSTED_ORIGINS``."""
    found = {origin_of(request.get("SERVER_URL", ""))}
    for item in os.environ.get("SOLNA_TRUSTED_ORIGINS", "").split(","):
        if item.strip():
            found.add(origin_of(item.strip()) or item.strip().lower())
    found.discard("")
    return found


def _authorization(request):
    """The Authorization header, lower case ('' if none). Zope moves it out
    of the headers into ``request._auth``."""
    found = getattr(request, "_auth", None) or request.getHeader("Authorization")
    return (found or "").lower()


def _cookie(request):
    """Does the request carry a login cookie? (``check`` has dealt with an
    Authorization header before.)"""
    return any(request.cookies.get(name) for name in COOKIES)


def _has_body(request):
    length = request.getHeader("Content-Length")
    try:
        return bool(int(length)) if length is not None else bool(request.get("BODY"))
    except ValueError:
        return True


def _from_elsewhere(request):
    """Does the browser say the request comes from another origin
    (``Origin``, or ``Sec-Fetch-Site`` of a page elsewhere)? Scripts and
    cron jobs send neither."""
    origin = request.getHeader("Origin")
    if origin is not None and origin_of(origin) not in trusted_origins(request):
        return True
    site = (request.getHeader("Sec-Fetch-Site") or "").lower()
    return site in ("cross-site", "same-site") and origin_of(
        origin or request.getHeader("Referer")
    ) not in trusted_origins(request)


def forgeable(request):
    """Could another page have sent this request in the member's name?"""
    content_type = (request.getHeader("Content-Type") or "").split(";")[0]
    if _has_body(request) and content_type.strip().lower() != "application/json":
        return True
    origin = request.getHeader("Origin") or origin_of(request.getHeader("Referer"))
    return origin_of(origin) not in trusted_origins(request)


def check(event):
    """IPubAfterTraversal: refuse a forgeable cookie-authenticated REST
    write (``Forbidden``, 403, in Swedish)."""
    request = event.request
    if not is_service_request(request):
        return
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITES:
        return
    authorization = _authorization(request)
    if authorization.startswith("bearer "):
        return  # a token no browser sends by itself
    if authorization:
        # Basic: a browser that has it saved (the ZMI) sends it with any
        # page's request, but then also says where the request comes from.
        if _from_elsewhere(request):
            raise Forbidden(translate(REFUSED, context=request))
        return
    if not _cookie(request):
        return
    if request.get("_authenticator") or request.getHeader("X-CSRF-TOKEN"):
        if _verify_request(request):
            return
    elif not forgeable(request):
        return
    raise Forbidden(translate(REFUSED, context=request))
