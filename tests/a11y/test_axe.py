"""WCAG 2.1 AA on every page type, as the role that uses it: axe-core (from
npm, injected into the page) finds no violation at 390 and 1280 px, and no
page shows English (tests/fixtures/english.py). Then what axe cannot see:
the skip link, the focus, status messages, form errors linked to their
fields. The axe results are written to tests/artifacts/a11y/<role>.json.

DOS-lagen (2018:1937) requires WCAG 2.1 AA of the municipality's intranet;
axe-core's rules for the tags wcag2a, wcag2aa, wcag21a and wcag21aa.
"""

from plone import api
from tests.a11y.pages import build_world
from tests.a11y.pages import PAGES
from tests.a11y.walk import axe
from tests.a11y.walk import Page
from tests.a11y.walk import set_width
from tests.a11y.walk import wait_complete
from tests.a11y.walk import walk
from tests.fixtures.english import english_in
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows

import pytest


pytestmark = pytest.mark.browser


@pytest.fixture
def world(workplace_news):
    """The workplace with its news, comments, rule, answer, community and
    star (pages.py); returns the site's URL as a browser reaches it."""
    build_world(workplace_news["places"])
    return api.portal.get().absolute_url().replace("127.0.0.1", "localhost")


@pytest.fixture
def workplace_url(site):
    """Only the workplace (accounts, units): for the checks of one page."""
    return api.portal.get().absolute_url().replace("127.0.0.1", "localhost")


def report(violations, english):
    lines = [str(v) for v in violations]
    lines += [f"{page}: English {words}" for page, words in english.items()]
    return "\n".join(lines)


@pytest.mark.parametrize("role", list(PAGES))
def test_every_page_of_the_role_passes_axe_and_is_swedish(role, phone, world):
    user, pages = PAGES[role]
    if user:
        login(phone, world, user)
    violations, shown = walk(phone, world, pages, role)
    english = {
        name: found for name, texts in shown.items() if (found := english_in(texts))
    }
    problems = report(violations, english)
    assert not problems, (
        f"{len(violations)} axe violations, {len(english)} pages with English "
        f"(tests/artifacts/a11y/{role}.json):\n{problems}"
    )


def test_axe_finds_a_violation(phone, workplace_url):
    """The walk can fail: an image without alt text and an unlabelled
    field added to a page are reported (image-alt, label)."""
    login(phone, workplace_url, "olle.medarbetare")
    open_page(phone, f"{workplace_url}/@@nyheter", "<h1")
    phone.execute_script(
        "const main = document.querySelector('main');"
        "main.insertAdjacentHTML('beforeend',"
        ' \'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text" name="x">\');'
    )
    page = Page("Nyheter med fel", "@@nyheter")
    found = {(v.rule, v.width) for v in axe(phone, page, 390)[0]}
    assert {("image-alt", 390), ("label", 390)} <= found


def test_skip_link_focus_and_titles(phone, workplace_url):
    """WCAG 2.4.1: the first Tab reaches "Till huvudinnehållet", shown
    while it has the focus, and Enter moves the focus to the main content.
    WCAG 2.4.7: the focused link has a visible outline. WCAG 2.4.2: the
    page's title names it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    login(phone, workplace_url, "olle.medarbetare")
    open_page(phone, f"{workplace_url}/@@nyheter", "<h1")
    assert phone.title == "Nyheter för dig — Solna intranät"
    set_width(phone, 1280)
    ActionChains(phone).send_keys(Keys.TAB).perform()
    focused = phone.switch_to.active_element
    assert focused.text == "Till huvudinnehållet"
    assert focused.is_displayed()
    top = phone.execute_script(
        "return arguments[0].getBoundingClientRect().top", focused
    )
    assert top >= 0  # on the screen, not moved out of it
    outline = phone.execute_script(
        "const s = getComputedStyle(arguments[0]);"
        "return [s.outlineStyle, parseFloat(s.outlineWidth)]",
        focused,
    )
    assert outline[0] != "none"
    assert outline[1] >= 2
    focused.send_keys(Keys.ENTER)
    assert phone.switch_to.active_element.get_attribute("id") == "main-container"
    # The next Tab goes on inside the main content, not back to the header.
    ActionChains(phone).send_keys(Keys.TAB).perform()
    inside = phone.execute_script("return !!document.activeElement.closest('main')")
    assert inside
    set_width(phone, 390)


def test_form_errors_are_linked_and_announced(phone, workplace_url):
    """WCAG 3.3.1 and 4.1.3: a form sent with a required answer missing
    says so in an alert (announced by screen readers) that lists the
    fields, linked; each field with an error is aria-invalid and described
    by its message."""
    from selenium.webdriver.common.by import By
    from tests.a11y.pages import form_with_errors

    login(phone, workplace_url, "olle.medarbetare")
    form_with_errors(phone, workplace_url)
    wait_complete(phone, "#content")
    shows(phone, "invalid-feedback")
    field = phone.find_element(By.ID, "form-widgets-rubrik")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    message = phone.find_element(By.ID, described[-1])
    assert message.is_displayed()
    assert message.text
    summary = phone.find_element(
        By.CSS_SELECTOR,
        "[role=alert] .solna-error-summary",
    )
    link = summary.find_element(By.CSS_SELECTOR, "a[href='#form-widgets-rubrik']")
    assert message.text in link.text


def test_status_message_is_announced(phone, workplace_url):
    """WCAG 4.1.3 Status Messages: the message after an action (personal
    information saved) is in a live region (role status or alert)."""
    from selenium.webdriver.common.by import By

    login(phone, workplace_url, "olle.medarbetare")
    open_page(phone, f"{workplace_url}/@@personal-information", "form.buttons.save")
    button = phone.find_element(By.NAME, "form.buttons.save")
    phone.execute_script("arguments[0].click()", button)
    shows(phone, "portalMessage")
    message = phone.find_element(By.CSS_SELECTOR, ".portalMessage")
    live = phone.execute_script(
        "return !!arguments[0].closest("
        "'[role=status], [role=alert], [aria-live=polite], [aria-live=assertive]')",
        message,
    )
    assert live
    assert message.text.strip()
