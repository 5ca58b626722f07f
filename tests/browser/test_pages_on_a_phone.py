"""Every page of the organisation, rules and answers fits a 390 px phone."""

from tests.fixtures.phone import fits
from tests.fixtures.phone import heading
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page

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
    login(phone, portal_url, USER)
    for number, url in enumerate(urls):
        phone.get(url)
        assert heading(phone).is_displayed(), url
        screenshot(f"{number}")
        assert fits(phone), url
    # Phone numbers are links to call.
    open_page(phone, urls[2], "tel:087461230")
    calls = phone.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")
    assert {a.get_attribute("href") for a in calls} >= {"tel:087461230"}
