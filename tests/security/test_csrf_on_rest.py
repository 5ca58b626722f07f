"""CSRF on REST writes (issue 14, 3): a write authenticated by the login
cookie alone is refused unless a browser could not have forged it from
another page; the site's own JSON requests, token and Basic clients work."""

from lxml import html
from plone import api
from tests.fixtures.http import log_in_with_the_form
from tests.fixtures.http import session
from tests.fixtures.staff import PASSWORD

import json
import pytest
import requests
import transaction


def cookie_session(login):
    """Logged in through the login form, as a browser is: only the cookie."""
    s, _answer = log_in_with_the_form(api.portal.get().absolute_url(), login)
    assert s.cookies.get("__ac"), "not logged in"
    return s


def endpoints(site):
    """(method, url, JSON body) of writes across the intranet."""
    portal_url = api.portal.get().absolute_url()
    unit = site["a"].absolute_url()
    news = site["news_item"].absolute_url()
    return [
        ("POST", unit, {"@type": "News Item", "title": "Förfalskad"}),
        ("PATCH", news, {"title": "Ändrad av någon annan"}),
        ("DELETE", news, None),
        ("POST", f"{news}/@workflow/retract", {}),
        ("POST", f"{news}/@comments", {"text": "Förfalskad kommentar"}),
        ("POST", f"{portal_url}/@favoriter", {"uid": site["news_item"].UID()}),
        ("POST", f"{news}/@jag-har-last", {}),
        ("POST", f"{portal_url}/@valj-enhet", {"unit": site["a"].UID()}),
        ("POST", f"{portal_url}/@notiser", {}),
        ("POST", f"{portal_url}/@moderering", {"action": "approve", "id": "1"}),
    ]


@pytest.fixture
def writes(site):
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=site["a"], type="News Item", id="nyheten", title="Nyheten"
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    site["news_item"] = item
    return endpoints(site)


def api_url(url):
    portal_url = api.portal.get().absolute_url()
    return url.replace(portal_url, f"{portal_url}/++api++", 1)


def send(s, method, url, body, headers):
    if body is None:
        return s.request(method, api_url(url), headers=headers)
    return s.request(method, api_url(url), data=json.dumps(body), headers=headers)


FORGERIES = {
    # A cross-site form or fetch without preflight: text/plain, any origin.
    "text-plain-from-elsewhere": {
        "Content-Type": "text/plain",
        "Origin": "https://evil.example",
        "Accept": "application/json",
    },
    # Same-site page of another origin (a preflight would be needed, but a
    # server that ignores Origin accepts it): JSON from another origin.
    "json-from-another-origin": {
        "Content-Type": "application/json",
        "Origin": "https://blogg.solna.se",
        "Accept": "application/json",
    },
    "text-plain-same-origin-no-token": {
        "Content-Type": "text/plain",
        "Accept": "application/json",
    },
    "json-without-origin-or-referer": {
        "Content-Type": "application/json",
        "Accept": "application/json",
    },
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_forged_writes_are_refused(writes, forgery):
    s = cookie_session("webbred")
    headers = dict(FORGERIES[forgery])
    if forgery == "text-plain-same-origin-no-token":
        headers["Origin"] = api.portal.get().absolute_url().rsplit("/", 1)[0]
    for method, url, body in writes:
        if body is None and forgery == "text-plain-same-origin-no-token":
            continue  # no body, the site's own origin: the site's own request
        answer = send(s, method, url, body, headers)
        assert answer.status_code == 403, (method, url, answer.status_code, answer.text)
        assert "avvisades" in answer.text or "refused" in answer.text
    transaction.begin()
    assert api.content.get(path="/bou/solglantan/nyheten").title == "Nyheten"


def test_the_sites_own_json_requests_work(writes):
    s = cookie_session("webbred")
    origin = api.portal.get().absolute_url().rsplit("/", 1)[0]
    headers = {
        "Content-Type": "application/json",
        "Origin": origin,
        "Accept": "application/json",
    }
    method, url, body = writes[1]  # PATCH the news item
    answer = send(s, method, url, body, headers)
    assert answer.status_code == 204, answer.text
    # Referer instead of Origin (older browsers on a same-origin request).
    headers.pop("Origin")
    headers["Referer"] = f"{api.portal.get().absolute_url()}/bou"
    answer = send(s, "PATCH", url, {"title": "Igen"}, headers)
    assert answer.status_code == 204, answer.text


def test_a_token_makes_a_cookie_request_good(writes):
    s = cookie_session("webbred")
    portal_url = api.portal.get().absolute_url()
    page = html.fromstring(s.get(f"{portal_url}/@@personal-information").text)
    token = page.xpath('//input[@name="_authenticator"]/@value')[0]
    answer = send(
        s,
        "PATCH",
        writes[1][1],
        {"title": "Med token"},
        {
            "Content-Type": "text/plain",
            "X-CSRF-TOKEN": token,
            "Accept": "application/json",
        },
    )
    assert answer.status_code == 204, answer.text


def test_basic_and_token_clients_keep_working(writes):
    url = writes[1][1]
    basic = session("webbred")
    assert basic.patch(api_url(url), json={"title": "Basic"}).status_code == 204
    portal_url = api.portal.get().absolute_url()
    token = requests.post(
        f"{portal_url}/@login",
        timeout=60,
        json={"login": "webbred", "password": PASSWORD},
        headers={"Accept": "application/json"},
    ).json()["token"]
    answer = requests.patch(
        api_url(url),
        timeout=60,
        json={"title": "JWT"},
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    assert answer.status_code == 204, answer.text


def registered_writes():
    """(method, service name, context interface) of every REST write
    registered (plone.restapi's and ours), from the component registry."""
    from zope.component import getGlobalSiteManager

    import re

    found = set()
    pattern = re.compile(r"^(POST|PATCH|PUT|DELETE)_application_json_(.*)$")
    # The test layers stack registries: walk the bases too.
    seen, todo = set(), [getGlobalSiteManager()]
    while todo:
        registry = todo.pop()
        if id(registry) in seen:
            continue
        seen.add(id(registry))
        todo.extend(registry.__bases__)
        for registration in registry.registeredAdapters():
            match = pattern.match(registration.name or "")
            if match:
                found.add((match[1], match[2], registration.required[0]))
    return sorted(found, key=lambda w: (w[1], w[0], str(w[2])))


def test_no_registered_write_accepts_a_forged_request(writes):
    """Every state-changing service, wherever it is registered: a forged
    cookie request (a text/plain body from another origin) is refused."""
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        community = api.content.create(
            container=portal, type="solna.Community", id="natet", title="Nätet"
        )
        form = api.content.create(
            container=portal, type="EasyForm", id="formen", title="Formen"
        )
        # Someone who may call every service (Manager), so that each one
        # is reached and only the CSRF check can refuse it.
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="forvaltare@solna.example", username="forvaltare", password=PASSWORD
        )
        api.user.grant_roles(username="forvaltare", roles=["Manager"])
    transaction.commit()
    places = [portal, api.content.get(path="/bou/solglantan/nyheten"), community, form]
    places += [api.content.get(path="/bou/solglantan")]
    s = cookie_session("forvaltare")
    headers = FORGERIES["text-plain-from-elsewhere"]
    tried = set()
    for method, name, interface in registered_writes():
        place = next((p for p in places if interface.providedBy(p)), None)
        if place is None:
            continue
        url = f"{place.absolute_url()}/{name}" if name else place.absolute_url()
        answer = send(s, method, url, {"forged": True}, headers)
        if answer.status_code == 404:
            continue  # registered for an add-on this site does not use
        assert answer.status_code == 403, (method, name, answer.status_code)
        tried.add((method, name))
    # plone.restapi's content, workflow, comments, locking, ... and ours.
    assert len(tried) >= 31, sorted(tried)


def test_saved_basic_credentials_do_not_make_a_forgery_good(writes):
    """A browser that has Basic credentials saved (the ZMI) sends them with
    another page's request, and says where it comes from."""
    basic = session("webbred")
    for headers in (
        {"Content-Type": "text/plain", "Origin": "https://evil.example"},
        {"Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site"},
    ):
        answer = send(basic, "PATCH", writes[1][1], {"title": "Förfalskad"}, headers)
        assert answer.status_code == 403, (headers, answer.text)
    transaction.begin()
    assert api.content.get(path="/bou/solglantan/nyheten").title == "Nyheten"


def test_a_browser_views_json_lookup_is_no_rest_write(site, writes):
    """Mockup's content browser (TinyMCE's image and link dialogs, related
    items) POSTs its query form-encoded to @@getVocabulary asking for JSON:
    no REST write, so neither refused as one (it was: 400, then 403, and
    the image dialog lost the image just uploaded), from the login cookie
    alone as the browser sends it."""
    s = cookie_session("red.a")
    uid = site["news_item"].UID()
    answer = s.post(
        f"{api.portal.get().absolute_url()}/@@getVocabulary",
        data={
            "name": "plone.app.vocabularies.Catalog",
            "query": json.dumps(
                {
                    "criteria": [
                        {
                            "i": "UID",
                            "o": "plone.app.querystring.operation.list.contains",
                            "v": [uid],
                        }
                    ]
                }
            ),
            "attributes": json.dumps(["UID", "Title"]),
        },
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    assert [r["UID"] for r in answer.json()["results"]] == [uid]
