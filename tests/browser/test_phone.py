"""A staff member logs in on a 390 px phone screen and reads the intranet."""

from plone import api
from tests.fixtures.phone import fill_in_login
from tests.fixtures.phone import tap

import pytest
import transaction


pytestmark = pytest.mark.browser

USER, PASSWORD = "sara.ek", "Förskola-2026"


@pytest.fixture
def staff_member(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            username=USER,
            email="sara.ek@solna.example",
            password=PASSWORD,
            properties={"fullname": "Sara Ek"},
        )
        page = api.content.create(
            container=functional_portal,
            type="Document",
            id="semester",
            title="Semester och ledighet",
            description="Så ansöker du om semester och tjänstledighet.",
        )
        api.content.transition(page, to_state="published")
    transaction.commit()
    return functional_portal.absolute_url()


def fits_the_screen(driver):
    """No sideways scrolling: the page is no wider than the 390 px screen."""
    return driver.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]"
    )


def test_login_and_read_on_a_phone(phone, screenshot, staff_member):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = staff_member
    phone.get(f"{portal_url}/semester")
    WebDriverWait(phone, 30).until(
        ec.visibility_of_element_located((By.NAME, "__ac_name"))
    )
    screenshot("login")
    assert "/login" in phone.current_url
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    width, scroll_width = fits_the_screen(phone)
    assert width == 390
    assert scroll_width <= width
    # The theme is applied: the Solna theme's stylesheet, not a bare page.
    assert phone.execute_script(
        "return [...document.styleSheets]"
        ".some(s => (s.href || '').includes('++theme++solna'))"
    )
    assert "Semester och ledighet" not in phone.page_source

    fill_in_login(phone, USER, PASSWORD)
    WebDriverWait(phone, 30).until(ec.url_to_be(f"{portal_url}/semester"))
    heading = WebDriverWait(phone, 30).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#content h1"))
    )
    screenshot("page")
    assert heading.text == "Semester och ledighet"
    # Swedish, also in the messages Plone's Swedish lacked.
    assert "Välkommen! Du är nu inloggad." in phone.page_source
    assert "You are now logged in" not in phone.page_source
    width, scroll_width = fits_the_screen(phone)
    assert scroll_width <= width == 390
    # No toolbar for staff who only read (it took a column of the screen):
    # the text has the whole width, and the personal menu is in the header.
    assert not phone.find_elements(By.ID, "edit-zone")
    content = phone.find_element(By.CSS_SELECTOR, "#content").rect
    assert content["x"] < 30
    assert content["width"] > 340
    tap(phone.find_element(By.ID, "user-name"))
    WebDriverWait(phone, 10).until(
        ec.visibility_of_element_located(
            (By.CSS_SELECTOR, "#portal-membertools a.dropdown-item")
        )
    )
    screenshot("personal-menu")
    items = phone.find_elements(By.CSS_SELECTOR, "#portal-membertools a.dropdown-item")
    assert {"Mina ärenden", "Logga ut"} <= {item.text for item in items}
    # On a phone the menu folds behind a button, labelled in Swedish.
    toggle = phone.find_element(By.CSS_SELECTOR, "button.navbar-toggler")
    assert toggle.is_displayed()
    assert toggle.get_attribute("aria-label") == "Visa eller dölj menyn"


def test_the_toolbar_is_for_those_who_edit_there(staff_member):
    """Plone's toolbar only where someone may edit: a reader gets none, an
    editor gets it in the folder they edit and not elsewhere."""
    import requests

    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        for login in ("lasare", "redaktor"):
            api.user.create(
                username=login, email=f"{login}@solna.example", password="Sol-2026-na"
            )
        api.user.grant_roles(
            username="redaktor", roles=["Editor"], obj=portal["semester"]
        )
    transaction.commit()
    for login, url, toolbar in (
        ("lasare", f"{staff_member}/semester", False),
        ("redaktor", f"{staff_member}/semester", True),
        ("redaktor", staff_member, False),
    ):
        page = requests.get(url, auth=(login, "Sol-2026-na"), timeout=30).text
        assert ('id="edit-zone"' in page) is toolbar, (login, url)
        assert ('id="portal-membertools"' in page) is not toolbar, (login, url)
