"""Delivering push messages to the push services (the job's side).

Runs in the ``solna-push`` job's process (script.py), never in Zope: the
site only hands out what to send (``@push-utkorg``) and hears back what
became of it (``@push-kvitton``), so a slow push service never holds a Zope
thread.

Each delivery is one HTTP request (RFC 8030 section 5, "Requesting Push
Message Delivery"): ``POST <endpoint>`` with the payload encrypted for the
subscription (RFC 8291: an ephemeral ECDH P-256 key against the browser's
``p256dh`` key, HKDF with its 16-byte ``auth`` secret, AES-128-GCM in the
``aes128gcm`` content coding of RFC 8188, done by pywebpush's
``WebPusher.encode`` with ``http_ece``), the headers ``TTL`` (seconds the
service keeps it for an offline browser), ``Urgency`` (RFC 8030 section
5.3), ``Topic`` (section 5.4: a newer message with the same topic replaces
an undelivered one) and ``Authorization`` (VAPID, RFC 8292, signed by the
site per origin: vapid.py).

Requests go out from a thread pool; each thread keeps its own
``requests.Session``, so connections to a push service are kept alive and
reused (HTTP/1.1) instead of a TLS handshake per message.
"""

from concurrent.futures import ThreadPoolExecutor
from pywebpush import WebPusher
from urllib.parse import urlsplit

import base64
import hashlib
import logging
import re
import requests
import threading


logger = logging.getLogger("solna.intranet.push")

#: Status reported for a delivery that never got an HTTP answer (a network
#: error, a timeout, a refused connection): the queue retries it.
NETWORK_ERROR = 0
#: Status reported for a delivery that cannot be encrypted or sent as given
#: (its keys are no P-256 point and 16-byte secret, its endpoint no http(s)
#: address): what a push service answers to a malformed request.
BAD_SUBSCRIPTION = 400

URGENCIES = ("very-low", "low", "normal", "high")
_TOPIC = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def topic(value):
    """A ``Topic`` header value (RFC 8030 section 5.4: at most 32 characters
    of the base64url alphabet), or None. Other text becomes a 32-character
    base64url digest of itself, so equal topics stay equal."""
    if not value:
        return None
    if _TOPIC.match(value):
        return value
    digest = hashlib.sha256(value.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:32]


def encrypt(delivery):
    """The request body for ``delivery`` (bytes): its ``payload`` (JSON
    text) encrypted for ``delivery["keys"]`` (``p256dh``, ``auth``, base64url)
    in the ``aes128gcm`` coding (RFC 8291/8188). Raises ValueError (or
    pywebpush's WebPushException) for keys that are no keys."""
    pusher = WebPusher({"endpoint": delivery["endpoint"], "keys": delivery["keys"]})
    payload = delivery["payload"]
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return pusher.encode(payload, "aes128gcm")["body"]


def headers(delivery, authorization):
    """The request headers for ``delivery`` (RFC 8030, 8188, 8292)."""
    result = {
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "TTL": str(max(0, int(delivery.get("ttl") or 0))),
    }
    urgency = delivery.get("urgency")
    if urgency in URGENCIES:
        result["Urgency"] = urgency
    name = topic(delivery.get("topic"))
    if name:
        result["Topic"] = name
    if authorization:
        result["Authorization"] = authorization
    return result


def origin(endpoint):
    """``scheme://host[:port]`` of a push endpoint, the default port left
    out: the key of the ``vapid`` headers and the JWT's ``aud`` (RFC 8292
    section 2: the origin of the push resource). Raises ValueError for an
    address that is no http(s) URL."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("a push endpoint is an http(s) address")
    default = {"http": 80, "https": 443}[parts.scheme]
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    port = parts.port
    return f"{parts.scheme}://{host}" + (
        f":{port}" if port not in (None, default) else ""
    )


class Sender:
    """Sends deliveries from ``workers`` threads, each with its own
    keep-alive session. Use as a context manager, or call ``close()``."""

    def __init__(self, workers=32, timeout=10):
        self.timeout = timeout
        self.workers = workers
        self._local = threading.local()
        self._sessions = []
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="push")

    def _session(self):
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            adapter = requests.adapters.HTTPAdapter(pool_connections=8, pool_maxsize=4)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def send(self, delivery, vapid):
        """POST one delivery; its HTTP status, NETWORK_ERROR or
        BAD_SUBSCRIPTION. Never raises for one bad subscription."""
        try:
            endpoint = delivery["endpoint"]
            authorization = vapid.get(origin(endpoint))
            if authorization is None:  # keyed by scheme://netloc as given
                parts = urlsplit(endpoint)
                authorization = vapid.get(f"{parts.scheme}://{parts.netloc}")
            body = encrypt(delivery)
        except Exception as error:
            logger.warning(
                "push %s: cannot encrypt (%s)", delivery.get("id"), type(error).__name__
            )
            return BAD_SUBSCRIPTION
        try:
            response = self._session().post(
                endpoint,
                data=body,
                headers=headers(delivery, authorization),
                timeout=self.timeout,
            )
        except (requests.RequestException, OSError) as error:
            logger.info(
                "push %s: no answer (%s)", delivery.get("id"), type(error).__name__
            )
            return NETWORK_ERROR
        response.close()  # the body is not needed; the connection is reused
        return response.status_code

    def send_all(self, deliveries, vapid):
        """``{delivery id: status}`` for every delivery, sent concurrently."""
        deliveries = list(deliveries)
        statuses = self._pool.map(lambda d: self.send(d, vapid), deliveries)
        return {d["id"]: status for d, status in zip(deliveries, statuses, strict=True)}

    def close(self):
        self._pool.shutdown(wait=True)
        for session in self._sessions:
            session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def send_all(deliveries, vapid, workers=32, timeout=10):
    """Send ``deliveries`` (the shape ``@push-utkorg``/``queue.claim`` hands
    out: ``[{"id", "endpoint", "keys": {"p256dh", "auth"}, "payload"
    (JSON text), "ttl" (seconds), "urgency", "topic"}]``) with the
    ``vapid`` headers (``{origin: Authorization value}``), from ``workers``
    threads, ``timeout`` seconds per request. Returns ``{delivery id:
    status}``: the push service's HTTP status (201 accepted; 404/410 the
    subscription is gone; 429/5xx try later), 0 (NETWORK_ERROR) when no
    answer came, 400 (BAD_SUBSCRIPTION) when the delivery could not be
    encrypted. Never raises for one bad subscription."""
    with Sender(workers=workers, timeout=timeout) as sender:
        return sender.send_all(deliveries, vapid)
