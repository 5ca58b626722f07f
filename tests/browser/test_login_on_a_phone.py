"""Signing in on one's own phone (issue 16, login names): the keyboard
capitalises the first letter, the password is mistyped once; the name
stays, a Swedish message says what was wrong, and the capitalised name with
the right password signs in."""

from plone import api
from tests.fixtures.phone import fill_in_login
from tests.fixtures.phone import fits
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT

import pytest
import transaction


pytestmark = pytest.mark.browser

PASSWORD = "Förskola-2026"


@pytest.fixture
def preschool_teacher(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            username="lena.strand",
            email="lena.strand@solna.example",
            password=PASSWORD,
            properties={"fullname": "Lena Strand"},
        )
    transaction.commit()
    return functional_portal.absolute_url()


def test_a_capitalised_name_and_a_mistyped_password_on_a_phone(
    phone, screenshot, preschool_teacher
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = preschool_teacher
    open_page(phone, f"{portal_url}/login", "__ac_name")
    name = phone.find_element(By.NAME, "__ac_name")
    assert name.get_attribute("autocapitalize") == "none"
    assert name.get_attribute("autocomplete") == "username"
    fill_in_login(phone, "Lena.Strand", "förskola-2026")
    shows(phone, "Inloggningsnamnet eller lösenordet är fel")
    screenshot("failed")
    alert = phone.find_element(By.CSS_SELECTOR, ".solna-login-failed")
    assert alert.is_displayed()
    assert "Error" not in phone.find_element(By.TAG_NAME, "body").text
    assert phone.find_element(By.NAME, "__ac_name").get_attribute("value") == (
        "Lena.Strand"
    )
    assert fits(phone)
    # She corrects the password; the name is still there, capital and all.
    phone.find_element(By.NAME, "__ac_password").send_keys(PASSWORD)
    tap(phone.find_element(By.NAME, "buttons.login"))
    WebDriverWait(phone, WAIT).until(lambda browser: browser.get_cookie("__ac"))
    open_page(phone, f"{portal_url}/@@mitt-intranat", "Mitt intranät")
    screenshot("signed-in")
    assert fits(phone)
