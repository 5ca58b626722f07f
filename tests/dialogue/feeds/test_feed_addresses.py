"""The server fetches no internal address (SSRF): a feed served on this
machine is neither fetched nor saved, not even behind a public address's
redirect or a second DNS answer; the allow-list (SOLNA_FETCH_ALLOW) opens
a municipal feed server on the intranet network; TLS is still checked for
the name when the connection is pinned to the checked address."""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from lxml import html
from plone import api
from plone.app.registry.browser.edit import RecordEditForm
from solna.intranet.dialogue.feeds import feeds
from solna.intranet.security import fetching
from tests.fixtures.http import session as rest
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD
from typing import ClassVar
from z3c.form.interfaces import IValidator
from zope.component import getGlobalSiteManager
from zope.i18n import translate
from zope.interface import Interface
from zope.schema.interfaces import IList

import ipaddress
import logging
import pytest
import requests
import shutil
import socket
import ssl
import subprocess
import threading
import transaction


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Stadsbyggnad</title>
<item><title>Ny detaljplan för Hagalund</title>
<link>https://www.solna.example/hagalund</link>
<guid>hagalund-2027</guid></item>
</channel></rss>"""
PUBLIC = "93.184.216.34"


class FeedServer(BaseHTTPRequestHandler):
    """/rss.xml is a feed; /flytt redirects to ``redirect_to``."""

    hits: ClassVar[list] = []
    redirect_to: ClassVar[str] = ""

    def do_GET(self):
        FeedServer.hits.append((self.headers.get("Host"), self.path))
        if self.path == "/flytt":
            self.send_response(302)
            self.send_header("Location", FeedServer.redirect_to)
            self.end_headers()
            return
        if self.path != "/rss.xml":
            self.send_response(404)
            self.end_headers()
            return
        data = RSS.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def serve(context=None):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FeedServer.hits = []
    return server


@pytest.fixture
def feed_server(monkeypatch):
    """A feed on 127.0.0.1; nothing on the allow-list (the variable may be
    set where the tests run)."""
    monkeypatch.delenv(fetching.ENVIRONMENT, raising=False)
    server = serve()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def community(functional_portal):
    create_staff({"mod": (), "medlem": (), "sajtadmin": ()})
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="sajtadmin", roles=["Manager"])
        found = api.content.create(
            container=functional_portal["natverk"],
            type="solna.Community",
            id="stadsbyggnad",
            title="Stadsbyggnad",
            members=["medlem"],
            moderators=["mod"],
        )
    transaction.commit()
    return found


def fake_dns(monkeypatch, table):
    """Resolve the names in ``table`` ({name: [ip] or callable}) without
    DNS; every other name as usual. Returns the names looked up."""
    asked = []
    real = fetching.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        if host not in table:
            return real(host, port, *args, **kwargs)
        answer = table[host]
        addresses = answer() if callable(answer) else answer
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (ip, port),
            )
            for ip in addresses
        ]

    monkeypatch.setattr(fetching, "getaddrinfo", getaddrinfo)
    return asked


def reach_public_at(monkeypatch, port):
    """The "internet": a connection to PUBLIC reaches the test server (on
    127.0.0.1:port). Returns the addresses the fetcher connected to."""
    connected = []
    real = fetching.connect_pinned

    def connect_pinned(parts, host, _port, ip, timeout):
        connected.append(str(ip))
        if str(ip) == PUBLIC:
            return real(parts, host, port, ipaddress.ip_address("127.0.0.1"), timeout)
        return real(parts, host, _port, ip, timeout)

    monkeypatch.setattr(fetching, "connect_pinned", connect_pinned)
    return connected


def swedish(msgid, **mapping):
    """The message as a Swedish visitor reads it (the msgid until it is
    translated in locales/sv)."""
    from solna.intranet import _

    return translate(_(msgid, mapping=mapping), target_language="sv")


INTERNAL = (
    "The server does not fetch ${url}: it leads to an internal network (${address})."
)
UNREACHABLE = (
    "${url} cannot be reached: its server name was not found. Check the address."
)


# The rule -------------------------------------------------------------


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.5.4",
        "172.31.255.255",
        "192.168.1.10",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # CGNAT
        "0.0.0.0",  # noqa: S104 - an address to refuse
        "0.1.2.3",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "198.18.0.1",
        "192.0.2.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",  # IPv4-compatible
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "2001:db8::1",
    ],
)
def test_internal_addresses_are_refused(ip):
    assert not fetching.is_public(ip)
    assert not fetching.allowed(ip, "nyheter.example", ([], set(), []))


@pytest.mark.parametrize(
    "ip", ["93.184.216.34", "2606:4700::1111", "::ffff:93.184.216.34", "8.8.8.8"]
)
def test_public_addresses_are_accepted(ip):
    assert fetching.is_public(ip)
    assert fetching.allowed(ip, "nyheter.example", ([], set(), []))


def test_the_allow_list(monkeypatch):
    monkeypatch.setenv(
        fetching.ENVIRONMENT, " 10.20.0.0/16, flode.solna.local., .intern.solna.se,x"
    )
    allow = fetching.allow_list()
    assert fetching.allowed("10.20.3.4", "a.example", allow)
    assert fetching.allowed("::ffff:10.20.3.4", "a.example", allow)
    assert not fetching.allowed("10.21.3.4", "a.example", allow)
    assert fetching.allowed("192.168.1.1", "FLODE.solna.local", allow)
    assert fetching.allowed("192.168.1.1", "nyheter.intern.solna.se", allow)
    assert not fetching.allowed("192.168.1.1", "intern.solna.se.evil.example", allow)
    # Never the unspecified or a multicast address, whatever the list says.
    monkeypatch.setenv(fetching.ENVIRONMENT, "0.0.0.0/0,::/0,nyheter.example")
    allow = fetching.allow_list()
    assert fetching.allowed("127.0.0.1", "a.example", allow)
    for ip in ("0.0.0.0", "::", "224.0.0.1", "ff02::1", "::ffff:0.0.0.0"):  # noqa: S104
        assert not fetching.allowed(ip, "nyheter.example", allow)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:25/",
        "ftp://ftp.example/",
        "http:///rss.xml",
        "javascript:alert(1)",
    ],
)
def test_only_web_addresses(url):
    with pytest.raises(fetching.AddressRefused) as refused:
        fetching.fetch(url)
    assert refused.value.reason == "scheme"
    assert "http://" in str(refused.value)


def test_every_spelling_of_this_machine_is_refused(feed_server):
    port = feed_server.rsplit(":", 1)[1]
    for host in (
        "127.0.0.1",
        "127.1",
        "2130706433",
        "0x7f.0.0.1",
        "0.0.0.0",  # noqa: S104 - an address to refuse
        "[::]",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "localhost",
    ):
        with pytest.raises(fetching.AddressRefused) as refused:
            fetching.fetch(f"http://{host}:{port}/rss.xml", timeout=2)
        assert refused.value.reason == "internal", host
        assert "internt nätverk" in str(refused.value)
    assert FeedServer.hits == []


# The feed job ---------------------------------------------------------


def test_a_community_feed_on_this_machine_is_not_fetched(
    feed_server, community, caplog
):
    # Saved before the rule existed (content creation does not validate).
    community.feeds = [f"{feed_server}/rss.xml"]
    with caplog.at_level(logging.WARNING, logger="solna.intranet"):
        counts = feeds.fetch_all(timeout=2)
    assert counts == {"new": 0, "seen": 0, "failed": 1}
    assert FeedServer.hits == []
    assert feeds.entries(community) == []
    assert "Feed refused" in caplog.text
    assert "internt nätverk (127.0.0.1)" in caplog.text


def test_the_allow_list_lets_the_municipal_feed_server_through(
    feed_server, community, monkeypatch
):
    monkeypatch.setenv(fetching.ENVIRONMENT, "127.0.0.1/32")
    community.feeds = [f"{feed_server}/rss.xml"]
    counts = feeds.fetch_all(timeout=2)
    assert counts == {"new": 1, "seen": 0, "failed": 0}
    assert [e["title"] for e in feeds.entries(community)] == [
        "Ny detaljplan för Hagalund"
    ]
    assert FeedServer.hits == [(feed_server.split("//")[1], "/rss.xml")]


def test_a_public_address_redirecting_inside_is_refused(feed_server, monkeypatch):
    port = int(feed_server.rsplit(":", 1)[1])
    asked = fake_dns(monkeypatch, {"nyheter.example": [PUBLIC]})
    connected = reach_public_at(monkeypatch, port)
    FeedServer.redirect_to = f"{feed_server}/rss.xml"
    with pytest.raises(fetching.AddressRefused) as refused:
        fetching.fetch(f"http://nyheter.example:{port}/flytt", timeout=2)
    assert refused.value.reason == "internal"
    assert refused.value.url == f"{feed_server}/rss.xml"
    # The public hop was fetched (with its name), the inside one never.
    assert FeedServer.hits == [(f"nyheter.example:{port}", "/flytt")]
    assert connected == [PUBLIC]
    assert asked == ["nyheter.example"]
    # Nor by a name that leads inside, nor by a relative Location.
    fake_dns(monkeypatch, {"nyheter.example": [PUBLIC], "intern.example": ["10.0.0.5"]})
    for location in ("http://intern.example/rss.xml", "//[::1]:80/rss.xml"):
        FeedServer.redirect_to = location
        with pytest.raises(fetching.AddressRefused):
            fetching.fetch(f"http://nyheter.example:{port}/flytt", timeout=2)


def test_redirects_are_followed_a_few_times(feed_server, monkeypatch):
    port = int(feed_server.rsplit(":", 1)[1])
    fake_dns(monkeypatch, {"nyheter.example": [PUBLIC]})
    reach_public_at(monkeypatch, port)
    FeedServer.redirect_to = f"http://nyheter.example:{port}/rss.xml"
    assert b"Hagalund" in fetching.fetch(f"http://nyheter.example:{port}/flytt")
    FeedServer.redirect_to = "/flytt"  # for ever
    with pytest.raises(fetching.FetchError, match="redirects"):
        fetching.fetch(f"http://nyheter.example:{port}/flytt")
    assert len(FeedServer.hits) == 2 + fetching.MAX_REDIRECTS + 1


def test_a_second_dns_answer_cannot_swap_the_address(feed_server, monkeypatch):
    """DNS rebinding: the first answer is public, the next ones 127.0.0.1.
    The name is resolved once per hop and the connection goes to the
    address that was checked."""
    port = int(feed_server.rsplit(":", 1)[1])
    answers = iter([[PUBLIC]])
    asked = fake_dns(
        monkeypatch, {"rebind.example": lambda: next(answers, ["127.0.0.1"])}
    )
    connected = reach_public_at(monkeypatch, port)
    assert b"Hagalund" in fetching.fetch(f"http://rebind.example:{port}/rss.xml")
    assert asked == ["rebind.example"]
    assert connected == [PUBLIC]
    # The next fetch sees 127.0.0.1 and refuses it.
    with pytest.raises(fetching.AddressRefused):
        fetching.fetch(f"http://rebind.example:{port}/rss.xml")
    # A name with a public and an internal address is refused.
    fake_dns(monkeypatch, {"both.example": [PUBLIC, "127.0.0.1"]})
    with pytest.raises(fetching.AddressRefused) as refused:
        fetching.check_address(f"http://both.example:{port}/rss.xml")
    assert str(refused.value.address) == "127.0.0.1"


def test_the_size_limit(feed_server, monkeypatch):
    monkeypatch.setenv(fetching.ENVIRONMENT, "127.0.0.1")
    with pytest.raises(fetching.FetchError, match="too large"):
        fetching.fetch(f"{feed_server}/rss.xml", max_bytes=100)
    with pytest.raises(fetching.FetchError, match="HTTP 404"):
        fetching.fetch(f"{feed_server}/saknas.xml")


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """https on 127.0.0.1 with a certificate for feeds.solna.test only."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
            *("-keyout", str(key), "-out", str(cert), "-days", "1"),
            *("-subj", "/CN=feeds.solna.test"),
            *("-addext", "subjectAltName=DNS:feeds.solna.test"),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    server = serve(context)
    yield server.server_port
    server.shutdown()
    server.server_close()


def test_tls_is_checked_for_the_name_on_a_pinned_connection(tls_server, monkeypatch):
    port = tls_server
    monkeypatch.setenv(fetching.ENVIRONMENT, ".solna.test")
    fake_dns(
        monkeypatch,
        {"feeds.solna.test": ["127.0.0.1"], "andra.solna.test": ["127.0.0.1"]},
    )
    content = fetching.fetch(f"https://feeds.solna.test:{port}/rss.xml", timeout=5)
    assert b"Hagalund" in content
    assert FeedServer.hits == [(f"feeds.solna.test:{port}", "/rss.xml")]
    # Same address, another name: the certificate does not match it.
    with pytest.raises(fetching.FetchError) as failed:
        fetching.fetch(f"https://andra.solna.test:{port}/rss.xml", timeout=5)
    assert not isinstance(failed.value, fetching.AddressRefused)
    assert "SSL" in str(failed.value) or "certificate" in str(failed.value)


# Saving an address ----------------------------------------------------


def test_a_moderator_cannot_save_an_internal_feed_over_rest(feed_server, community):
    url = f"{feed_server}/rss.xml"
    refused = rest("mod").patch(community.absolute_url(), json={"feeds": [url]})
    assert refused.status_code == 400, refused.text
    assert swedish(INTERNAL, url=url, address="127.0.0.1") in refused.json()["message"]
    unknown = "http://flode.invalid/rss.xml"
    refused = rest("mod").patch(community.absolute_url(), json={"feeds": [unknown]})
    assert refused.status_code == 400, refused.text
    assert swedish(UNREACHABLE, url=unknown) in refused.json()["message"]
    transaction.begin()
    assert community.feeds == []
    assert FeedServer.hits == []


def test_a_moderator_cannot_save_an_internal_feed_in_the_form(feed_server, community):
    url = f"{feed_server}/rss.xml"
    s = requests.Session()
    s.auth = ("mod", PASSWORD)
    page = html.fromstring(s.get(f"{community.absolute_url()}/@@edit").text)
    (form,) = page.xpath('//form[.//*[@name="form.widgets.feeds"]]')
    data = dict(form.form_values())
    data["form.widgets.feeds"] = url
    data["form.buttons.save"] = "Spara"
    answer = s.post(form.get("action"), data=data)
    assert answer.status_code == 200
    shown = " ".join(html.fromstring(answer.text).text_content().split())
    assert swedish(INTERNAL, url=url, address="127.0.0.1") in shown
    transaction.begin()
    assert community.feeds == []


def test_the_allow_list_lets_a_moderator_save_the_municipal_feed(
    feed_server, community, monkeypatch
):
    monkeypatch.setenv(fetching.ENVIRONMENT, "127.0.0.1")
    url = f"{feed_server}/rss.xml"
    saved = rest("mod").patch(community.absolute_url(), json={"feeds": [url]})
    assert saved.status_code == 204, saved.text
    transaction.begin()
    assert community.feeds == [url]
    assert FeedServer.hits == []  # checked, not fetched


@pytest.fixture
def site_feeds_wired():
    """The site-wide record's checks as configure.zcml registers them (here
    for the test when the ZCML does not, yet)."""
    gsm = getGlobalSiteManager()
    handler = not any(
        r.handler is feeds.site_feeds_modified for r in gsm.registeredHandlers()
    )
    required = (Interface, Interface, RecordEditForm, IList, Interface)
    validator = not any(
        r.factory is feeds.SiteFeedsValidator for r in gsm.registeredAdapters()
    )
    if handler:
        gsm.registerHandler(feeds.site_feeds_modified)
    if validator:
        gsm.registerAdapter(feeds.SiteFeedsValidator, required, IValidator)
    yield
    if handler:
        gsm.unregisterHandler(feeds.site_feeds_modified)
    if validator:
        gsm.unregisterAdapter(feeds.SiteFeedsValidator, required, IValidator)


def test_the_site_wide_feeds_refuse_an_internal_address(
    feed_server, community, site_feeds_wired, monkeypatch
):
    portal_url = api.portal.get().absolute_url()
    url = f"{feed_server}/rss.xml"
    admin = rest("sajtadmin")
    refused = admin.patch(
        f"{portal_url}/++api++/@registry", json={"solna.intranet.feeds": [url]}
    )
    assert refused.status_code == 400, refused.text
    assert swedish(INTERNAL, url=url, address="127.0.0.1") in refused.json()["message"]
    # Site Setup's Configuration Registry form.
    s = requests.Session()
    s.auth = ("sajtadmin", PASSWORD)
    edit = f"{portal_url}/portal_registry/edit/solna.intranet.feeds"
    (form,) = html.fromstring(s.get(edit).text).xpath(
        '//form[.//*[@name="form.widgets.value"]]'
    )
    data = dict(form.form_values())
    data["form.widgets.value"] = url
    data["form.buttons.save"] = "Spara"
    answer = s.post(form.get("action"), data=data)
    shown = " ".join(html.fromstring(answer.text).text_content().split())
    assert swedish(INTERNAL, url=url, address="127.0.0.1") in shown
    record = f"{portal_url}/++api++/@registry/solna.intranet.feeds"
    assert not admin.get(record).json()
    # Allowed: saved.
    monkeypatch.setenv(fetching.ENVIRONMENT, "127.0.0.1")
    saved = admin.patch(
        f"{portal_url}/++api++/@registry", json={"solna.intranet.feeds": [url]}
    )
    assert saved.status_code == 204, saved.text
    assert admin.get(record).json() == [url]
