"""No member ever receives another member's page, through a real shared
cache: Debian's nginx with ``proxy_cache`` in front of the test server,
configured as carelessly as a proxy we do not control may be. Its cache key
is the URL alone (not the cookie), and it keeps every 200 ten minutes unless
the answer's headers say otherwise (``proxy_cache_valid``). Only our headers
(caching/policy.py) stand between one member's page and the next member.

nginx is installed by .ci/run; without it these tests are skipped.
"""

from plone import api
from tests.fixtures.http import free_port
from tests.fixtures.http import log_in_with_the_form
from urllib.parse import urlparse

import pytest
import requests
import shutil
import socket
import subprocess
import time


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """
daemon off;
master_process off;
pid {home}/nginx.pid;
error_log {home}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {home}/body;
  proxy_temp_path {home}/proxy;
  fastcgi_temp_path {home}/fastcgi;
  uwsgi_temp_path {home}/uwsgi;
  scgi_temp_path {home}/scgi;
  proxy_cache_path {home}/cache keys_zone=shared:1m;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://127.0.0.1:{upstream};
      proxy_set_header Host $http_host;
      proxy_cache shared;
      proxy_cache_key $scheme$proxy_host$request_uri;
      proxy_cache_valid 200 10m;
      add_header X-Cache-Status $upstream_cache_status always;
    }}
  }}
}}
"""


def wait_for(port, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nginx did not listen on {port}")


@pytest.fixture
def shared_cache(site, tmp_path):
    """The site's address through nginx's cache (started here, stopped after
    the test)."""
    if not shutil.which(NGINX):
        pytest.skip("nginx is not installed (.ci/run installs it)")
    portal_url = api.portal.get().absolute_url()
    upstream = urlparse(portal_url)
    port = free_port()
    config = tmp_path / "nginx.conf"
    config.write_text(CONFIG.format(home=tmp_path, port=port, upstream=upstream.port))
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield f"http://localhost:{port}{upstream.path}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def member(base, login):
    """A session logged in through the proxy, its welcome message shown."""
    session, answer = log_in_with_the_form(base, login)
    assert answer.status_code == 302, answer.status_code
    session.get(answer.headers["Location"])
    return session


def test_two_members_fetching_the_same_page_each_get_their_own(news, shared_cache):
    path = urlparse(news.absolute_url()).path[len(urlparse(shared_cache).path) :]
    url = f"{shared_cache}{path}"
    olle = member(shared_cache, "olle.medarbetare")
    chef = member(shared_cache, "chef.a")
    for _ in range(2):
        for session, mine, theirs in (
            (olle, "Olle Medarbetare", "Chef A"),
            (chef, "Chef A", "Olle Medarbetare"),
        ):
            page = session.get(url)
            assert page.status_code == 200
            assert page.headers["X-Cache-Status"] != "HIT"
            assert mine in page.text
            assert theirs not in page.text
    # A repeat visit with olle's ETag: nginx, where it may cache, asks the
    # site without the condition (its own choice), so olle gets his page
    # again; chef.a with olle's ETag gets his own, never a 304.
    etag = olle.get(url).headers["ETag"]
    again = olle.get(url, headers={"If-None-Match": etag})
    assert again.status_code in (200, 304)
    assert again.status_code == 304 or "Olle Medarbetare" in again.text
    borrowed = chef.get(url, headers={"If-None-Match": etag})
    assert borrowed.status_code == 200
    assert "Chef A" in borrowed.text
    # Anonymous after them: the login, never what the cache saw.
    anonymous = requests.get(url, allow_redirects=False, timeout=60)
    assert anonymous.status_code in (302, 303)
    assert "Medarbetare" not in anonymous.text


def test_rest_answers_are_not_shared_either(news, shared_cache):
    url = f"{shared_cache}/++api++/@users/olle.medarbetare"
    olle = member(shared_cache, "olle.medarbetare")
    chef = member(shared_cache, "chef.a")
    json = {"Accept": "application/json"}
    for _ in range(2):
        own = olle.get(url, headers=json)
        assert own.status_code == 200
        assert own.headers["X-Cache-Status"] != "HIT"
    # chef.a may not read olle's account: the cache must not answer for him.
    assert chef.get(url, headers=json).headers["X-Cache-Status"] != "HIT"
    anonymous = requests.get(url, headers=json, timeout=60)
    assert anonymous.status_code == 401
    assert "olle.medarbetare@" not in anonymous.text


def test_the_proxy_does_cache_what_it_may(site, shared_cache):
    """The control: the same proxy keeps a versioned static file and answers
    it itself the second time (so a page it did not keep was not by
    chance)."""
    login = requests.get(f"{shared_cache}/login", timeout=60).text
    start = login.index("++webresource++")
    href = login[login.rindex('"', 0, start) + 1 : login.index('"', start)]
    url = href if href.startswith("http") else f"{shared_cache}/{href}"
    first = requests.get(url, timeout=60)
    second = requests.get(url, timeout=60)
    assert first.status_code == second.status_code == 200
    assert second.headers["X-Cache-Status"] == "HIT"
