"""Uppföljning at 390 px in real Chromium: Krisledning reads the counts per
unit and who needs help (with a phone link), and the figures follow new
answers without reloading; the manager sees her staff's names on Chefens
sida. The world and the answers are test_followup.py's."""

from plone import api
from solna.intranet.crisis import answers
from tests.crisis.test_followup import crisis  # noqa: F401 (a fixture)
from tests.crisis.test_followup import KRISLEDNING
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows

import pytest
import transaction


pytestmark = pytest.mark.browser


def cells(phone, row):
    from selenium.webdriver.common.by import By

    found = phone.find_element(By.CSS_SELECTOR, row)
    return [c.text for c in found.find_elements(By.CSS_SELECTOR, "th, td")]


def test_followup_on_a_phone(phone, screenshot, crisis):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    item_url = crisis["item"].absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, KRISLEDNING)
    open_page(phone, f"{item_url}/@@uppfoljning", "Uppföljning: Brand i bou")
    shows(phone, "solna-help-list", "Red A")
    assert "Behöver hjälp (1)" in phone.find_element(By.TAG_NAME, "main").text
    assert fits(phone)  # the table scrolls in its own box, not the page
    screenshot("krisledning")
    assert cells(phone, "tfoot tr") == ["Alla i målgruppen", "1", "2", "1", "1", "5"]
    call = phone.find_element(By.CSS_SELECTOR, ".solna-help-list a[href^='tel:']")
    assert call.get_attribute("href") == "tel:0701234567"
    assert call.get_attribute("aria-label") == "Ring Red A, mobil 070-123 45 67"
    assert call.size["height"] >= 30  # a button a thumb can hit

    # Chef A says she has seen it: the figures change without a reload
    # (the script asks REST when the page becomes visible again, as every
    # 20 s), and screen readers are told so, politely.
    answers.record(crisis["item"].UID(), "chef.a", "seen")
    transaction.commit()
    phone.execute_script("document.dispatchEvent(new Event('visibilitychange'))")
    WebDriverWait(phone, 60).until(
        lambda _phone: (
            cells(_phone, "tfoot tr") == ["Alla i målgruppen", "1", "2", "2", "0", "5"]
        )
    )
    live = phone.find_element(By.CSS_SELECTOR, ".solna-followup-live")
    assert live.get_attribute("role") == "status"
    assert live.get_attribute("textContent") == "Siffrorna har uppdaterats."

    # The manager of Solgläntan on Chefens sida: her staff by status.
    phone.delete_all_cookies()
    login(phone, portal_url, "chef.a")
    open_page(phone, f"{portal_url}/@@chefens-sida", "Kris: Brand i bou")
    assert fits(phone)
    screenshot("chefens-sida")
    section = next(
        s
        for s in phone.find_elements(By.CSS_SELECTOR, ".solna-manager-crisis")
        if "Brand i bou" in s.find_element(By.TAG_NAME, "h2").text
    )
    text = section.text
    assert "Behöver hjälp (1)" in text
    assert "Red A" in text
    assert "Red B" not in text
    calls = section.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")
    assert [c.get_attribute("aria-label") for c in calls] == [
        "Ring Red A, mobil 070-123 45 67"
    ]
