"""The last word on Cache-Control, after plone.app.caching's operations.

``last_word`` (IPubBeforeCommit and IPubBeforeAbort, registered after
plone.transformchain's handler, in which plone.caching's mutator runs)
decides for every answer:

- a static file (caching/static.py): ``public``, a year and ``immutable``
  when its URL names its version, an hour otherwise;
- everything else (pages, REST, files of content, redirects, errors, 304s):
  **private**. What plone.app.caching set stays when it is private already
  (``max-age=0, must-revalidate, private`` with an ETag for our rulesets);
  ``public`` and ``s-maxage`` become ``private``; an answer nobody gave a
  Cache-Control gets ``private, no-cache``. ``no-store`` is kept (login,
  invitations, codes).

Why private, always: the site is closed, every page is a member's, and staff
use their own phones through proxies we do not control. ``private`` forbids
every shared cache to store the answer (RFC 9111 5.2.2.7); ``no-cache`` or
``max-age=0, must-revalidate`` make the browser ask again each time, with its
ETag, so a repeat visit is a 304 but a stale or another member's page never
shows (their ETags differ: ``userid`` is a component). The policy does not
rely on the registry being right: a ruleset someone maps to "Moderate
caching" in the control panel still ends up private here.

Pages and REST answers share addresses (content negotiation on ``Accept``),
so every non-static answer also gets ``Vary: Accept`` (RFC 9110 12.5.5).

A 304 carries what the 200 it stands for carries (RFC 9110 15.4.5: the same
ETag, Cache-Control and Vary; issue 22's fresh trial saw a weak ETag,
``max-age=0, must-revalidate, private`` and ``Vary: Accept, Accept-Encoding``
on the 200 and a strong ETag, ``private, no-cache`` and ``Vary: Accept`` on
its 304):

- the ETags of pages and REST answers are **weak** (``W/"…"``, RFC 9110
  8.8.1), on the 200 and the 304 alike: they name a version of what a member
  sees (etags.py), not its bytes, and the pipeline's gzip
  (resources/compression.py) sends other bytes under the same ETag.
  plone.app.caching writes them strong and reads ``If-None-Match`` without
  the ``W/``. A download (``Accept-Ranges``) keeps a strong one (If-Range
  needs it);
- plone.app.caching removes Cache-Control from its 304s (RFC 2616's advice);
  the 304 gets ``REVALIDATE`` again, what its "Weak caching" gives the 200
  (the only operation that answers 304 here: caching/__init__.py);
- ``Vary: Accept-Encoding``, which the gzip filter adds to the 200, the
  filter adds to the 304 too.

Sources: RFC 9111 (HTTP Caching) 3.5, 5.2.2; plone.app.caching's
documentation (operations, "Caching proxies").
"""

from solna.intranet.caching.static import cache_control

import re


PRIVATE = "private, no-cache"
#: The Cache-Control of a page or REST answer with an ETag (plone.app.caching's
#: "Weak caching", made private), on its 200 and on its 304.
REVALIDATE = "max-age=0, must-revalidate, private"
#: Directives a shared cache reads; a private answer has no use for them.
SHARED_ONLY = re.compile(r"^(public|s-maxage=.*|proxy-revalidate)$", re.IGNORECASE)


def private(value):
    """``value`` (a Cache-Control header or None) made private: kept if it is
    ``no-store`` or ``private`` already, otherwise without what a shared
    cache reads and with ``private`` first."""
    if not value or not value.strip():
        return PRIVATE
    directives = [d.strip() for d in value.split(",") if d.strip()]
    names = {d.split("=", 1)[0].lower() for d in directives}
    if "no-store" in names or ("private" in names and "public" not in names):
        return ", ".join(
            d for d in directives if not re.match(r"^s-maxage=", d, re.IGNORECASE)
        )
    kept = [d for d in directives if not SHARED_ONLY.match(d)]
    kept = [d for d in kept if d.lower() != "private"]
    if not kept:
        return PRIVATE
    return ", ".join(["private", *kept])


def add_vary(response, name):
    """Add ``name`` to the response's Vary header (once)."""
    vary = response.getHeader("Vary") or ""
    names = [v.strip() for v in vary.split(",") if v.strip()]
    if "*" in names or name.lower() in (n.lower() for n in names):
        return
    response.setHeader("Vary", ", ".join([*names, name]))


def last_word(event):
    """IPubBeforeCommit/IPubBeforeAbort: Cache-Control (and Vary) on every
    answer, as the module says."""
    request = event.request
    response = request.response
    method = request.get("REQUEST_METHOD", "GET")
    status = response.getStatus()
    if method in ("GET", "HEAD") and status in (200, 304):
        static = cache_control(
            request.get("PATH_INFO", ""),
            request.get("QUERY_STRING", ""),
            response.getHeader("Content-Type") or "",
        )
        if static:
            response.setHeader("Cache-Control", static)
            # Five's resources add an Expires a day ahead: Cache-Control wins
            # (RFC 9111 5.3), but a contradiction helps nobody.
            response.headers.pop("expires", None)
            return
    given = response.getHeader("Cache-Control")
    if status == 304 and not given:
        given = REVALIDATE
    response.setHeader("Cache-Control", private(given))
    add_vary(response, "Accept")
    if status in (200, 304) and not response.getHeader("Accept-Ranges"):
        weaken_etag(response)


def weaken_etag(response):
    """Make the response's ETag weak (``"x"`` -> ``W/"x"``) if it has a
    strong one (plone.app.caching sets it as ``ETag``, others as ``etag``)."""
    for name in ("ETag", "etag"):
        etag = response.headers.get(name)
        if etag and etag.startswith('"'):
            response.headers[name] = f"W/{etag}"
