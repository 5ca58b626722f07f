"""Spärr mot gissning (issue 16): 20 wrong passwords for one login within
15 minutes lock it for 15 minutes, the right password included, on every
route (the form: a Swedish page with HTTP 429; REST @login: 429 with
Retry-After; HTTP Basic: refused); the holder gets one mail (real SMTP
server); an unknown login is answered the same; 100 failures from one
address lock every login from it. Over REST a login in any case or a work
e-mail address signs in."""

from lxml import html
from plone import api
from solna.intranet.login.guard import ACCOUNT_LIMIT
from solna.intranet.login.guard import ADDRESS_LIMIT
from solna.intranet.login.guard import PLUGIN_ID
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import pytest
import requests
import time
import transaction


LOCKED_TEXT = "För många misslyckade inloggningar. Försök igen om 15 minuter."


@pytest.fixture
def site(functional_portal, smtp):
    create_staff({"anna.lindqvist": ["medarbetare"], "olle.medarbetare": []})
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    api.portal.set_registry_record("plone.email_from_address", "intranat@solna.se")
    transaction.commit()
    return functional_portal.absolute_url()


def form_login(portal_url, login, password):
    """The login form as a browser posts it: (answer, signed in?)."""
    s = requests.Session()
    page = html.fromstring(s.get(f"{portal_url}/login", timeout=60).text)
    (form,) = page.xpath('//form[.//input[@name="__ac_name"]]')
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": login, "__ac_password": password})
    data.setdefault("buttons.login", "Logga in")
    answer = s.post(f"{portal_url}/login", data=data, timeout=60)
    return answer, "__ac" in s.cookies


def rest_login(portal_url, login, password):
    return requests.post(
        f"{portal_url}/@login",
        json={"login": login, "password": password},
        headers={"Accept": "application/json"},
        timeout=60,
    )


def alert(answer):
    found = html.fromstring(answer.text).xpath(
        '//*[contains(@class, "solna-login-failed")]'
    )
    return text(found[0]) if found else None


def guess(portal_url, login, times):
    for _n in range(times):
        answer, signed_in = form_login(portal_url, login, "gissning")
        assert not signed_in
    return answer


def test_twenty_wrong_passwords_lock_the_account_on_every_route(site, smtp):
    answer = guess(site, "anna.lindqvist", ACCOUNT_LIMIT - 1)
    assert answer.status_code == 200  # not yet
    assert smtp.messages == []
    answer = guess(site, "Anna.Lindqvist", 1)
    assert answer.status_code == 429
    assert alert(answer) == LOCKED_TEXT
    # The right password does not help, on any route.
    answer, signed_in = form_login(site, "anna.lindqvist", PASSWORD)
    assert not signed_in
    assert answer.status_code == 429
    assert alert(answer) == LOCKED_TEXT
    assert 0 < int(answer.headers["Retry-After"]) <= 15 * 60
    rest = rest_login(site, "anna.lindqvist", PASSWORD)
    assert rest.status_code == 429
    assert rest.json()["error"]["message"] == LOCKED_TEXT
    assert 0 < int(rest.headers["Retry-After"]) <= 15 * 60
    assert "token" not in rest.json()
    basic = requests.get(
        f"{site}/@@mitt-intranat",
        auth=("anna.lindqvist", PASSWORD),
        allow_redirects=False,
        timeout=60,
    )
    assert basic.status_code != 200
    # The holder is told once, in Swedish.
    assert wait_for(lambda: smtp.to("anna.lindqvist@solna.example"))
    (mail,) = smtp.to("anna.lindqvist@solna.example")
    assert mail["Subject"] == "Ditt konto är spärrat en stund"
    assert "fel lösenord 20 gånger" in mail.get_content()
    # Others are not affected.
    _answer, signed_in = form_login(site, "olle.medarbetare", PASSWORD)
    assert signed_in


def test_an_unknown_login_is_answered_the_same(site, smtp):
    answer = guess(site, "ingen.alls", ACCOUNT_LIMIT)
    assert answer.status_code == 429
    assert alert(answer) == LOCKED_TEXT
    assert smtp.messages == []


def test_basic_auth_failures_count_too(site):
    for _n in range(ACCOUNT_LIMIT):
        refused = requests.get(
            f"{site}/@@mitt-intranat",
            auth=("anna.lindqvist", "gissning"),
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert refused.status_code == 401
    assert rest_login(site, "anna.lindqvist", PASSWORD).status_code == 429


def test_a_right_password_clears_the_count(site):
    guess(site, "anna.lindqvist", ACCOUNT_LIMIT - 1)
    _answer, signed_in = form_login(site, "anna.lindqvist", PASSWORD)
    assert signed_in
    answer = guess(site, "anna.lindqvist", 1)
    assert answer.status_code == 200


def test_many_failures_from_one_address_lock_every_login_from_it(site):
    guard = api.portal.get().acl_users[PLUGIN_ID]
    now = time.time()
    for _n in range(ADDRESS_LIMIT - 1):
        guard.record_failure([("ip:127.0.0.1", ADDRESS_LIMIT)], now)
    answer, _signed_in = form_login(site, "olle.medarbetare", "gissning")
    assert answer.status_code == 429
    answer, signed_in = form_login(site, "anna.lindqvist", PASSWORD)
    assert not signed_in
    assert alert(answer) == LOCKED_TEXT


def test_rest_takes_any_case_and_the_work_address(site):
    for login in ("anna.lindqvist", "Anna.Lindqvist", "anna.lindqvist@solna.example"):
        answer = rest_login(site, login, PASSWORD)
        assert answer.status_code == 200, (login, answer.text)
        assert answer.json()["token"]
    wrong = rest_login(site, "anna.lindqvist", "fel")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["message"].startswith(
        "Inloggningsnamnet eller lösenordet är fel."
    )
    unknown = rest_login(site, "ingen.alls", "fel")
    assert unknown.json() == wrong.json()


def test_the_form_takes_the_work_address(site):
    _answer, signed_in = form_login(site, "Anna.Lindqvist@Solna.example", PASSWORD)
    assert signed_in
