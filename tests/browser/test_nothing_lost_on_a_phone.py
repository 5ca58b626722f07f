"""When a database conflict outlasts Zope's retries, a phone shows the
site's own page, in Swedish, 390 px wide, with what was typed still in the
form, ready to send again."""

from tests.browser.conftest import fits
from tests.browser.conftest import login
from tests.browser.conftest import shows
from tests.conftest import create_staff
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserRequest

import pytest
import transaction


pytestmark = pytest.mark.browser

TEXT = "Vi behöver fler regnställ i storlek 110 till hösten."


class AlwaysInConflict:
    __roles__ = None  # public, as a page registered in ZCML would be

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self):
        raise ConflictError("test")


@pytest.fixture
def conflicting_page(functional_portal):
    create_staff({"olle.medarbetare": ()})
    transaction.commit()
    registry = getGlobalSiteManager()
    required = (Interface, IBrowserRequest)
    registry.registerAdapter(AlwaysInConflict, required, Interface, "alltid-krock")
    portal_url = functional_portal.absolute_url().replace("127.0.0.1", "localhost")
    yield portal_url
    registry.unregisterAdapter(AlwaysInConflict, required, Interface, "alltid-krock")


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
        ".some(s => (s.href || '').includes('barceloneta'))"
    )
    assert fits(phone)
    screenshot("kept")
