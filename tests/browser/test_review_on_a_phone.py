"""A manager reviews on their phone: sends an item back with a reason, and
opens the unit's Inaktuellt innehåll report, at 390 px in real Chromium."""

from plone import api
from tests.browser.conftest import fits
from tests.browser.conftest import heading
from tests.browser.conftest import login
from tests.browser.conftest import open_page
from tests.browser.conftest import shows
from tests.browser.conftest import WAIT
from tests.workflow.conftest import create_as
from tests.workflow.conftest import site  # noqa: F401 - fixture
from tests.workflow.conftest import smtp  # noqa: F401 - fixture
from tests.workflow.conftest import wait_for

import datetime
import pytest
import transaction


pytestmark = pytest.mark.browser


def test_manager_sends_back_from_a_phone(phone, screenshot, site, smtp):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    unit = site["a"]
    news = create_as("red.a", unit, "News Item", "Nya rutiner för lämning")
    with api.env.adopt_user(username="red.a"):
        api.content.transition(news, transition="submit")
    unit.responsible = "chef.a"
    unit.review_date = datetime.date.today() - datetime.timedelta(days=3)
    unit.reindexObject()
    transaction.commit()
    url = news.absolute_url()

    login(phone, api.portal.get().absolute_url(), "chef.a")

    open_page(phone, f"{url}/@@skicka-tillbaka", "Varför skickas det tillbaka?")
    assert fits(phone)
    screenshot("form")
    phone.find_element(By.ID, "solna-reject-comment").send_keys(
        "Skriv vilken tid lämningen börjar."
    )
    phone.find_element(By.NAME, "form.buttons.reject").click()
    message = WebDriverWait(phone, WAIT).until(
        lambda browser: browser.find_element(By.CSS_SELECTOR, ".portalMessage")
    )
    assert "skickats tillbaka till författaren" in message.text
    assert phone.current_url.rstrip("/") == url
    assert fits(phone)
    screenshot("sent-back")
    assert wait_for(lambda: smtp.to("red.a@solna.example"))

    open_page(phone, unit.absolute_url(), "Inaktuellt innehåll (1)")
    phone.find_element(By.LINK_TEXT, "Inaktuellt innehåll (1)").click()
    WebDriverWait(phone, WAIT).until(
        lambda browser: browser.current_url.endswith("/@@inaktuellt-innehall")
    )
    shows(phone, "3 dagar försenad")
    assert heading(phone).text == "Inaktuellt innehåll"
    assert fits(phone)
    screenshot("report")
