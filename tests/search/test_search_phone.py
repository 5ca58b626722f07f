"""The search on a phone (390 px, Chromium): from the header's search box
to the results, a facet tapped, the suggestions chosen with the keyboard
(the WAI-ARIA combobox), and no page wider than the screen."""

from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT

import pytest


pytestmark = pytest.mark.browser


def test_search_on_a_phone(phone, screenshot, organisation_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    site = organisation_site
    login(phone, site, "olle.medarbetare")
    open_page(phone, site, "searchGadget")

    # The header's search box lands on the search page.
    box = phone.find_element(By.ID, "searchGadget")
    if not box.is_displayed():  # in the ☰ menu on a phone
        toggle = phone.find_element(
            By.CSS_SELECTOR, "[data-bs-target='#offcanvasNavbar']"
        )
        tap(toggle)
        WebDriverWait(phone, WAIT).until(lambda _browser: box.is_displayed())
    box.send_keys("semester", Keys.ENTER)
    shows(phone, "search-results", "Hur många semesterdagar har jag?")
    assert "@@search" in phone.current_url
    count = phone.find_element(By.ID, "search-count")
    assert count.get_attribute("role") == "status"
    assert "träffar" in count.text
    assert fits(phone)
    screenshot("results")

    # A facet: the rules only.
    tap(phone.find_element(By.ID, "search-facets-toggle"))
    rules = WebDriverWait(phone, WAIT).until(
        lambda browser: [
            a
            for a in browser.find_elements(
                By.CSS_SELECTOR, "a[data-facet='type'][data-value='solna.Rule']"
            )
            if a.is_displayed()
        ]
    )[0]
    assert rules.size["height"] >= 44
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", rules)
    tap(rules)
    WebDriverWait(phone, WAIT).until(
        lambda browser: "type=solna.Rule" in browser.current_url
    )
    shows(phone, "solna-search-chip")
    titles = [
        a.text
        for a in phone.find_elements(
            By.CSS_SELECTOR, "#search-results .solna-search-title"
        )
    ]
    assert titles == ["Semester"]
    assert fits(phone)
    screenshot("facet")

    # The suggestions, by keyboard: Down chooses, Escape closes, Enter opens.
    field = phone.find_element(By.ID, "solna-search-field")
    field.clear()
    field.send_keys("maj")
    WebDriverWait(phone, WAIT).until(
        lambda _browser: field.get_attribute("aria-expanded") == "true"
    )
    assert field.get_attribute("role") == "combobox"
    listbox = phone.find_element(By.ID, field.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    options = listbox.find_elements(By.CSS_SELECTOR, "[role=option]")
    assert "Maja Berg" in options[0].text
    status = field.find_element(By.XPATH, "following-sibling::*[@role='status']")
    WebDriverWait(phone, WAIT).until(lambda _browser: "förslag" in status.text)
    field.send_keys(Keys.ARROW_DOWN)
    assert field.get_attribute("aria-activedescendant") == options[0].get_attribute(
        "id"
    )
    assert options[0].get_attribute("aria-selected") == "true"
    screenshot("suggestions")
    field.send_keys(Keys.ESCAPE)
    assert field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("value") == "maj"
    field.send_keys(Keys.ARROW_DOWN)
    assert field.get_attribute("aria-expanded") == "true"
    field.send_keys(Keys.ENTER)
    WebDriverWait(phone, WAIT).until(
        lambda browser: browser.current_url.endswith("/solglantan/maja-berg")
    )
    # One letter asks for nothing; without a choice Enter searches.
    open_page(phone, f"{site}/@@search", "solna-search-field")
    field = phone.find_element(By.ID, "solna-search-field")
    field.send_keys("m")
    assert field.get_attribute("aria-expanded") == "false"
    field.send_keys("aja", Keys.ENTER)
    shows(phone, "search-results", "Maja Berg", "tel:087461230")
    assert fits(phone)


def test_search_is_one_tap_away_on_a_phone(phone, organisation_site):
    """The search button beside ☰: 44 × 44 px, on screen at 390 px, one tap
    to the search page with the field focused for typing."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    site = organisation_site
    login(phone, site, "olle.medarbetare")
    open_page(phone, f"{site}/@@nyheter", "solna-header-search")
    button = phone.find_element(By.ID, "solna-header-search")
    assert button.is_displayed()
    assert button.size["width"] >= 44
    assert button.size["height"] >= 44
    box = button.rect
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    assert fits(phone)
    tap(button)
    WebDriverWait(phone, WAIT).until(
        lambda browser: (
            browser.execute_script(
                "return document.activeElement && document.activeElement.id"
            )
            == "solna-search-field"
        )
    )
    assert "@@search" in phone.current_url
