"""Push subscriptions: which phones (browsers) of a member receive push
notifications, per member and per remembered device.

A browser's ``PushManager.subscribe()`` gives a ``PushSubscription``
(W3C Push API): an ``endpoint`` (the push service's URL for this browser,
RFC 8030 §5) and two keys for the message encryption (RFC 8291 §3):
``p256dh``, the browser's ECDH public key (an uncompressed P-256 point, 65
bytes, base64url) and ``auth``, the authentication secret (16 bytes,
base64url). Anyone holding them can send this browser messages; they are
not shown to anyone, not logged, and go only to the push service named by
the endpoint.

**Stored** in a site annotation (``KEY``), never on the member's profile::

    {"members": {userid: {key: Subscription}}, "endpoints": {key: userid}}

``key`` is ``key_of(endpoint)`` (a SHA-256 of the endpoint: one entry per
browser). Per subscription: the endpoint and keys, the sign-in it was made
with (``login.devices.sign_in_id``: the remembered device's id, or an app's
"api-…" JWT id), when it was made (seconds since the
epoch) and the browser and system named from the User-Agent
(``login.devices.describe``: "Safari", "iPhone"; not the header itself).

**Removed**: when the member turns push off (``unsubscribe``), when the
device is signed out (``forget_devices``, subscribed to
``login.events.IDevicesSignedOut``) or its record expires (checked by the
queue whenever it hands out a delivery), when the push service answers 404
or 410 (``remove``, from queue.report), and with the account
(``forget_member``). One device keeps one subscription (subscribing again
replaces it); an endpoint belongs to one member (a shared phone where
someone else turns push on moves it to them). At most ``MAX_DEVICES`` per
member.
"""

from persistent import Persistent
from plone import api
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.login import devices
from solna.intranet.push import sender
from solna.intranet.storage import annotation
from solna.intranet.storage import child
from zope.i18nmessageid import Message

import base64
import binascii
import hashlib
import time


KEY = "solna.intranet.push.subscriptions"
#: At most this many phones (browsers) per member receive push.
MAX_DEVICES = 10
#: The longest endpoint taken (the push services' are 150-400 characters).
MAX_ENDPOINT = 2000
P256DH_BYTES, AUTH_BYTES = 65, 16

BAD_ENDPOINT = _(
    "push_error_endpoint",
    default="The browser sent no valid push address (endpoint). Turn "
    "notifications off and on again.",
)
BAD_KEYS = _(
    "push_error_keys",
    default="The browser sent no valid keys for the notifications. Turn "
    "notifications off and on again.",
)
TOO_MANY = _(
    "push_error_too_many",
    default="Notifications are already on for ${count} phones. Remove one "
    "on the Notifications page first.",
)


class Invalid(ValueError):
    """What a browser sent cannot be a push subscription; ``message`` is
    the Swedish (i18n) message for the 400."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class Subscription(Persistent):
    """One browser's push subscription (see the module's description)."""

    def __init__(self, endpoint, p256dh, auth, device_id, browser, system, now):
        self.endpoint = endpoint
        self.p256dh = p256dh
        self.auth = auth
        self.device_id = device_id
        self.browser = browser
        self.system = system
        self.created = now

    @property
    def key(self):
        return key_of(self.endpoint)


def key_of(endpoint):
    """The key a subscription is stored under: 32 hex digits of the
    SHA-256 of its endpoint."""
    return hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:32]


def _decode(value, size):
    """The bytes of a base64url text (RFC 4648 §5, padding optional) if
    they are ``size`` long, else None."""
    if not isinstance(value, str) or not value or len(value) > 200:
        return None
    text = value.strip().rstrip("=")
    if any(c not in _ALPHABET for c in text):
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == size else None


_ALPHABET = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
)


def check_endpoint(endpoint):
    """The endpoint (stripped) if the site takes it, else Invalid
    (BAD_ENDPOINT). Only a browser's push service: https on port 443 to
    ``sender.SERVICE_HOSTS`` (Google's FCM, Mozilla's, Apple's, Microsoft's
    WNS), or a host (and port) listed in ``SOLNA_PUSH_HOSTS``, http or https
    (``sender.endpoint_kind``, the rule the job applies again before it
    connects). An endpoint is what any member's browser (or script) sends:
    another host would make the job post to it (SSRF: cloud metadata,
    internal services, the site itself), and the site's SERVER_URL decides
    nothing (a proxy's Host header may set it)."""
    if not isinstance(endpoint, str) or not 0 < len(endpoint) <= MAX_ENDPOINT:
        raise Invalid(BAD_ENDPOINT)
    endpoint = endpoint.strip()
    if sender.endpoint_kind(endpoint) is None:
        raise Invalid(BAD_ENDPOINT)
    return endpoint


def validate(data, request=None):
    """Check what a browser sent: ``{"endpoint": str, "keys": {"p256dh":
    str, "auth": str}}`` (``PushSubscription.toJSON()``). Returns
    (endpoint, p256dh, auth), the keys as sent without padding. Raises
    Invalid for an endpoint that is not a browser's push service (see
    ``check_endpoint``), a p256dh that is no uncompressed P-256 point (65
    bytes, 0x04 first: RFC 8291 §3.1, SEC 1 §2.3.3) or an auth secret that
    is not 16 bytes (RFC 8291 §3.2). ``request`` is not used (kept for
    callers)."""
    del request  # the endpoint's host decides, never the site's address
    endpoint = check_endpoint(data.get("endpoint") if isinstance(data, dict) else None)
    keys = data.get("keys")
    if not isinstance(keys, dict):
        raise Invalid(BAD_KEYS)
    p256dh = _decode(keys.get("p256dh"), P256DH_BYTES)
    auth = _decode(keys.get("auth"), AUTH_BYTES)
    if p256dh is None or p256dh[0] != 4 or auth is None:
        raise Invalid(BAD_KEYS)
    return (
        endpoint,
        keys["p256dh"].strip().rstrip("="),
        keys["auth"].strip().rstrip("="),
    )


# --- Reading -------------------------------------------------------------------


def _store(create=False):
    return annotation(api.portal.get(), KEY, create=create)


def _members(create=False):
    store = _store(create)
    return child(store, "members") if create else store.get("members", {})


def of(userid):
    """The member's subscriptions, newest first."""
    found = _members().get(userid)
    return sorted(found.values() if found else (), key=lambda s: -s.created)


def get(userid, key):
    """The member's subscription under ``key``, or None."""
    found = _members().get(userid)
    return found.get(key) if found else None


def for_device(userid, device_id):
    """The member's subscription made on this device, or None (a device
    id None: an app sign-in, never matched)."""
    if device_id is None:
        return None
    return next((s for s in of(userid) if s.device_id == device_id), None)


def signed_in(userid, subscription, now=None):
    """Does the sign-in the subscription was made with still sign in: the
    remembered device, or the app's stored JWT ("api-…", expired or
    signed out: no)? (One made without either counts as signed in;
    signing out everywhere removes it.)"""
    if subscription.device_id is None:
        return True
    return devices.signs_in(userid, subscription.device_id, now)


def count():
    """How many subscriptions are stored (all members)."""
    return len(_store().get("endpoints", {}))


def describe(subscription, request):
    """A phone with push on as the page and REST show it: {"id": its key,
    "name": "Safari på iPhone", "created": ISO 8601, "created_display":
    Swedish date and time, "current": made on the device in hand}."""
    _userid, device_id = devices.current(request)
    return {
        "id": subscription.key,
        "name": devices.device_name(subscription.browser, subscription.system, request),
        "created": iso(subscription.created),
        "created_display": display(subscription.created, request),
        "current": bool(device_id) and subscription.device_id == device_id,
    }


# --- Writing (in the request's transaction: a POST or DELETE) -----------------


def subscribe(userid, device_id, endpoint, p256dh, auth, user_agent="", now=None):
    """Store a validated subscription (see ``validate``) for the member's
    device. Replaces the subscription of the same endpoint and the one the
    device had; moves an endpoint another member had. Returns (the
    subscription, True if it is new for the member). Raises Invalid
    (TOO_MANY) when the member has MAX_DEVICES already."""
    now = now or time.time()
    key = key_of(endpoint)
    before = _members().get(userid) or {}
    replaced = {
        other_key
        for other_key, other in before.items()
        if other_key == key or (device_id is not None and other.device_id == device_id)
    }
    if len(set(before.keys()) - replaced) >= MAX_DEVICES:
        raise Invalid(Message(TOO_MANY, mapping={"count": MAX_DEVICES}))
    old = before.get(key)
    # Nothing is written before this point: a refusal stores nothing.
    endpoints = child(_store(create=True), "endpoints")
    previous = endpoints.get(key)
    if previous is not None and previous != userid:
        remove(previous, key)
    for other_key in replaced:
        remove(userid, other_key)
    mine = child(_members(create=True), userid)
    browser, system = devices.describe(user_agent)
    created = old.created if old is not None else now
    mine[key] = Subscription(
        endpoint, p256dh, auth, device_id, browser, system, created
    )
    endpoints[key] = userid
    return mine[key], old is None


def remove(userid, key, store=None):
    """Remove the member's subscription under ``key`` (from ``store``, the
    annotation's tree as another connection reads it; default the site's);
    True if there was one. Writes nothing when there is none."""
    store = _store() if store is None else store
    members = store.get("members", {})
    mine = members.get(userid)
    if mine is None or key not in mine:
        return False
    del mine[key]
    if not len(mine):
        del members[userid]
    endpoints = store.get("endpoints")
    if endpoints is not None and endpoints.get(key) == userid:
        del endpoints[key]
    return True


def unsubscribe(userid, endpoint):
    """Turn push off for the browser with this endpoint; True if it was
    on."""
    if not isinstance(endpoint, str) or not endpoint.strip():
        return False
    return remove(userid, key_of(endpoint.strip()))


def forget_devices(userid, device_ids=None, store=None):
    """Remove the subscriptions made on these devices of the member
    (``device_ids`` None: all of the member's, app sign-ins too; ``store``
    as for ``remove``). Returns how many."""
    store = _store() if store is None else store
    mine = store.get("members", {}).get(userid)
    gone = [
        key
        for key, s in (mine.items() if mine else ())
        if device_ids is None or (s.device_id is not None and s.device_id in device_ids)
    ]
    for key in gone:
        remove(userid, key, store)
    return len(gone)


def forget_member(userid):
    """Remove every subscription of the member (a deleted account)."""
    return forget_devices(userid, None)


def signed_out(event):
    """login.events.IDevicesSignedOut: the subscriptions of those devices
    go (all of the member's when ``device_ids`` is None). A logout forgets
    its device apart from the request (a GET): then so does this."""
    store = _store()
    mine = store.get("members", {}).get(event.userid) if store else None
    if not mine:
        return
    if event.apart:
        devices.write_apart(
            store,
            lambda fresh: forget_devices(event.userid, event.device_ids, fresh),
        )
    else:
        forget_devices(event.userid, event.device_ids, store)
