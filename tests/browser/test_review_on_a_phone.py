"""A manager reviews on their phone: sends an item back with a reason, and
opens the unit's Inaktuellt innehåll report, at 390 px in real Chromium."""

from plone import api
from tests.fixtures.mail import wait_for
from tests.fixtures.phone import fits
from tests.fixtures.phone import heading
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import create_as

import datetime
import pytest
import transaction


pytestmark = pytest.mark.browser


def test_manager_sends_back_from_a_phone(phone, screenshot, site, smtp):
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
    tap(phone.find_element(By.NAME, "form.buttons.reject"))
    message = WebDriverWait(phone, WAIT).until(
        lambda browser: browser.find_element(By.CSS_SELECTOR, ".portalMessage")
    )
    assert "skickats tillbaka till författaren" in message.text
    assert phone.current_url.rstrip("/") == url
    assert fits(phone)
    screenshot("sent-back")
    assert wait_for(lambda: smtp.to("red.a@solna.example"))

    open_page(phone, unit.absolute_url(), "Inaktuellt innehåll (1)")
    tap(phone.find_element(By.LINK_TEXT, "Inaktuellt innehåll (1)"))
    WebDriverWait(phone, WAIT).until(
        lambda browser: browser.current_url.endswith("/@@inaktuellt-innehall")
    )
    shows(phone, "3 dagar försenad")
    assert heading(phone).text == "Inaktuellt innehåll"
    assert fits(phone)
    screenshot("report")
