"""Our ETag components, beside plone.app.caching's (userid, roles,
catalogCounter ...): what a page of this intranet depends on that theirs do
not see.

An ETag lets a browser ask "still this?" (``If-None-Match``) and get a 304
without the page (RFC 9110 8.8.3, 13.1.2). That is only right if the ETag
changes whenever the page would. plone.app.caching builds it from named
``IETagValue`` adapters listed per ruleset in the registry
(profiles/default/registry/caching.xml); these are ours:

- ``solna.database``: the ZODB transaction the request reads. Much of what
  a staff page shows is not in the catalog (``catalogCounter`` misses it):
  the crisis banner's state, a member's own settings and subscriptions,
  portlets, local roles, registry settings, the keyring that signs the page's
  CSRF tokens. Any write anywhere changes it; a page view writes nothing to
  the ZODB (stats/hook.py), so between writes a repeat visit is a 304.
- ``solna.clock``: the current five minutes. What appears or goes on a clock
  without a write (a news item's publishing date, an expiry, "i dag") shows
  within five minutes.
- ``solna.representation``: what was published (the view or REST service)
  and whether JSON was asked for. A page and its REST answer share an
  address (``Accept: application/json``): the browser must never get a 304
  for one that validates its stored copy of the other.

A status message ("Ändringarna har sparats") lives in a cookie until a page
shows it; a 304 would swallow it. plone.app.caching sees to that itself: a
request with ``statusmessages`` (its ``cacheStopRequestVariables``) gets a
random ETag and never a 304.

Source: plone.app.caching's documentation ("ETags", ``IETagValue``).
"""

from Acquisition import aq_base
from plone.app.caching.interfaces import IETagValue
from zope.component import adapter
from zope.component.hooks import getSite
from zope.interface import implementer
from zope.interface import Interface

import hashlib
import time


#: Seconds of one ``solna.clock`` step.
CLOCK_STEP = 300


def _short(text):
    """A short, stable digest of ``text`` (ETag values stay short)."""
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:12]


def read_transaction(obj):
    """The id of the last ZODB transaction this request's connection sees
    (hex), or "" without one.

    ZODB's own storages (FileStorage in ``make start``) are wrapped per
    connection in an MVCC adapter whose ``_start`` is the first transaction
    it does not see; RelStorage's per-connection storages (the cluster) say
    what they polled in ``lastTransaction()``. Either is this request's view
    of the database, not the newest one on disk: an ETag never claims more
    than the page was made from."""
    jar = getattr(aq_base(obj), "_p_jar", None) if obj is not None else None
    if jar is None:
        return ""
    storage = getattr(jar, "_storage", None)
    start = getattr(storage, "_start", None)
    if isinstance(start, bytes):
        return start.hex()
    last = getattr(storage, "lastTransaction", None)
    if last is not None:
        tid = last()
        if isinstance(tid, bytes):
            return tid.hex()
    return ""


class _Component:
    """An ``IETagValue``: called, it returns this request's value (str)."""

    def __init__(self, published, request):
        self.published = published
        self.request = request


@implementer(IETagValue)
@adapter(Interface, Interface)
class Database(_Component):
    """``solna.database``: the ZODB transaction the page was read at."""

    def __call__(self):
        return read_transaction(getSite())


@implementer(IETagValue)
@adapter(Interface, Interface)
class Clock(_Component):
    """``solna.clock``: the current step of CLOCK_STEP seconds."""

    def __call__(self):
        return str(int(time.time() // CLOCK_STEP))


@implementer(IETagValue)
@adapter(Interface, Interface)
class Representation(_Component):
    """``solna.representation``: the published view's class and name, and
    "json" when JSON was asked for."""

    def __call__(self):
        published = self.published
        kind = type(aq_base(published))
        name = getattr(published, "__name__", "") or ""
        accept = (self.request.getHeader("Accept") or "").lower()
        json = "json" if "application/json" in accept else "html"
        return _short(f"{kind.__module__}.{kind.__qualname__}/{name}/{json}")
