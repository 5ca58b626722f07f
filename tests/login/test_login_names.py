"""Login names that forgive a phone (issue 16): a capital first letter, as a
phone keyboard types it, still signs in; the form tells the keyboard what
its fields are; a failed attempt keeps the name typed and says in Swedish
what went wrong, with no English "Error:"."""

from lxml import html
from tests.fixtures.http import log_in_with_the_form
from tests.fixtures.http import text
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import pytest
import requests
import transaction


@pytest.fixture
def site(functional_portal):
    create_staff({"anna.lindqvist": ["medarbetare"]})
    transaction.commit()
    return functional_portal.absolute_url()


def post_login(portal_url, login, password):
    s = requests.Session()
    page = html.fromstring(s.get(f"{portal_url}/login", timeout=60).text)
    (form,) = page.xpath('//form[.//input[@name="__ac_name"]]')
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": login, "__ac_password": password})
    data.setdefault("buttons.login", "Logga in")
    return s.post(f"{portal_url}/login", data=data, timeout=60)


@pytest.mark.parametrize(
    "typed", ["Anna.lindqvist", "ANNA.LINDQVIST", " anna.lindqvist "]
)
def test_a_login_name_with_capitals_signs_in(site, typed):
    s, answer = log_in_with_the_form(site, typed)
    assert answer.status_code == 302, answer.text[:300]
    assert "__ac" in s.cookies
    me = s.get(f"{site}/@@mitt-intranat", timeout=60)
    assert me.status_code == 200
    assert "Mitt intranät" in me.text


def test_the_password_still_has_its_case(site):
    answer = post_login(site, "anna.lindqvist", PASSWORD.upper())
    assert "__ac" not in answer.cookies


def test_the_fields_tell_a_phone_keyboard_what_they_are(site):
    page = html.fromstring(requests.get(f"{site}/login", timeout=60).text)
    (name,) = page.xpath('//input[@name="__ac_name"]')
    assert name.get("autocapitalize") == "none"
    assert name.get("autocorrect") == "off"
    assert name.get("autocomplete") == "username"
    assert name.get("inputmode") == "email"
    assert name.get("spellcheck") == "false"
    (password,) = page.xpath('//input[@name="__ac_password"]')
    assert password.get("autocomplete") == "current-password"


def test_a_failed_login_keeps_the_name_and_says_why_in_swedish(site):
    answer = post_login(site, "Anna.Lindqvist", "fel-lösenord")
    page = html.fromstring(answer.text)
    (name,) = page.xpath('//input[@name="__ac_name"]')
    assert name.get("value") == "Anna.Lindqvist"
    (alert,) = page.xpath('//*[contains(@class, "solna-login-failed")]')
    assert text(alert) == (
        "Inloggningsnamnet eller lösenordet är fel. Stora och små bokstäver "
        "spelar ingen roll i inloggningsnamnet, men i lösenordet gör de det. "
        "Logga in med en engångskod via e-post i stället"
    )
    assert alert.get("role") == "alert"
    # It offers the code route, with the name already typed.
    (offer,) = alert.xpath('.//a[contains(@class, "solna-login-code-offer")]')
    assert offer.get("href").endswith("/@@engangskod?login=Anna.Lindqvist")
    body = text(page.xpath("//body")[0])
    assert "Error" not in body
    assert "caps lock" not in body.lower()
    # The same answer for a login that does not exist (no account oracle).
    unknown = html.fromstring(post_login(site, "ingen.alls", "x").text)
    (other,) = unknown.xpath('//*[contains(@class, "solna-login-failed")]')
    assert text(other) == text(alert)
