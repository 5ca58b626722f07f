"""Mitt intranät and Chefens sida at 390 px in real Chromium: a preschool
teacher without a unit chooses one, reads why a news item is there,
confirms a must-read item; her manager sees the figure change."""

from plone import api
from tests.fixtures.news import publish_news
from tests.fixtures.news import set_profile
from tests.fixtures.phone import fits
from tests.fixtures.phone import heading
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap

import pytest
import transaction


pytestmark = pytest.mark.browser


def test_start_page_on_a_phone(phone, screenshot, workplace_news):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    places = workplace_news["places"]
    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    # olle has not chosen yet (a new account).
    set_profile("olle.medarbetare", "", "")
    transaction.commit()
    login(phone, portal_url, "olle.medarbetare")
    open_page(phone, portal_url, "Var arbetar du?")
    assert fits(phone)
    screenshot("onboarding")
    Select(phone.find_element(By.NAME, "unit")).select_by_value(
        api.content.get_uuid(places["a"])
    )
    Select(phone.find_element(By.NAME, "profession")).select_by_value("forskollarare")
    tap(phone.find_element(By.NAME, "save"))
    shows(phone, "Nu visar Mitt intranät det som gäller dig")
    assert "Var arbetar du?" not in phone.page_source
    # Varför ser jag detta? opens under the news item.
    news = phone.find_element(By.CSS_SELECTOR, ".solna-news [data-uid]")
    tap(news.find_element(By.TAG_NAME, "summary"))
    reasons = news.find_element(By.CSS_SELECTOR, "details ul")
    assert reasons.is_displayed()
    assert reasons.text == "till alla medarbetare"
    assert fits(phone)
    screenshot("feed")
    # Must-read: open it, confirm.
    must_read = phone.find_element(By.CSS_SELECTOR, ".solna-must-read-list h3 a")
    tap(must_read)
    shows(phone, "Jag har läst")
    button = phone.find_element(By.XPATH, '//button[normalize-space()="Jag har läst"]')
    assert fits(phone)
    tap(button)
    shows(phone, "Tack! Din läsbekräftelse är sparad.", "Du bekräftade att du läst den")
    screenshot("confirmed")
    open_page(phone, portal_url, "solna-news")
    assert phone.find_elements(By.CSS_SELECTOR, ".solna-must-read-list") == []
    # The other pages of Mitt intranät fit too.
    for name, page in (
        ("news", "@@nyheter"),
        ("all-news", "@@nyheter?alla=1"),
        ("choose", "@@valj-enhet"),
    ):
        phone.get(f"{portal_url}/{page}")
        assert heading(phone).is_displayed()
        assert fits(phone), page
        screenshot(name)


def test_chefens_sida_on_a_phone(phone, screenshot, workplace_news):
    from selenium.webdriver.common.by import By

    publish_news(
        workplace_news["places"],
        "las-alla",
        {"audience_all": True},
        {"must_read": True},
    )
    transaction.commit()
    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "chef.a")
    open_page(phone, portal_url, "Chefens sida")
    tap(phone.find_element(By.LINK_TEXT, "Chefens sida"))
    shows(phone, "Måste läsas: vilka som har läst")
    figures = phone.find_elements(By.CSS_SELECTOR, ".solna-completion-figures")
    assert [f.text for f in figures] == ["0 av 3 har läst", "0 av 3 har läst"]
    assert fits(phone)
    screenshot("manager")
    phone.find_element(By.NAME, "title").send_keys("Planeringsdag")
    phone.find_element(By.NAME, "text").send_keys("Förskolan stänger kl. 12.")
    button = phone.find_element(By.CSS_SELECTOR, ".solna-quick-news button")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    # (Chromium's mobile emulation misplaces taps below the first screen.)
    phone.execute_script("arguments[0].click()", button)
    shows(phone, "Publicerad: Planeringsdag")
    assert fits(phone)
    screenshot("published")
