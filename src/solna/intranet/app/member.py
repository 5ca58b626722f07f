"""Whose answer is this? An opaque name of the member on every answer, so
that the service worker never keeps one member's pages for another.

Every answer of the site (pages, REST, redirects, error pages) carries
``X-Solna-Member``: ``tag(userid)``, the first 32 hex digits of
HMAC-SHA256(a secret of the site, userid) (RFC 2104), or the empty string
for a visitor who is not signed in. The worker keeps its caches per tag
and deletes every cache when the tag of a page changes (another member, or
none: signed out). The tag says nothing about the member to anyone without
the secret, and is stable for as long as the secret is.

The secret is the site's keyring ``_solna_app`` (plone.keyring), created by
``setup.install``; until the profile is installed (an older site before
its upgrade) the site's ``_system`` ring is used. Clearing the keyring in
the ZMI (``acl_users``... ``Manage secrets``) changes every tag, so every
phone empties its caches on its next page: harmless.
"""

from AccessControl import getSecurityManager
from plone.keyring.interfaces import IKeyManager
from solna.intranet.interfaces import ISolnaIntranetLayer
from zope.component import queryUtility

import hashlib
import hmac


HEADER = "X-Solna-Member"
#: The keyring of the tags (in the site's key manager).
RING = "_solna_app"


def _secret():
    manager = queryUtility(IKeyManager)
    if manager is None:
        return None
    for name in (RING, "_system"):
        if name in manager and manager[name].current:
            return manager[name].current
    return None


def tag(userid):
    """The opaque name of ``userid`` (32 hex digits), or "" for nobody."""
    if not userid:
        return ""
    secret = _secret()
    if secret is None:
        return ""
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    return hmac.new(secret, userid.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def current_userid(request=None):
    """The signed-in member's id, or None for Anonymous."""
    user = None
    if request is not None:
        user = request.get("AUTHENTICATED_USER", None)
    if user is None:
        user = getSecurityManager().getUser()
    if user is None:
        return None
    return _userid(user)


def _userid(user):
    userid = user.getId()
    if not userid or user.getUserName() == "Anonymous User":
        return None
    return userid


def add_member_header(event):
    """IPubBeforeCommit / IPubBeforeAbort: name the member on the answer
    (only where the intranet is installed: our browser layer). An answer
    given before the publisher knew who asks (a 404 while traversing) is
    not named: it is nobody's, and the worker ignores it."""
    request = event.request
    if not ISolnaIntranetLayer.providedBy(request):
        return
    user = request.get("AUTHENTICATED_USER", None)
    if user is None:
        return
    try:
        value = tag(_userid(user))
    except Exception:  # never break an answer for a header
        return
    request.response.setHeader(HEADER, value)
