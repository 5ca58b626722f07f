"""Mina ärenden and a form's handler list at 390 px in real Chromium: a
staff member finds their case from the personal menu, a handler updates it."""

from solna.intranet.forms.cases import CaseStore
from tests.fixtures.forms import published_form
from tests.fixtures.phone import fits
from tests.fixtures.phone import heading
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import create_staff

import pytest
import transaction


pytestmark = pytest.mark.browser


@pytest.fixture
def case_site(functional_portal):
    create_staff({"olle.medarbetare": (), "handlaggare": ("formularhandlaggare",)})
    form = published_form(functional_portal, "fraga-hr", "Fråga HR")
    # The default form's field "comments", answered.
    CaseStore(form).add("olle.medarbetare", {"comments": "Hur många semesterdagar?"})
    transaction.commit()
    return functional_portal.absolute_url(), form.absolute_url()


def test_cases_on_a_phone(phone, screenshot, case_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url, form_url = case_site
    login(phone, portal_url, "handlaggare")
    open_page(phone, f"{form_url}/@@arenden", "Hur många semesterdagar?")
    # The answer under the form's question, not under the field's id.
    assert "<dt>comments</dt>" not in phone.page_source
    assert "Comments" in phone.page_source or "Kommentarer" in phone.page_source
    assert fits(phone)
    screenshot("handler")
    Select(phone.find_element(By.NAME, "status")).select_by_value("klar")
    phone.find_element(By.NAME, "note").send_keys("25 dagar, se Semester.")
    tap(phone.find_element(By.NAME, "form.buttons.save"))
    WebDriverWait(phone, WAIT).until(
        lambda browser: browser.find_element(By.CSS_SELECTOR, ".portalMessage")
    )
    phone.delete_all_cookies()

    login(phone, portal_url, "olle.medarbetare")
    open_page(phone, portal_url, "/@@mina-arenden")
    menu = phone.find_element(By.CSS_SELECTOR, "a[href$='/@@mina-arenden']")
    open_page(phone, menu.get_attribute("href"), "Klar", "25 dagar, se Semester.")
    assert heading(phone).text == "Mina ärenden"
    assert fits(phone)
    screenshot("mine")


@pytest.fixture
def forms_url(functional_portal):
    create_staff({"olle.medarbetare": (), "hr.handlaggare": ("hr-handlaggare",)})
    transaction.commit()
    return functional_portal.absolute_url(), functional_portal["blanketter"]


def test_a_leave_request_from_a_phone(phone, screenshot, forms_url):
    """Every shipped form fits the screen; Olle applies for leave with the
    phone's own inputs and is thanked."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    portal_url, folder = forms_url
    login(phone, portal_url, "olle.medarbetare")
    # Every form is listed in Blanketter och e-tjänster.
    open_page(phone, folder.absolute_url(), *folder.objectIds())
    for form in folder.objectValues():
        open_page(phone, form.absolute_url(), "form.buttons.submit")
        assert phone.find_element(By.CSS_SELECTOR, "h1").text == form.Title()
        assert fits(phone), form.getId()

    open_page(phone, folder["ledighetsansokan"].absolute_url(), "form.widgets.namn")
    name = phone.find_element(By.NAME, "form.widgets.namn")
    assert name.get_attribute("value") == "Olle Medarbetare"
    phone.find_element(By.NAME, "form.widgets.enhet").send_keys("Solgläntan")
    Select(phone.find_element(By.NAME, "form.widgets.typ:list")).select_by_visible_text(
        "Semester"
    )
    for field, day in (("start_date", "2027-07-05"), ("end_date", "2027-07-30")):
        date = phone.find_element(By.NAME, f"form.widgets.{field}")
        assert date.get_attribute("type") == "date"
        phone.execute_script("arguments[0].value = arguments[1]", date, day)
    send = phone.find_element(By.NAME, "form.buttons.submit")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", send)
    screenshot("leave-request")
    tap(send)
    shows(phone, "Tack, vi har tagit emot")
    assert fits(phone)
    screenshot("leave-request-sent")
