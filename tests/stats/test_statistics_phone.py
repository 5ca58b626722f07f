"""Statistik on a phone (390 px): the page fits the screen (wide tables
scroll in their own box), its links are big enough to tap, and "Skriv
svaret" opens the answer's add form with the title filled in."""

from plone import api
from solna.intranet.stats import store
from tests.fixtures.http import browser
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.stats.test_statistics import BOU
from tests.stats.test_statistics import OMSORG
from tests.stats.test_statistics import stats  # noqa: F401 - the fixture

import pytest


pytestmark = pytest.mark.browser


def test_statistics_fit_a_phone_and_lead_to_writing_the_answer(
    stats,  # noqa: F811
    phone,
    screenshot,
):
    from selenium.webdriver.common.by import By

    store.record_search("Parkeringstillstånd för hemtjänsten", 0)
    for login_ in BOU + OMSORG:
        assert browser(login_).get(stats["item"].absolute_url()).ok
    site_url = api.portal.get().absolute_url()
    login(phone, site_url, "webbred")
    open_page(phone, f"{site_url}/@@statistik", "Sökningar utan träff")
    screenshot("statistik")
    assert fits(phone)
    for selector in (".solna-stats-tap", ".solna-stats-item h3 a"):
        for element in phone.find_elements(By.CSS_SELECTOR, selector):
            assert element.size["height"] >= 44, element.text
    phone.execute_script(
        "document.getElementById('rackvidd').scrollIntoView({behavior: 'instant'})"
    )
    screenshot("rackvidd")
    assert fits(phone)
    (write,) = phone.find_elements(By.LINK_TEXT, "Skriv svaret")
    tap(write)
    shows(phone, "form-widgets-IBasic-title")
    title = phone.find_element(By.ID, "form-widgets-IBasic-title")
    assert title.get_attribute("value") == "Parkeringstillstånd för hemtjänsten"
