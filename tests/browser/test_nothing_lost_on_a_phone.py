"""When a database conflict outlasts Zope's retries, a phone shows the
site's own page, in Swedish, 390 px wide, with what was typed still in the
form, ready to send again."""

from tests.fixtures.conflicts import always_in_conflict
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import shows
from tests.fixtures.staff import create_staff

import pytest
import transaction


pytestmark = pytest.mark.browser

TEXT = "Vi behöver fler regnställ i storlek 110 till hösten."


@pytest.fixture
def conflicting_page(functional_portal):
    create_staff({"olle.medarbetare": ()})
    transaction.commit()
    with always_in_conflict():
        yield functional_portal.absolute_url().replace("127.0.0.1", "localhost")


def test_a_comment_is_kept_when_saving_fails(phone, screenshot, conflicting_page):
    from selenium.webdriver.common.by import By

    portal_url = conflicting_page
    login(phone, portal_url, "olle.medarbetare")
    # A comment form, sent to a page whose every save collides.
    phone.execute_script(
        """
        const form = document.createElement('form');
        form.method = 'post';
        form.action = arguments[0];
        const text = document.createElement('textarea');
        text.name = 'form.widgets.text';
        text.value = arguments[1];
        form.appendChild(text);
        document.body.appendChild(form);
        form.submit();
        """,
        f"{portal_url}/@@alltid-krock",
        TEXT,
    )
    shows(phone, "Inte sparat än", "skicka det igen")
    kept = phone.find_element(By.NAME, "form.widgets.text")
    assert kept.get_attribute("value") == TEXT
    assert phone.execute_script(
        "return [...document.styleSheets]"
        ".some(s => (s.href || '').includes('++theme++solna'))"
    )
    assert fits(phone)
    screenshot("kept")
