"""The issue's "done when": Anna Lindqvist (förskollärare at Solgläntan)
searches the demo content from Sök on her phone (390 px) for "förskola",
"ledighet", "semester", "sjuk" and "vab", and what a preschool teacher
expects (collection.FIRST_SCREEN) is among the results on the first screen,
without scrolling."""

from solna.intranet.demo.accounts import DEMO_PASSWORD
from tests.fixtures.phone import login
from tests.fixtures.phone import mark_page
from tests.fixtures.phone import next_page
from tests.fixtures.phone import open_page
from tests.fixtures.phone import WAIT
from tests.search.collection import FIRST_SCREEN
from tests.search.demo_site import load_demo

import pytest
import transaction


pytestmark = pytest.mark.browser

USER = "anna.lindqvist"
#: The bottom bar (navigation/) covers the screen's last 65 px.
BOTTOM_BAR = 65

#: The titles of the results whose link lies wholly on the screen as it is
#: (above the bottom bar), in page order.
ON_SCREEN = """
const bottom = window.innerHeight - arguments[0];
return [...document.querySelectorAll('#search-results .solna-search-title')]
  .filter(link => {
    const box = link.getBoundingClientRect();
    return box.width > 0 && box.top >= 0 && box.bottom <= bottom;
  })
  .map(link => link.textContent.trim());
"""


@pytest.fixture
def demo_site(functional_portal):
    load_demo(functional_portal)
    transaction.commit()
    return functional_portal.absolute_url()


def search_from_the_page(phone, text):
    """Type ``text`` into Sök's field and send it with the keyboard's Sök
    key; wait for the results page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    field = WebDriverWait(phone, WAIT).until(
        ec.element_to_be_clickable((By.ID, "solna-search-field"))
    )
    field.clear()
    field.send_keys(text)
    mark_page(phone)
    field.send_keys(Keys.ENTER)
    next_page(phone)
    WebDriverWait(phone, WAIT).until(
        lambda browser: browser.find_elements(By.ID, "search-count")
    )


def test_a_preschool_teacher_finds_what_she_expects_on_the_first_screen(
    phone, screenshot, demo_site
):
    from selenium.webdriver.common.by import By

    login(phone, demo_site, USER, DEMO_PASSWORD)
    open_page(phone, f"{demo_site}/@@search", "solna-search-field")
    missing = {}
    for text, expected in FIRST_SCREEN.items():
        search_from_the_page(phone, text)
        screenshot(text)
        field = phone.find_element(By.ID, "solna-search-field")
        assert field.get_attribute("value") == text
        assert phone.execute_script("return window.scrollY") == 0
        shown = phone.execute_script(ON_SCREEN, BOTTOM_BAR)
        if not set(expected) & set(shown):
            missing[text] = shown
    # What is shown instead, for each search that fails.
    assert not missing, f"Not on the first screen: {missing}"
