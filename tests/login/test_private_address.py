"""A private e-mail address for one-time codes (issue 16): a member types
it on ``@@privat-epost``, gets a code mailed to THAT address (real SMTP),
and only the code typed stores it; an address on another account is
answered as a free one but gets no code, so nobody learns which addresses
are colleagues'; she can remove it; REST does the same."""

from lxml import html
from plone import api
from solna.intranet.login import accounts
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_staff

import pytest
import re
import requests
import transaction


PRIVATE = "anna.privat@example.org"


@pytest.fixture
def site(functional_portal, smtp):
    create_staff({"anna.lindqvist": [], "bo.berg": []})
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    transaction.commit()
    return functional_portal.absolute_url()


def userid(login):
    transaction.begin()  # see what the server committed
    return accounts.userid_for_login(login)


def private(login):
    return accounts.private_address(userid(login))


def post_form(s, site, form_id, **values):
    """Post the form ``form_id`` of the page as the member's browser."""
    page = html.fromstring(s.get(f"{site}/@@privat-epost", timeout=60).text)
    (form,) = page.xpath(f'//form[@id="{form_id}"]')
    data = {**dict(form.form_values()), **values}
    return s.post(form.get("action"), data=data, timeout=60)


def error_of(answer):
    page = html.fromstring(answer.text)
    found = page.xpath('//*[contains(@class, "solna-private-address-error")]')
    return text(found[0]) if found else None


def code_in(smtp, address, count=1):
    assert wait_for(lambda: len(smtp.to(address)) >= count)
    message = smtp.to(address)[count - 1]
    (code,) = re.findall(r"Din kod: (\d{6})\b", message.get_content())
    return code


def test_a_private_address_is_stored_only_after_its_code(site, smtp):
    s = browser("anna.lindqvist")
    answer = post_form(
        s, site, "solna-private-address-send", address=" Anna.Privat@Example.org "
    )
    assert answer.status_code == 200
    page = html.fromstring(answer.text)
    assert text(page.xpath('//*[@id="solna-private-address-pending"]')[0]) == (
        f"Vi har skickat en kod till {PRIVATE}. Skriv den här för att bekräfta "
        "adressen."
    )
    code = code_in(smtp, PRIVATE)
    (mail,) = smtp.to(PRIVATE)
    assert mail["Subject"] == f"Bekräfta din e-postadress: {code}"
    assert private("anna.lindqvist") == ""
    assert accounts.find_userid(PRIVATE) is None

    answer = post_form(s, site, "solna-private-address-confirm", code=code)
    page = html.fromstring(answer.text)
    assert text(page.xpath('//*[@id="solna-private-address-current"]')[0]) == (
        f"Din privata e-postadress: {PRIVATE}"
    )
    assert "Din privata e-postadress är sparad." in answer.text
    assert private("anna.lindqvist") == PRIVATE
    assert accounts.find_userid("ANNA.PRIVAT@example.org") == userid("anna.lindqvist")
    # The work address is told.
    (notice,) = smtp.to("anna.lindqvist@solna.example")
    assert PRIVATE in notice.get_content()

    # She removes it.
    answer = post_form(s, site, "solna-private-address-remove")
    assert "Din privata e-postadress är borttagen." in answer.text
    assert not html.fromstring(answer.text).xpath(
        '//*[@id="solna-private-address-current"]'
    )
    assert private("anna.lindqvist") == ""


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Anna.Lindqvist@solna.example",
            "Det är din arbetsadress. Skriv en privat adress som är din.",
        ),
        (
            "inte-en-adress",
            "Skriv en giltig e-postadress, till exempel namn@exempel.se.",
        ),
    ],
)
def test_an_address_that_cannot_be_hers_changes_nothing(site, smtp, typed, message):
    s = browser("anna.lindqvist")
    answer = post_form(s, site, "solna-private-address-send", address=typed)
    assert answer.status_code == 400
    assert error_of(answer) == message
    assert "Bo Berg" not in error_of(answer)
    assert not html.fromstring(answer.text).xpath(
        '//*[@id="solna-private-address-pending"]'
    )
    assert private("anna.lindqvist") == ""
    assert smtp.messages == []


def pending_text(answer, address):
    page = html.fromstring(answer.text)
    found = page.xpath('//*[@id="solna-private-address-pending"]')
    return text(found[0]).replace(address, "X") if found else None


@pytest.mark.parametrize("taken", ["bo.berg@solna.example", "BO@example.org"])
def test_a_colleagues_address_is_answered_as_a_free_one_but_gets_no_code(
    site, smtp, taken
):
    """Bo's work or private address: the page answers as for an address
    nobody has (so it tells nobody whose addresses exist), sends nothing,
    and no code confirms it."""
    accounts.set_private_address(userid("bo.berg"), "bo@example.org")
    transaction.commit()
    anna = browser("anna.lindqvist")
    answer = post_form(anna, site, "solna-private-address-send", address=taken)
    free = post_form(
        browser("bo.berg"), site, "solna-private-address-send", address=PRIVATE
    )
    assert answer.status_code == free.status_code == 200
    assert error_of(answer) is None
    assert pending_text(answer, taken.lower()) == pending_text(free, PRIVATE)
    assert pending_text(answer, taken.lower()).startswith("Vi har skickat en kod")
    code_in(smtp, PRIVATE)  # the free address got its code ...
    assert smtp.to(taken.lower()) == []  # ... the taken one nothing
    for guess in ("000000", "123456"):
        refused = post_form(anna, site, "solna-private-address-confirm", code=guess)
        assert error_of(refused).startswith("Koden stämmer inte.")
    assert private("anna.lindqvist") == ""
    assert private("bo.berg") == "bo@example.org"


def test_wrong_codes_store_nothing_and_five_void_it(site, smtp):
    s = browser("anna.lindqvist")
    post_form(s, site, "solna-private-address-send", address=PRIVATE)
    code = code_in(smtp, PRIVATE)
    wrong = "000000" if code != "000000" else "111111"
    answer = post_form(s, site, "solna-private-address-confirm", code=wrong)
    assert error_of(answer) == (
        "Koden stämmer inte. Jämför med det senaste mejlet och skriv den igen."
    )
    answer = post_form(s, site, "solna-private-address-confirm", code="12")
    assert error_of(answer) == "Koden är sex siffror, till exempel 123456."
    for _ in range(4):
        answer = post_form(s, site, "solna-private-address-confirm", code=wrong)
    assert error_of(answer).startswith("För många felaktiga koder.")
    # Voided: the page asks for an address again; the right code is too late.
    page = html.fromstring(answer.text)
    assert page.xpath('//form[@id="solna-private-address-send"]')
    answer = s.post(
        f"{site}/@@privat-epost",
        data={
            **dict(
                page.xpath('//form[@id="solna-private-address-send"]')[0].form_values()
            ),
            "step": "confirm",
            "code": code,
        },
        timeout=60,
    )
    assert error_of(answer).startswith("För många felaktiga koder.")
    assert private("anna.lindqvist") == ""


def test_nobody_signed_in_reaches_neither_page_nor_rest(site):
    answer = requests.get(f"{site}/@@privat-epost", allow_redirects=False, timeout=60)
    assert answer.status_code in (302, 401)
    assert "privat" not in answer.text.lower()
    answer = requests.post(
        f"{site}/++api++/@privat-epost",
        json={"address": PRIVATE},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 401


def test_rest_adds_confirms_and_removes_the_address(site, smtp):
    s = session("anna.lindqvist")
    url = f"{site}/++api++/@privat-epost"
    assert s.get(url, timeout=60).json() == {
        "@id": f"{site}/@privat-epost",
        "address": None,
        "pending": None,
        "expires": None,
        "expires_display": None,
    }
    # A colleague's address: the answer of a free one, no code sent.
    taken = s.post(url, json={"address": "bo.berg@solna.example"}, timeout=60)
    assert taken.status_code == 202
    assert taken.json()["pending"] == "bo.berg@solna.example"
    assert set(taken.json()) == {
        "@id",
        "address",
        "pending",
        "expires",
        "expires_display",
    }
    refused = s.post(url, json={"code": "123456"}, timeout=60)
    assert refused.status_code == 401
    assert refused.json()["error"]["message"].startswith("Koden stämmer inte.")
    assert smtp.messages == []

    asked = s.post(url, json={"address": PRIVATE}, timeout=60)
    assert asked.status_code == 202
    assert asked.json()["pending"] == PRIVATE
    assert asked.json()["expires"]
    code = code_in(smtp, PRIVATE)
    wrong = "000000" if code != "000000" else "111111"
    refused = s.post(url, json={"code": wrong}, timeout=60)
    assert refused.status_code == 401
    assert refused.json()["error"]["message"].startswith("Koden stämmer inte.")
    assert private("anna.lindqvist") == ""

    confirmed = s.post(url, json={"code": code}, timeout=60)
    assert confirmed.status_code == 200
    assert confirmed.json()["address"] == PRIVATE
    assert confirmed.json()["pending"] is None
    assert private("anna.lindqvist") == PRIVATE
    again = s.post(url, json={"code": code}, timeout=60)
    assert again.status_code == 400
    assert again.json()["error"]["message"].startswith("Ingen adress väntar")

    assert s.delete(url, timeout=60).status_code == 204
    assert s.get(url, timeout=60).json()["address"] is None
    assert private("anna.lindqvist") == ""
