"""What the server fetches: only public web addresses (no SSRF).

Every address the server itself fetches for someone (Omvärldsbevakning's
feeds today; link previews, webhooks or push endpoints tomorrow) goes
through ``fetch``, and an address is checked with ``check_address`` when it
is saved. The rule (OWASP Server-Side Request Forgery Prevention Cheat
Sheet, "case 2": the application may reach any external address, so the
internal ones are refused; the ranges from the IANA special-purpose address
registries of RFC 6890 and its updates):

- only ``http`` and ``https``;
- the server resolves the host name itself and checks *every* address it
  gets (a name with one public and one internal address is refused);
- an address must be globally reachable: no loopback (127.0.0.0/8, ::1),
  private (10/8, 172.16/12, 192.168/16, fc00::/7), shared/CGNAT
  (100.64.0.0/10), link-local (169.254.0.0/16 with the cloud metadata
  service 169.254.169.254, fe80::/10), site-local (fec0::/10), multicast
  (224.0.0.0/4, ff00::/8), reserved (240.0.0.0/4, broadcast),
  documentation and benchmarking ranges, "this network" (0.0.0.0/8) and
  the unspecified addresses 0.0.0.0 and :: (Linux connects them to the
  server itself). IPv6 addresses that carry an IPv4 address are judged by
  it: IPv4-mapped (::ffff:127.0.0.1) and the NAT64 prefix 64:ff9b::/96;
  6to4 (2002::/16), Teredo (2001::/32) and IPv4-compatible (::/96)
  addresses are refused outright. The list is spelt out below as well as
  asked of ``ipaddress`` (whose answers changed between Python patch
  releases), so the rule does not depend on the interpreter;
- the connection goes to the address that was checked (it is *pinned*):
  a second DNS answer (DNS rebinding, a short TTL) cannot swap it. The
  request still carries the host name in ``Host``, and for https in SNI and
  the certificate check, so TLS is verified for the name as before;
- redirects are followed by hand, at most ``MAX_REDIRECTS``, and every hop
  is checked and pinned the same way (a public address that answers
  "302 Location: http://127.0.0.1/" is refused);
- a timeout on connecting and between bytes, a total deadline and a size
  limit; an HTTP error status is a ``FetchError``.

Allowed although internal (``allowed()``): a municipal feed server on the
intranet network. Networks in CIDR form (``10.20.0.0/16``, ``10.20.3.4``)
or host names (``nyheter.solna.local``; ``.solna.local`` for every name
under it), separated by commas, in the environment variable
``SOLNA_FETCH_ALLOW`` and/or in the registry record
``solna.intranet.fetch_allow`` (a list, or one comma-separated text) when
it exists. An allowed address may be private or loopback, never
unspecified or multicast.

Why hand-written, not a library: PyPI ``advocate`` (the known SSRF wrapper
around requests) had its last release, 1.0.0, in 2020, before urllib3 2,
which this project uses and whose connection internals advocate patches;
the newer wrappers (``requests-hardened``, ``ssrfguard``, ``drawbridge``
on httpx) are young or bring another HTTP stack. What is needed is small:
``ipaddress`` from the standard library for the rule and urllib3 (already
installed with requests) for a pinned connection, tested in
tests/dialogue/feeds/test_feed_addresses.py.

Not honoured any more: ``HTTP(S)_PROXY`` (requests used them); a proxy
resolves names itself, so the pin would not hold. ``REQUESTS_CA_BUNDLE`` /
``CURL_CA_BUNDLE`` still name the certificate authorities (a municipal CA).
"""

from plone import api
from solna.intranet import _
from urllib.parse import urljoin
from urllib.parse import urlsplit
from zope.interface.interfaces import ComponentLookupError
from zope.schema import ValidationError

import base64
import certifi
import idna
import ipaddress
import os
import socket
import threading
import time
import urllib3


ENVIRONMENT = "SOLNA_FETCH_ALLOW"
REGISTRY = "solna.intranet.fetch_allow"
TIMEOUT = 10  # seconds to connect, and to wait between bytes
DEADLINE = 60  # seconds for a whole fetch, redirects included
CHECK_TIMEOUT = 3  # seconds to resolve a name when an address is saved
MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Solna intranat (+https://www.solna.se)"

#: Tests replace this to resolve a made-up public name.
getaddrinfo = socket.getaddrinfo

# Special-purpose ranges that are not globally reachable (RFC 6890 and the
# IANA registries it set up), plus multicast and the transition prefixes
# that tunnel to an IPv4 address we could not check.
REFUSED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network", 0.0.0.0 (RFC 791, 1122)
        "10.0.0.0/8",  # private (RFC 1918)
        "100.64.0.0/10",  # shared address space, CGNAT (RFC 6598)
        "127.0.0.0/8",  # loopback (RFC 1122)
        "169.254.0.0/16",  # link-local, cloud metadata (RFC 3927)
        "172.16.0.0/12",  # private (RFC 1918)
        "192.0.0.0/24",  # IETF protocol assignments (RFC 6890)
        "192.0.2.0/24",  # documentation TEST-NET-1 (RFC 5737)
        "192.88.99.0/24",  # 6to4 relay anycast, deprecated (RFC 7526)
        "192.168.0.0/16",  # private (RFC 1918)
        "198.18.0.0/15",  # benchmarking (RFC 2544)
        "198.51.100.0/24",  # documentation TEST-NET-2 (RFC 5737)
        "203.0.113.0/24",  # documentation TEST-NET-3 (RFC 5737)
        "224.0.0.0/4",  # multicast (RFC 5771)
        "240.0.0.0/4",  # reserved, and broadcast 255.255.255.255 (RFC 1112)
        "::/96",  # unspecified, loopback, IPv4-compatible (RFC 4291)
        "::ffff:0:0:0/96",  # IPv4-translated (RFC 2765)
        "64:ff9b:1::/48",  # local-use IPv4/IPv6 translation (RFC 8215)
        "100::/64",  # discard-only (RFC 6666)
        "2001::/23",  # IETF protocol assignments, Teredo (RFC 2928, 4380)
        "2001:db8::/32",  # documentation (RFC 3849)
        "2002::/16",  # 6to4 (RFC 3056)
        "fc00::/7",  # unique local (RFC 4193)
        "fe80::/10",  # link-local (RFC 4291)
        "fec0::/10",  # site-local, deprecated (RFC 3879)
        "ff00::/8",  # multicast (RFC 4291)
    )
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known prefix (RFC 6052)


class FetchError(Exception):
    """The address could not be fetched: network, TLS, HTTP status, too
    large, too slow, too many redirects. The text is for the log."""


class AddressRefused(FetchError, ValueError):
    """The server does not fetch this address. ``str()`` is a Swedish
    sentence; ``reason`` is ``"scheme"``, ``"internal"`` or
    ``"unresolvable"``; ``url`` the address (of the refused hop, after a
    redirect); ``address`` the internal IP address when there is one."""

    def __init__(self, message, url, reason, address=None):
        super().__init__(message)
        self.url = url
        self.reason = reason
        self.address = address


def unwrap(ip):
    """The IPv4 address an IPv6 address carries for routing (IPv4-mapped,
    NAT64 well-known prefix), else the address itself."""
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def is_public(ip):
    """True for a globally reachable unicast address (see the module's
    rule). ``ip``: an ``ipaddress`` address or its text."""
    ip = unwrap(ipaddress.ip_address(ip))
    if any(ip in network for network in REFUSED):
        return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_private
        or (ip.version == 6 and ip.is_site_local)
    )


def allow_list():
    """(networks, names, suffixes) from ``SOLNA_FETCH_ALLOW`` and the
    registry record ``solna.intranet.fetch_allow``; read on every call, so
    a change applies at once. An entry that is neither a network nor a
    name is ignored."""
    entries = os.environ.get(ENVIRONMENT, "").split(",")
    try:
        record = api.portal.get_registry_record(REGISTRY, default=None)
    except (ComponentLookupError, api.exc.CannotGetPortalError):
        record = None  # no site: only the environment
    if isinstance(record, str):
        entries += record.split(",")
    elif record:
        entries += list(record)
    networks, names, suffixes = [], set(), []
    for entry in (e.strip().lower().rstrip(".") for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            if entry.startswith("."):
                suffixes.append(entry)
            else:
                names.add(entry)
    return networks, names, suffixes


def allowed(ip, host, allow=None):
    """True when the server may connect to ``ip`` for ``host``: a public
    address, or one on the allow-list (never unspecified or multicast)."""
    ip = ipaddress.ip_address(ip)
    plain = unwrap(ip)
    if plain.is_unspecified or plain.is_multicast or ip.is_unspecified:
        return False
    if is_public(ip):
        return True
    networks, names, suffixes = allow if allow is not None else allow_list()
    host = (host or "").lower().rstrip(".")
    if host in names or any(host.endswith(s) for s in suffixes):
        return True
    return any(
        plain in network or ip in network
        for network in networks
        if network.version in (ip.version, plain.version)
    )


def ascii_host(host):
    """The host name as DNS and TLS want it (IDNA), without a final dot."""
    host = host.rstrip(".")
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        return host.encode("idna").decode("ascii")


def resolve(host, port, timeout):
    """The addresses of ``host``: [ipaddress]. A literal address is itself.
    The look-up runs in a thread so that a resolver that hangs costs at most
    ``timeout`` seconds; ``None`` when the name does not resolve in time."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    found = {}

    def look_up():
        try:
            found["answer"] = getaddrinfo(host, port, 0, socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            found["error"] = error

    thread = threading.Thread(target=look_up, daemon=True, name="resolve")
    thread.start()
    thread.join(timeout)
    addresses = []
    for family, _type, _proto, _name, sockaddr in found.get("answer") or ():
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses or None


def checked(url, timeout, allow=None):
    """(parts, host, port, [ip]) for a URL whose every address is allowed;
    else ``AddressRefused``."""
    parts = urlsplit(url.strip())
    try:
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number
        host = port = None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise AddressRefused(
            "Bara webbadresser som börjar med http:// eller https:// hämtas.",
            url,
            "scheme",
        )
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        host = ascii_host(host) if ":" not in host else host
    except UnicodeError:
        raise AddressRefused(
            f"Adressen {url} går inte att nå: servernamnet är ogiltigt.",
            url,
            "unresolvable",
        ) from None
    addresses = resolve(host, port, timeout)
    if not addresses:
        raise AddressRefused(
            f"Adressen {url} går inte att nå: namnet {host} finns inte.",
            url,
            "unresolvable",
        )
    allow = allow if allow is not None else allow_list()
    for ip in addresses:
        if not allowed(ip, host, allow):
            raise AddressRefused(
                f"Adressen {url} pekar på ett internt nätverk ({ip}) och "
                "hämtas inte av servern.",
                url,
                "internal",
                address=ip,
            )
    return parts, host, port, addresses


def check_address(url, timeout=CHECK_TIMEOUT):
    """Raise ``AddressRefused`` unless the server may fetch ``url`` now (for
    a form or REST when the address is saved). Resolves the name, in at
    most ``timeout`` seconds; a name that does not resolve is refused
    (``reason == "unresolvable"``). Returns the addresses checked."""
    return checked(url, timeout)[3]


class RefusedAddress(ValidationError):
    """A form's or REST's answer to an address the server will not fetch;
    ``doc()`` is the translatable message, which names the address."""

    def doc(self):
        return self.args[0]


def fetchable(value):
    """A zope.schema constraint for an address, or a list of them, that
    the server is to fetch (a field's ``constraint=fetchable``): each must
    be an http(s) address whose name resolves, to allowed addresses only.
    Raises ``RefusedAddress``; the look-ups take at most ``2 *
    CHECK_TIMEOUT`` seconds together, so a save never hangs."""
    ends = time.monotonic() + 2 * CHECK_TIMEOUT
    for url in [value] if isinstance(value, str) else value or ():
        timeout = min(CHECK_TIMEOUT, max(0.5, ends - time.monotonic()))
        try:
            check_address(url, timeout=timeout)
        except AddressRefused as refused:
            if refused.reason == "scheme":
                message = _("Give a web address starting with https:// or http://.")
            elif refused.reason == "unresolvable":
                message = _(
                    "${url} cannot be reached: its server name was not found. "
                    "Check the address.",
                    mapping={"url": url},
                )
            else:
                message = _(
                    "The server does not fetch ${url}: it leads to an internal "
                    "network (${address}).",
                    mapping={"url": url, "address": str(refused.address)},
                )
            raise RefusedAddress(message) from None
    return True


def ca_bundle():
    return (
        os.environ.get("REQUESTS_CA_BUNDLE")
        or os.environ.get("CURL_CA_BUNDLE")
        or certifi.where()
    )


def connect_pinned(parts, host, port, ip, timeout):
    """A urllib3 pool that connects to ``ip`` and speaks to ``host``."""
    options = {
        "host": str(ip),
        "port": port,
        "timeout": urllib3.Timeout(connect=timeout, read=timeout),
        "retries": False,
        "maxsize": 1,
    }
    if parts.scheme.lower() == "https":
        return urllib3.HTTPSConnectionPool(
            **options,
            cert_reqs="CERT_REQUIRED",
            ca_certs=ca_bundle(),
            server_hostname=host,
            assert_hostname=host,
        )
    return urllib3.HTTPConnectionPool(**options)


def request_headers(parts, host, port):
    default = 443 if parts.scheme.lower() == "https" else 80
    name = f"[{host}]" if ":" in host else host
    headers = {
        "Host": name if port == default else f"{name}:{port}",
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml, "
        "text/xml;q=0.9, */*;q=0.8",
        "Accept-Encoding": "gzip, deflate",
    }
    if parts.username is not None:
        credentials = f"{parts.username}:{parts.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(credentials).decode()
    return headers


def read_limited(response, max_bytes, deadline):
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"too large: {length} bytes")
    content = bytearray()
    # read1: whatever one read from the socket gave, so that a server that
    # drips bytes meets the deadline, not only the timeout between bytes.
    while chunk := response.read1(64 * 1024, decode_content=True):
        content += chunk
        if len(content) > max_bytes:
            raise FetchError(f"too large: more than {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError("too slow: the deadline passed")
    return bytes(content)


def fetch(url, timeout=TIMEOUT, max_bytes=MAX_BYTES, deadline=DEADLINE):
    """GET ``url`` and return the body (bytes), decoded from gzip/deflate.

    ``timeout``: seconds to resolve, to connect and between bytes;
    ``max_bytes``: the largest body accepted; ``deadline``: seconds for the
    whole fetch. Raises ``AddressRefused`` (a ``ValueError`` too) when the
    address or a redirect's is not allowed, ``FetchError`` for everything
    else that goes wrong (it is never a requests or urllib3 exception)."""
    ends = time.monotonic() + deadline
    allow = allow_list()
    for _hop in range(MAX_REDIRECTS + 1):
        if time.monotonic() > ends:
            raise FetchError("too slow: the deadline passed")
        parts, host, port, addresses = checked(url, timeout, allow)
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        headers = request_headers(parts, host, port)
        response = pool = None
        error = None
        for ip in addresses:  # all checked; the first that answers
            pool = connect_pinned(parts, host, port, ip, timeout)
            try:
                response = pool.urlopen(
                    "GET",
                    path,
                    headers=headers,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    assert_same_host=False,
                )
                break
            except (urllib3.exceptions.HTTPError, OSError) as failed:
                pool.close()
                error = failed
                if not isinstance(
                    failed,
                    urllib3.exceptions.NewConnectionError
                    | urllib3.exceptions.ConnectTimeoutError,
                ):
                    break
        if response is None:
            raise FetchError(f"{type(error).__name__}: {error}")
        try:
            if response.status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {response.status} without Location")
                url = urljoin(url, location.strip())
                continue
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status}")
            return read_limited(response, max_bytes, ends)
        except (urllib3.exceptions.HTTPError, OSError) as failed:
            raise FetchError(f"{type(failed).__name__}: {failed}") from failed
        finally:
            response.release_conn()
            pool.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")
