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

**Where it may connect** (no SSRF: an endpoint is what a member's browser,
or anyone signed in, sent the site). Only to the Web Push services of the
browsers (``endpoint_kind``: ``SERVICE_HOSTS``, https on port 443) and to
the hosts an operator lists in ``SOLNA_PUSH_HOSTS``; the site refuses any
other endpoint when it is saved (subscriptions.validate, the same rule) and
the job refuses it again before connecting, in case the rule changed or an
old subscription is stored. A push service's name must moreover resolve
to public addresses only (``is_public``: no private, loopback, link-local,
shared, reserved or multicast address, the rule of
security/fetching.py, OWASP SSRF Prevention Cheat Sheet, RFC 6890), unless
it is listed. Redirects are never followed (RFC 8030 defines none for a
push resource): a 3xx is reported as it is, and the queue drops the
message.

**How long a message may take.** ``timeout`` seconds to connect and
between bytes, and a *deadline* for the whole request (``deadline``,
default twice ``timeout``): a push service that trickles its answer byte
by byte cannot hold the batch. A delivery past its deadline is reported
NETWORK_ERROR (tried again later); its thread is given up (daemon threads:
it cannot keep the job from exiting) and replaced. At most ``per_host``
requests go to one push service at a time, so a slow one (or one stuck
past the deadline) leaves the other workers for the others.

Sessions (``requests.Session``, with keep-alive connections to each push
service: no TLS handshake per message) are reused by whichever thread
sends next.
"""

from concurrent.futures import FIRST_COMPLETED
from concurrent.futures import Future
from concurrent.futures import wait
from solna.intranet.security.fetching import is_public
from solna.intranet.security.fetching import resolve
from urllib.parse import urlsplit

import base64
import collections
import hashlib
import itertools
import logging
import os
import queue
import re
import requests
import threading
import time
import urllib3


logger = logging.getLogger("solna.intranet.push")

#: Status reported for a delivery that never got an HTTP answer (a network
#: error, a timeout, a refused connection, its deadline passed): the queue
#: retries it.
NETWORK_ERROR = 0
#: Status reported for a delivery that cannot be encrypted or sent as given
#: (its keys are no P-256 point and 16-byte secret, its endpoint no push
#: service's address or one that resolves to an internal address): what a
#: push service answers to a malformed request; the queue drops it.
BAD_SUBSCRIPTION = 400

#: The Web Push services of the browsers in use (2026), as their
#: ``PushSubscription.endpoint`` names them: Chrome, Edge on Android,
#: Samsung Internet, Opera and Brave use Google's Firebase Cloud Messaging
#: (``https://fcm.googleapis.com/fcm/send/…``, ``/wp/…``); Firefox
#: Mozilla's autopush (``https://updates.push.services.mozilla.com/wpush/
#: v2/…``); Safari on macOS and iOS/iPadOS 16.4+ Apple's
#: (``https://web.push.apple.com/…``); Edge on Windows the Windows Push
#: Notification Services (``https://wns2-<region>.notify.windows.com/w/
#: ?token=…``). A name with a dot first stands for every name under it.
SERVICE_HOSTS = (
    "fcm.googleapis.com",
    ".push.services.mozilla.com",
    ".push.apple.com",
    ".notify.windows.com",
)
#: Environment setting: more hosts the job may send to and the site accepts
#: endpoints of, comma separated ``host`` (any port) or ``host:port``
#: (``localhost:8081``, ``[::1]:8081``, ``push.intern.solna.se``); http or
#: https, internal addresses allowed. For a test's or a developer's local
#: push service, or a push service of the operator's own.
HOSTS_ENV = "SOLNA_PUSH_HOSTS"

URGENCIES = ("very-low", "low", "normal", "high")
_TOPIC = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
#: Characters no endpoint contains (a browser's endpoint is a plain URL):
#: whitespace, controls, backslash (parsers disagree on it).
_ODD = re.compile(r"[\s\x00-\x1f\x7f\\]")
#: The longest answer body read (push services answer 201 with none, errors
#: with a line of text); a longer one is not read and its connection closed.
MAX_BODY = 64 * 1024
#: How long a name's addresses are trusted (seconds).
RESOLVED_FOR = 60


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
    from pywebpush import WebPusher  # on first use: 15 MB not held by pages

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


# -- Where the job may connect --------------------------------------------------


def listed_hosts(value=None):
    """``{(host, port or None)}`` from ``SOLNA_PUSH_HOSTS`` (or ``value``),
    read on every call; entries that are no ``host[:port]`` are ignored."""
    text = os.environ.get(HOSTS_ENV, "") if value is None else value
    found = set()
    for entry in (e.strip() for e in text.split(",")):
        if not entry or "/" in entry or "@" in entry:
            continue
        try:
            parts = urlsplit(f"//{entry}")
            host, port = parts.hostname, parts.port
        except ValueError:
            continue
        if host:
            found.add((host.rstrip("."), port))
    return found


def _service(host):
    return any(
        host.endswith(name) if name.startswith(".") else host == name
        for name in SERVICE_HOSTS
    )


def endpoint_parts(endpoint):
    """``(scheme, host, port)`` of an endpoint (host lower case, no final
    dot; port filled in: 443/80), or None for what is no plain http(s) URL
    with a host: user info, odd characters, a bad port, or a host that
    urllib3 (which requests connects with) would read otherwise."""
    if not isinstance(endpoint, str) or _ODD.search(endpoint):
        return None
    try:
        parts = urlsplit(endpoint)
        host, port = parts.hostname, parts.port
        connected = urllib3.util.parse_url(endpoint).host
    except (ValueError, urllib3.exceptions.LocationParseError):
        return None
    if parts.scheme not in ("http", "https") or not host or "@" in parts.netloc:
        return None
    if (connected or "").strip("[]").lower() != host:
        return None
    port = port or (443 if parts.scheme == "https" else 80)
    return parts.scheme, host.rstrip("."), port


def endpoint_kind(endpoint, listed=None):
    """``"service"`` for an endpoint of a browser's push service
    (``SERVICE_HOSTS``, https, port 443), ``"listed"`` for one whose host
    (and port) ``SOLNA_PUSH_HOSTS`` names (http or https), else None: the
    site does not take it and the job never connects to it. ``listed``:
    ``listed_hosts()`` when already read."""
    found = endpoint_parts(endpoint)
    if found is None:
        return None
    scheme, host, port = found
    listed = listed_hosts() if listed is None else listed
    if (host, port) in listed or (host, None) in listed:
        return "listed"
    if scheme == "https" and port == 443 and _service(host):
        return "service"
    return None


class Resolver:
    """Checks that a push service's name resolves to public addresses
    only; remembers the answer RESOLVED_FOR seconds (one look-up per host,
    not per message)."""

    def __init__(self, timeout=5):
        self.timeout = timeout
        self._lock = threading.Lock()
        self._known = {}  # (host, port) → (public: bool | None, until)

    def public(self, host, port):
        """True when every address of ``host`` is public, False when one
        is not, None when the name does not resolve (in ``timeout``)."""
        now = time.monotonic()
        with self._lock:
            known = self._known.get((host, port))
        if known is not None and known[1] > now:
            return known[0]
        answer = self._look_up(host, port)
        if answer is None:
            result = None
        else:
            result = bool(answer) and all(is_public(ip) for ip in answer)
        with self._lock:
            self._known[(host, port)] = (result, now + RESOLVED_FOR)
        return result

    def _look_up(self, host, port):
        return resolve(host, port, self.timeout)


# -- Sending ----------------------------------------------------------------------


class _Pool:
    """Daemon worker threads (unlike ThreadPoolExecutor's, which the
    interpreter waits for at exit): a thread stuck in a request past its
    deadline never keeps the job alive. ``replace()`` starts one more
    thread for one given up; the first thread to finish a task after that
    leaves, so ``size`` stay free."""

    _names = itertools.count(1)

    def __init__(self, size):
        self.size = size
        self._tasks = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._surplus = 0
        self._start(size)

    def _start(self, count):
        for _ in range(count):
            with self._lock:
                self._threads += 1
            threading.Thread(
                target=self._work, daemon=True, name=f"push-{next(self._names)}"
            ).start()

    def submit(self, function, *args):
        future = Future()
        self._tasks.put((future, function, args))
        return future

    def replace(self):
        with self._lock:
            self._surplus += 1
        self._start(1)

    def _work(self):
        while True:
            task = self._tasks.get()
            if task is None:
                break
            future, function, args = task
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(function(*args))
                except BaseException as error:  # handed to the caller
                    future.set_exception(error)
            with self._lock:
                if self._surplus:
                    self._surplus -= 1
                    break
        with self._lock:
            self._threads -= 1

    def close(self):
        """Let the threads end (those stuck end when their request does)."""
        with self._lock:
            count = self._threads
        for _ in range(count):
            self._tasks.put(None)


class Sender:
    """Sends deliveries from ``workers`` threads, at most ``per_host`` to
    one push service at a time, each request at most ``deadline`` seconds
    (default twice ``timeout``). Use as a context manager, or call
    ``close()``."""

    def __init__(self, workers=32, timeout=10, deadline=None, per_host=None):
        self.timeout = timeout
        self.deadline = deadline if deadline is not None else 2 * timeout
        self.workers = max(1, workers)
        self.per_host = per_host or max(1, (self.workers * 3) // 4)
        self.resolver = Resolver(timeout=min(timeout, 5))
        self._lock = threading.Lock()
        self._idle = []  # sessions not in use
        self._sessions = []
        self._busy = collections.Counter()  # (scheme, host, port) → requests
        self._pool = _Pool(self.workers)

    # -- one request --

    def _session(self):
        with self._lock:
            if self._idle:
                return self._idle.pop()
        session = requests.Session()
        session.trust_env = False  # no proxy from the environment: as checked
        adapter = requests.adapters.HTTPAdapter(pool_connections=8, pool_maxsize=1)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        with self._lock:
            self._sessions.append(session)
        return session

    def _done_with(self, session):
        with self._lock:
            self._idle.append(session)

    def refused(self, delivery, listed=None):
        """Why the job does not connect to this delivery's endpoint (a
        status to report), or None when it may."""
        endpoint = delivery.get("endpoint")
        kind = endpoint_kind(endpoint, listed)
        if kind is None:
            logger.warning(
                "push %s: not a push service's address, not sent", delivery.get("id")
            )
            return BAD_SUBSCRIPTION
        if kind == "listed":
            return None
        _scheme, host, port = endpoint_parts(endpoint)
        public = self.resolver.public(host, port)
        if public is None:
            logger.info("push %s: the name does not resolve", delivery.get("id"))
            return NETWORK_ERROR
        if not public:
            logger.warning(
                "push %s: the push service resolves to an internal address, not sent",
                delivery.get("id"),
            )
            return BAD_SUBSCRIPTION
        return None

    def send(self, delivery, vapid, listed=None):
        """POST one delivery; its HTTP status (a 3xx as it is: not
        followed), NETWORK_ERROR or BAD_SUBSCRIPTION. Never raises for one
        bad subscription. ``deadline`` is enforced by ``send_all``."""
        refusal = self.refused(delivery, listed)
        if refusal is not None:
            return refusal
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
        session = self._session()
        try:
            response = session.post(
                endpoint,
                data=body,
                headers=headers(delivery, authorization),
                timeout=(self.timeout, self.timeout),
                allow_redirects=False,
                stream=True,
            )
            size = response.headers.get("Content-Length", "")
            if size.isdigit() and int(size) <= MAX_BODY:
                response.content  # noqa: B018 - read, so the connection is reused
            response.close()
        except (requests.RequestException, OSError) as error:
            logger.info(
                "push %s: no answer (%s)", delivery.get("id"), type(error).__name__
            )
            return NETWORK_ERROR
        finally:
            self._done_with(session)
        if 300 <= response.status_code < 400:
            logger.warning(
                "push %s: the push service redirects (%s), not followed",
                delivery.get("id"),
                response.status_code,
            )
        return response.status_code

    def _task(self, delivery, vapid, listed, host, started):
        started.append(time.monotonic())
        try:
            return self.send(delivery, vapid, listed)
        finally:
            with self._lock:
                self._busy[host] -= 1
                if self._busy[host] <= 0:
                    del self._busy[host]

    # -- a batch --

    def send_all(self, deliveries, vapid):
        """``{delivery id: status}`` for every delivery, sent concurrently
        (see ``send_all`` below). Returns when every delivery is answered
        or past its deadline."""
        listed = listed_hosts()
        statuses = {}
        by_host = collections.OrderedDict()
        for delivery in deliveries:
            parts = endpoint_parts(delivery.get("endpoint"))
            by_host.setdefault(parts, collections.deque()).append(delivery)
        running = {}  # future → (delivery, [when it started])
        while True:
            self._start(by_host, running, vapid, listed)
            if not running:
                # Left: deliveries to push services busy with requests given
                # up in this or an earlier batch. Later.
                for waiting in by_host.values():
                    for delivery in waiting:
                        statuses[delivery["id"]] = NETWORK_ERROR
                return statuses
            now = time.monotonic()
            ends = [s[0] + self.deadline for _d, s in running.values() if s]
            timeout = max(0.01, min(ends, default=now + self.deadline) - now)
            done, _pending = wait(running, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in done:
                delivery, _started = running.pop(future)
                statuses[delivery["id"]] = self._status(delivery, future)
            self._give_up_late(running, statuses)

    def _start(self, by_host, running, vapid, listed):
        """Hand deliveries to free workers, at most ``per_host`` requests
        to one push service at a time (``by_host``: {(scheme, host, port):
        deque of deliveries}; emptied hosts are removed)."""
        for host, waiting in list(by_host.items()):
            while waiting and len(running) < self.workers:
                with self._lock:
                    if host is not None and self._busy[host] >= self.per_host:
                        break
                    self._busy[host] += 1
                delivery = waiting.popleft()
                started = []
                future = self._pool.submit(
                    self._task, delivery, vapid, listed, host, started
                )
                running[future] = (delivery, started)
            if not waiting:
                del by_host[host]

    @staticmethod
    def _status(delivery, future):
        try:
            return future.result()
        except Exception as error:  # a bug, not one subscription
            logger.error("push %s: %s", delivery.get("id"), type(error).__name__)
            return NETWORK_ERROR

    def _give_up_late(self, running, statuses):
        """Report NETWORK_ERROR for requests past their deadline, and give
        their threads up (a new one takes each one's place)."""
        now = time.monotonic()
        for future, (delivery, started) in list(running.items()):
            if started and now - started[0] >= self.deadline:
                del running[future]
                statuses[delivery["id"]] = NETWORK_ERROR
                logger.info("push %s: past its deadline", delivery.get("id"))
                self._pool.replace()

    def close(self):
        """End the threads and close the idle connections; a request past
        its deadline is left to its (daemon) thread."""
        self._pool.close()
        with self._lock:
            idle, self._idle = self._idle, []
        for session in idle:
            session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def send_all(deliveries, vapid, workers=32, timeout=10, deadline=None, per_host=None):
    """Send ``deliveries`` (the shape ``@push-utkorg``/``queue.claim`` hands
    out: ``[{"id", "endpoint", "keys": {"p256dh", "auth"}, "payload"
    (JSON text), "ttl" (seconds), "urgency", "topic"}]``) with the
    ``vapid`` headers (``{origin: Authorization value}``), from ``workers``
    threads, ``timeout`` seconds to connect and between bytes, ``deadline``
    seconds per request in all (default twice ``timeout``), at most
    ``per_host`` at once to one push service (default three quarters of
    ``workers``). Returns ``{delivery id: status}``: the push service's
    HTTP status (201 accepted; 404/410 the subscription is gone; 429/5xx try
    later; a 3xx, not followed, and anything else: dropped), 0
    (NETWORK_ERROR) when no answer came in time, 400 (BAD_SUBSCRIPTION)
    when the delivery could not be encrypted or its endpoint is not a push
    service the job may reach (``endpoint_kind``, ``is_public``). Never
    raises for one bad subscription."""
    with Sender(
        workers=workers, timeout=timeout, deadline=deadline, per_host=per_host
    ) as sender:
        return sender.send_all(deliveries, vapid)
