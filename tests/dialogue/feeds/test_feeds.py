"""Omvärldsbevakning: the job fetches site-wide and community feeds from a
local HTTP server (allowed by SOLNA_FETCH_ALLOW: the server fetches no
internal address otherwise, see test_feed_addresses.py); new entries are
kept once (a duplicate guid is skipped), a broken, missing or slow feed is
logged and skipped, a page never fetches, and staff share an entry into a
community."""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone import api
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD
from typing import ClassVar

import os
import pytest
import requests
import subprocess
import sys
import threading
import time
import transaction


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Skolverket</title>
<item><title>Ny läroplan för förskolan</title>
<link>https://www.skolverket.example/lpfo</link>
<guid>lpfo-2027</guid>
<description>&lt;p&gt;Läroplanen &lt;b&gt;revideras&lt;/b&gt;.&lt;/p&gt;</description>
<pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Statistik om förskolan</title>
<link>https://www.skolverket.example/statistik</link>
<guid>stat-2026</guid><pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Lurig länk</title><link>javascript:alert(1)</link><guid>evil</guid></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>SKR</title>
<entry><title>Ny läroplan för förskolan (SKR)</title><id>lpfo-2027</id>
<link href="https://skr.example/lpfo"/><updated>2026-11-27T10:00:00Z</updated></entry>
<entry><title>Arbetsmiljö i förskolan</title><id>skr-am</id>
<link href="https://skr.example/arbetsmiljo"/><updated>2026-11-28T10:00:00Z</updated></entry>
</feed>"""


class FeedServer(BaseHTTPRequestHandler):
    hits: ClassVar[list] = []

    def do_GET(self):
        FeedServer.hits.append(self.path)
        if self.path == "/slow.xml":
            time.sleep(3)
        body = {
            "/rss.xml": RSS,
            "/atom.xml": ATOM,
            "/broken.xml": "<html><body>Sidan är under ombyggnad",
            "/slow.xml": RSS,
        }.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def feeds(functional_portal, monkeypatch):
    # The feeds are on this machine: allowed as a municipal feed server on
    # the intranet would be (security.fetching refuses internal addresses).
    monkeypatch.setenv("SOLNA_FETCH_ALLOW", "127.0.0.1/32")
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    FeedServer.hits = []
    create_staff({"webbred": ("webbredaktorer",), "medlem": (), "olle": ()})
    api.portal.set_registry_record(
        "solna.intranet.feeds",
        [
            f"{base}/rss.xml",
            f"{base}/broken.xml",
            f"{base}/missing.xml",
            f"{base}/slow.xml",
        ],
    )
    with api.env.adopt_roles(["Manager"]):
        community = api.content.create(
            container=functional_portal["natverk"],
            type="solna.Community",
            id="forskollarare",
            title="Förskollärare i Solna",
            members=["medlem"],
            feeds=[f"{base}/atom.xml"],
        )
    transaction.commit()
    yield functional_portal.absolute_url(), community
    server.shutdown()


def fetch(portal_url, *args):
    """The cron job, as cron runs it (a short timeout for the slow feed)."""
    return subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "solna-fetch-feeds"),
            portal_url,
            *args,
        ],
        env={**os.environ, "SOLNA_JOB_USER": "webbred", "SOLNA_JOB_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        timeout=120,
    )


def titles(login, url):
    s = requests.Session()
    s.auth = (login, PASSWORD)
    items = s.get(url, headers={"Accept": "application/json"}).json()["items"]
    return [i["title"] for i in items]


def test_fetch_keep_once_skip_broken(feeds, monkeypatch, caplog):
    portal_url, community = feeds
    monkeypatch.setattr("solna.intranet.dialogue.feeds.feeds.TIMEOUT", 1)
    FeedServer.hits = []
    dry = fetch(portal_url, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.strip().endswith("5 sources")
    assert f"for {community.absolute_url()}" in dry.stdout
    assert FeedServer.hits == []  # a dry run fetches nothing
    job = fetch(portal_url)
    assert job.returncode == 0, job.stderr
    # rss: 2 entries (not the javascript: one); atom: 2; 3 sources fail.
    assert job.stdout.strip() == "4 new, 0 already seen, 3 failed"
    assert titles("olle", f"{portal_url}/@omvarldsbevakning") == [
        "Ny läroplan för förskolan",
        "Statistik om förskolan",
    ]
    assert titles("olle", f"{community.absolute_url()}/@omvarldsbevakning") == [
        "Arbetsmiljö i förskolan",
        "Ny läroplan för förskolan (SKR)",
    ]
    again = fetch(portal_url)
    assert again.stdout.strip() == "0 new, 4 already seen, 3 failed"
    # Staff may not run the job.
    refused = requests.post(
        f"{portal_url}/@hamta-omvarldsbevakning",
        auth=("olle", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert refused.status_code == 401


def test_pages_never_fetch(feeds):
    portal_url, _community = feeds
    fetch(portal_url)
    FeedServer.hits = []
    s = requests.Session()
    s.auth = ("olle", PASSWORD)
    page = s.get(f"{portal_url}/@@omvarldsbevakning")
    assert "Ny läroplan för förskolan" in page.text
    assert "&lt;b&gt;" not in page.text
    assert "<b>revideras" not in page.text
    assert "Läroplanen revideras." in page.text
    assert "javascript:" not in page.text
    assert FeedServer.hits == []


def test_share_an_entry_into_a_community(feeds):
    portal_url, community = feeds
    fetch(portal_url)
    s = requests.Session()
    s.auth = ("medlem", PASSWORD)
    page = s.get(f"{portal_url}/@@omvarldsbevakning").text
    assert "Dela med ett nätverk" in page
    token = page.split('name="_authenticator" type="hidden" value="')[1].split('"')[0]
    shared = s.post(
        f"{community.absolute_url()}/@@dela-lank",
        data={
            "_authenticator": token,
            "link": "https://www.skolverket.example/lpfo",
            "title": "Ny läroplan för förskolan",
            "comment": "Hur påverkar det vår dokumentation?",
        },
    )
    assert shared.status_code == 200
    assert "Hur påverkar det vår dokumentation?" in shared.text
    assert 'href="https://www.skolverket.example/lpfo"' in shared.text
    # Someone who is not a member of the community may not share into it.
    s2 = requests.Session()
    s2.auth = ("olle", PASSWORD)
    assert (
        "Dela med ett nätverk" not in s2.get(f"{portal_url}/@@omvarldsbevakning").text
    )


def test_share_into_the_community_chosen_in_the_list(feeds):
    """A member of two communities chooses the second in the page's list:
    the entry is shared there (the list chose with an inline script, which
    our Content-Security-Policy blocks, and every share went to the first);
    a community she is not in cannot be chosen by hand."""
    from lxml import html

    portal_url, community = feeds
    with api.env.adopt_roles(["Manager"]):
        second = api.content.create(
            container=community.__parent__,
            type="solna.Community",
            id="utedagar",
            title="Utedagar",
            members=["medlem"],
        )
        closed = api.content.create(
            container=community.__parent__,
            type="solna.Community",
            id="stangt",
            title="Stängt nätverk",
            members=["olle"],
        )
    transaction.commit()
    fetch(portal_url)
    s = requests.Session()
    s.auth = ("medlem", PASSWORD)
    page = html.fromstring(s.get(f"{portal_url}/@@omvarldsbevakning").text)
    (form,) = page.xpath("(//form[.//select[@name='community']])[1]")
    assert not page.xpath("//*[@onchange]")
    choices = {
        o.text_content().strip(): o.get("value") for o in form.xpath(".//option")
    }
    assert choices["Utedagar"] == second.UID()
    fields = dict(form.form_values())
    fields.update(community=second.UID(), comment="Bra för utedagarna")
    shared = s.post(form.get("action"), data=fields)
    assert shared.status_code == 200
    assert shared.url.startswith(second.absolute_url() + "/")
    fields.update(community=closed.UID(), comment="Smyger in")
    refused = s.post(form.get("action"), data=fields, allow_redirects=False)
    assert refused.status_code in (302, 401, 403)
    transaction.begin()
    assert list(closed.objectIds()) == []
