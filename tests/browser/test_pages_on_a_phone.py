"""Every page of the organisation, rules and answers fits a 390 px phone."""

from tests.conftest import PASSWORD

import pytest


pytestmark = pytest.mark.browser

USER = "olle.medarbetare"


@pytest.fixture
def pages(organisation_site):
    """The organisation's pages, from the shared ``organisation_site``."""
    unit = f"{organisation_site}/forvaltning/solglantan"
    return organisation_site, [
        unit,
        f"{unit}/maja-berg",
        f"{organisation_site}/@@hitta-kontakt?q=maja",
        f"{organisation_site}/@@organisation",
        f"{organisation_site}/forvaltning/semester",
        f"{organisation_site}/forvaltning/hur-manga-semesterdagar-har-jag",
        f"{organisation_site}/@@fragor-och-svar",
    ]


def test_pages_fit_a_phone(phone, screenshot, pages):
    from selenium.webdriver.common.by import By

    portal_url, urls = pages
    phone.get(f"{portal_url}/login")
    phone.find_element(By.NAME, "__ac_name").send_keys(USER)
    phone.find_element(By.NAME, "__ac_password").send_keys(PASSWORD)
    phone.find_element(By.NAME, "buttons.login").click()
    for number, url in enumerate(urls):
        phone.get(url)
        heading = phone.find_element(By.CSS_SELECTOR, "#content h1")
        assert heading.is_displayed(), url
        screenshot(f"{number}")
        width, scroll = phone.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]"
        )
        assert scroll <= width == 390, url
    # Phone numbers are links to call.
    phone.get(urls[2])
    calls = phone.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")
    assert {a.get_attribute("href") for a in calls} >= {"tel:087461230"}
