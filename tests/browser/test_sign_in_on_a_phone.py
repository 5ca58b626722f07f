"""Signing in on one's own phone, the whole story (issue 16), in real
Chromium at 390 px with a real SMTP server:

- a manager invites a new preschool teacher from Chefens sida on her phone;
- the teacher sets up her account from the mail on her own phone (unit and
  profession already chosen, no password), signs out, signs in again with a
  one-time code, restarts the browser and is still signed in;
- she signs out everywhere: a copy of the phone's cookie and a JWT no
  longer work;
- twenty wrong passwords lock an account: the phone shows a Swedish
  message, the right password is refused and REST answers 429.
"""

from plone import api
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait
from tests.fixtures.mail import wait_for
from tests.fixtures.phone import ARTIFACTS
from tests.fixtures.phone import fill_in_login
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import start_phone
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import PASSWORD

import pytest
import re
import requests
import transaction


pytestmark = pytest.mark.browser

ADDRESS = "asa.oberg@privat.example"
INVITATION = re.compile(r"https?://\S+/@@inbjudan/[A-Za-z0-9_-]{32}")
CODE = re.compile(r"Din kod: (\d{6})")


def type_into(phone, css, value):
    field = phone.find_element(By.CSS_SELECTOR, css)
    field.clear()
    field.send_keys(value)


def choose(phone, name, name_shown):
    """Choose the option of the invitation form's ``name`` list whose text
    starts with ``name_shown`` (units are shown with their place after)."""
    select = Select(
        phone.find_element(By.CSS_SELECTOR, f"form.solna-invite-form [name='{name}']")
    )
    (option,) = [o for o in select.options if o.text.strip().startswith(name_shown)]
    select.select_by_visible_text(option.text)


def mailed(smtp, pattern, count):
    """The ``count``-th mail to ADDRESS in which ``pattern`` is found
    (waited for), and what it found (its group, if it has one)."""

    def matching():
        return [
            (message, found)
            for message in smtp.to(ADDRESS)
            if (found := pattern.search(message.get_content()))
        ]

    assert wait_for(lambda: len(matching()) >= count, timeout=WAIT)
    message, found = matching()[count - 1]
    return message, found.group(pattern.groups)


def signed_in(phone):
    """The phone's session cookie, once it has one."""
    return WebDriverWait(phone, WAIT).until(lambda browser: browser.get_cookie("__ac"))


def test_invited_set_up_signed_out_code_restart_still_signed_in(
    site, smtp, phone, tmp_path
):
    portal_url = api.portal.get().absolute_url()

    # The manager of Solgläntan invites Åsa from Chefens sida, on her phone.
    login(phone, portal_url, "chef.a")
    open_page(phone, f"{portal_url}/@@chefens-sida", "Bjud in medarbetare")
    tap(phone.find_element(By.CSS_SELECTOR, "a.solna-invite-link"))
    shows(phone, "Skicka inbjudan")
    type_into(phone, "form.solna-invite-form [name='fullname']", "Åsa Öberg")
    choose(phone, "unit", "Solgläntan")
    choose(phone, "profession", "Förskollärare")
    type_into(phone, "form.solna-invite-form [name='email']", ADDRESS)
    assert fits(phone)
    tap(phone.find_element(By.CSS_SELECTOR, "form.solna-invite-form [name='invite']"))
    shows(phone, "Inbjudan har skickats")
    phone.quit()

    # Åsa's own phone: the link in the mail.
    _message, link = mailed(smtp, INVITATION, 1)
    asa = start_phone(str(tmp_path / "asa"))
    try:
        open_page(asa, link, "Skapa mitt konto")
        page = asa.find_element(By.ID, "content").text
        assert "Välkommen, Åsa Öberg!" in page
        assert "Solgläntan" in page
        assert "Förskollärare" in page
        assert fits(asa)
        screenshot_of(asa, "invitation")
        tap(
            asa.find_element(
                By.CSS_SELECTOR, "form.solna-invitation-form [name='setup']"
            )
        )
        signed_in(asa)
        shows(asa, "Ditt konto är klart")
        assert asa.find_element(By.CSS_SELECTOR, "#content h1").text == "Mitt intranät"
        transaction.begin()  # see what the server committed
        user = api.user.get(username="asa.oberg")
        assert user.getProperty("profession") == "forskollarare"

        # She signs out, and in again with a code sent to her address.
        asa.get(f"{portal_url}/logout")
        WebDriverWait(asa, WAIT).until(lambda browser: not browser.get_cookie("__ac"))
        open_page(asa, f"{portal_url}/login", "Logga in med engångskod")
        tap(asa.find_element(By.CSS_SELECTOR, "a.solna-login-code"))
        shows(asa, "Skicka kod")
        type_into(asa, "#solna-code-login", "Asa.Oberg@Privat.example")
        tap(asa.find_element(By.CSS_SELECTOR, "#solna-code-send"))
        shows(asa, "solna-code-enter")
        _message, code = mailed(smtp, CODE, 1)
        type_into(asa, "#solna-code", code)
        assert fits(asa)
        tap(asa.find_element(By.CSS_SELECTOR, "#solna-code-login-button"))
        cookie = signed_in(asa)
        shows(asa, "Mitt intranät")
        assert cookie.get("expiry"), "a remembered phone keeps its cookie"
    finally:
        asa.quit()

    # The browser is closed and opened again: she is still signed in.
    asa = start_phone(str(tmp_path / "asa"))
    try:
        open_page(asa, f"{portal_url}/@@mina-enheter", "Den här enheten")
        assert "__ac_name" not in asa.page_source
        assert fits(asa)
        cookie = asa.get_cookie("__ac")["value"]
        jwt = requests.post(
            f"{portal_url}/++api++/@engangskod-token",
            json=code_request(portal_url, smtp),
            headers={"Accept": "application/json"},
            timeout=30,
        ).json()["token"]
        assert me(portal_url, cookie=cookie) == 200
        assert me(portal_url, token=jwt) == 200

        # Lost phone drill: she signs out everywhere.
        tap(
            asa.find_element(
                By.CSS_SELECTOR, "#solna-devices-everywhere [name='logga-ut-overallt']"
            )
        )
        WebDriverWait(asa, WAIT).until(lambda browser: not browser.get_cookie("__ac"))
        shows(asa, "__ac_name")
    finally:
        asa.quit()
    assert me(portal_url, cookie=cookie) == 401
    assert me(portal_url, token=jwt) == 401


def screenshot_of(phone, name):
    """Save a screenshot of this phone in tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    phone.save_screenshot(str(ARTIFACTS / f"sign-in-story-{name}.png"))


def code_request(portal_url, smtp):
    """Ask for a code over REST, as an app would; {"request", "code"}."""
    count = len([m for m in smtp.to(ADDRESS) if CODE.search(m.get_content())]) + 1
    asked = requests.post(
        f"{portal_url}/++api++/@engangskod",
        json={"login": ADDRESS},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert asked.status_code == 202, asked.text
    _message, code = mailed(smtp, CODE, count)
    return {"request": asked.json()["request"], "code": code}


def me(portal_url, cookie=None, token=None):
    """The status of asking REST who one is, with a cookie or a JWT."""
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.get(
        f"{portal_url}/++api++/@mitt-intranat",
        headers=headers,
        cookies={"__ac": cookie} if cookie else None,
        timeout=30,
    ).status_code


def test_twenty_wrong_passwords_lock_the_account_on_a_phone(site, phone, screenshot):
    portal_url = api.portal.get().absolute_url()
    for _attempt in range(19):
        answer = requests.post(
            f"{portal_url}/++api++/@login",
            json={"login": "olle.medarbetare", "password": "fel"},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert answer.status_code == 401
    # The twentieth, typed on the phone, starts the lock.
    open_page(phone, f"{portal_url}/login", "__ac_name")
    fill_in_login(phone, "Olle.Medarbetare", "fel")
    shows(phone, "För många felaktiga försök")
    screenshot("locked")
    assert fits(phone)
    # The right password is refused while the lock lasts.
    phone.find_element(By.NAME, "__ac_password").send_keys(PASSWORD)
    tap(phone.find_element(By.NAME, "buttons.login"))
    shows(phone, "minuter till, inte ens med rätt lösenord")
    assert phone.get_cookie("__ac") is None
    answer = requests.post(
        f"{portal_url}/++api++/@login",
        json={"login": "olle.medarbetare", "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) > 0
    assert "För många felaktiga försök" in answer.json()["error"]["message"]
