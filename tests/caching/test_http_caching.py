"""HTTP caching (caching/, issue 22) over real HTTP, as a phone's browser
does it (logged in through the form, a cookie): a member's page is private
with an ETag, a repeat visit is a 304 for that member only, an edit or a
comment makes it a 200 again, Anonymous gets the login, static files are
public for a year, REST answers are private (RFC 9111, RFC 9110 13.1.2)."""

from lxml import html
from plone import api
from solna.intranet.caching.policy import private
from tests.fixtures.comments import comment
from tests.fixtures.http import log_in_with_the_form
from tests.fixtures.staff import PASSWORD
from urllib.parse import urljoin

import pytest
import requests
import transaction


def member(login):
    """A session holding that member's login cookie (as a phone has it)."""
    session, answer = log_in_with_the_form(api.portal.get().absolute_url(), login)
    assert answer.status_code == 302, answer.status_code
    # The first page shows "Välkommen" (a status message: no ETag to keep).
    session.get(answer.headers["Location"])
    return session


def is_private(answer):
    """Cache-Control forbids shared caches and asks the browser to check."""
    value = answer.headers.get("Cache-Control", "").lower()
    directives = {d.split("=")[0].strip() for d in value.split(",")}
    return (
        ("private" in directives or "no-store" in directives)
        and "public" not in directives
        and "s-maxage" not in directives
    )


def revalidated(session, url, etag, **headers):
    return session.get(
        url, headers={"If-None-Match": etag, **headers}, allow_redirects=False
    )


def test_a_members_page_is_private_with_an_etag_and_a_repeat_visit_is_a_304(news):
    olle = member("olle.medarbetare")
    url = news.absolute_url()
    first = olle.get(url)
    assert first.status_code == 200
    assert "Utflykt till Igelbäcken" in first.text
    assert is_private(first), first.headers.get("Cache-Control")
    assert "must-revalidate" in first.headers["Cache-Control"]
    assert "Accept" in first.headers["Vary"]
    etag = first.headers["ETag"]
    again = revalidated(olle, url, etag)
    assert again.status_code == 304, again.status_code
    assert again.content == b""
    assert is_private(again)
    # The site root's view (Mitt intranät) too.
    portal_url = api.portal.get().absolute_url()
    start = olle.get(portal_url)
    assert start.status_code == 200
    assert is_private(start)
    assert revalidated(olle, portal_url, start.headers["ETag"]).status_code == 304


def test_another_member_never_gets_the_304_of_someone_elses_etag(news):
    url = news.absolute_url()
    olle, chef = member("olle.medarbetare"), member("chef.a")
    etag = olle.get(url).headers["ETag"]
    theirs = revalidated(chef, url, etag)
    assert theirs.status_code == 200
    assert theirs.headers["ETag"] != etag
    assert "Utflykt till Igelbäcken" in theirs.text
    # ...and each keeps their own 304.
    assert revalidated(chef, url, theirs.headers["ETag"]).status_code == 304
    assert revalidated(olle, url, etag).status_code == 304


def test_an_edit_or_a_comment_changes_the_etag(news):
    url = news.absolute_url()
    olle = member("olle.medarbetare")
    etag = olle.get(url).headers["ETag"]
    with api.env.adopt_roles(["Manager"]):
        news.title = "Utflykt till Igelbäcken, ny tid"
        news.reindexObject()
    transaction.commit()
    edited = revalidated(olle, url, etag)
    assert edited.status_code == 200
    assert "ny tid" in edited.text
    assert edited.headers["ETag"] != etag
    etag = edited.headers["ETag"]
    assert comment("red.a", news, "Vi tar med matsäck.").ok
    commented = revalidated(olle, url, etag)
    assert commented.status_code == 200
    assert "Vi tar med matsäck." in commented.text
    assert commented.headers["ETag"] != etag


def test_a_write_outside_the_catalog_changes_the_etag(news):
    """solna.database: a registry setting (as crisis mode, portlets or a
    member's settings are) changes no catalog counter, but the page."""
    url = news.absolute_url()
    olle = member("olle.medarbetare")
    etag = olle.get(url).headers["ETag"]
    api.portal.set_registry_record("plone.site_title", "Solna intranät (ny)")
    transaction.commit()
    assert revalidated(olle, url, etag).status_code == 200


def test_a_status_message_is_never_swallowed_by_a_304(news):
    url = news.absolute_url()
    olle = member("olle.medarbetare")
    etag = olle.get(url).headers["ETag"]
    olle.cookies.set("statusmessages", "c29tZXRoaW5n")
    assert revalidated(olle, url, etag).status_code == 200


def test_anonymous_gets_the_login_never_a_members_page(news):
    url = news.absolute_url()
    etag = member("olle.medarbetare").get(url).headers["ETag"]
    anonymous = requests.Session()
    answer = revalidated(anonymous, url, etag)
    assert answer.status_code in (302, 303), answer.status_code
    assert "login" in answer.headers["Location"]
    assert "Igelbäcken" not in answer.text
    assert is_private(answer)
    login = anonymous.get(answer.headers["Location"])
    assert login.status_code == 200
    assert "__ac_password" in login.text
    assert is_private(login)


def test_the_login_pages_static_files_are_public_for_a_year_without_login(site):
    """What the login page loads is no member data, and it needs it before
    anyone has logged in: public, a year, immutable when versioned."""
    login_url = f"{api.portal.get().absolute_url()}/login"
    page = html.fromstring(requests.get(login_url, timeout=60).text)
    urls = [
        urljoin(login_url, e.get("src") or e.get("href"))
        for e in page.xpath("//head//script[@src] | //link[@rel='stylesheet']")
    ]
    versioned = [u for u in urls if "++webresource++" in u or "?v=" in u]
    assert versioned, urls
    for url in versioned:
        answer = requests.get(url, timeout=60)
        assert answer.status_code == 200, url
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_rest_answers_are_private_and_not_the_pages_etag(news):
    url = news.absolute_url()
    olle = member("olle.medarbetare")
    page_etag = olle.get(url).headers["ETag"]
    json = {"Accept": "application/json"}
    answer = olle.get(url, headers=json)
    assert answer.status_code == 200
    assert answer.json()["title"] == "Utflykt till Igelbäcken"
    assert is_private(answer), answer.headers.get("Cache-Control")
    assert "Accept" in answer.headers["Vary"]
    # The page's ETag does not validate the JSON at the same address.
    assert answer.headers.get("ETag") != page_etag
    assert revalidated(olle, url, page_etag, **json).status_code == 200
    # Every REST answer is private, with a ruleset (search) or without
    # (our own services).
    portal_url = api.portal.get().absolute_url()
    for path in ("++api++/@search", "++api++/@navigation", "++api++/@users/olle"):
        answer = olle.get(f"{portal_url}/{path}", headers=json)
        assert is_private(answer), (path, answer.headers.get("Cache-Control"))


def test_basic_authentication_is_private_too(news):
    """Scripts and the app's REST clients (Basic, JWT) get the same."""
    answer = requests.get(
        news.absolute_url(), auth=("olle.medarbetare", PASSWORD), timeout=60
    )
    assert answer.status_code == 200
    assert is_private(answer)


@pytest.mark.parametrize(
    ("given", "made"),
    [
        (None, "private, no-cache"),
        ("", "private, no-cache"),
        ("max-age=0, must-revalidate, private", "max-age=0, must-revalidate, private"),
        (
            "max-age=0, s-maxage=86400, must-revalidate",
            "private, max-age=0, must-revalidate",
        ),
        ("max-age=86400, proxy-revalidate, public", "private, max-age=86400"),
        ("public", "private, no-cache"),
        ("no-store", "no-store"),
        ("no-store, max-age=0", "no-store, max-age=0"),
        ("no-cache", "private, no-cache"),
        ("private, s-maxage=60", "private"),
    ],
)
def test_private_turns_every_cache_control_private(given, made):
    assert private(given) == made


def test_static_rulesets_are_left_to_our_static_policy(portal):
    """One mechanism for static files (caching/static.py): plone.app.caching
    has no operation for them; our rulesets use Weak caching."""
    mapping = api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.operationMapping"
    )
    assert "plone.resource" not in mapping
    assert "plone.stableResource" not in mapping
    assert set(mapping.values()) == {"plone.app.caching.weakCaching"}
    assert api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled"
    )
    etags = api.portal.get_registry_record(
        "plone.app.caching.weakCaching.plone.content.itemView.etags"
    )
    assert {"userid", "catalogCounter", "solna.database"} <= set(etags)


def test_a_gzipped_pages_weak_etag_still_validates():
    """The pipeline's gzip (resources/compression.py) makes the ETag weak
    (``W/"…"``); If-None-Match compares weakly (RFC 9110 13.1.2), and
    plone.app.caching reads the value without the ``W/``."""
    from plone.app.caching.operations.utils import parseETags

    assert parseETags('W/"|olle.medarbetare|35"') == ["|olle.medarbetare|35"]


def test_a_304_carries_the_etag_cache_control_and_vary_of_its_200(news):
    """RFC 9110 15.4.5 (issue 22's fresh trial, finding 9): the 200 of a
    page or a REST answer and the 304 that stands for it have the same ETag
    (weak: it names what the member sees, not the bytes, which gzip
    changes), the same Cache-Control and the same Vary. (The gzip of the
    instance's pipeline is in tests/cluster: this server has none.)"""
    olle = member("olle.medarbetare")
    for url, accept in (
        (news.absolute_url(), "text/html"),
        (news.absolute_url(), "application/json"),
        (api.portal.get().absolute_url(), "text/html"),
    ):
        first = olle.get(url, headers={"Accept": accept})
        assert first.status_code == 200
        assert first.headers["ETag"].startswith('W/"'), first.headers["ETag"]
        again = revalidated(olle, url, first.headers["ETag"], Accept=accept)
        assert again.status_code == 304, (url, accept)
        for name in ("ETag", "Cache-Control", "Vary"):
            assert again.headers.get(name) == first.headers[name], (url, name)
        assert first.headers["Cache-Control"] == "max-age=0, must-revalidate, private"
        # The strong form of the same ETag is still a match (weak comparison).
        strong = first.headers["ETag"].removeprefix("W/")
        assert revalidated(olle, url, strong, Accept=accept).status_code == 304
