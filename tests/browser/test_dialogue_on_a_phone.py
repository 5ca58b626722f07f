"""The dialogue pages at 390 px in real Chromium: a member joins an open
community from the phone, reads a discussion and comments; a refused
comment opens at its error; the notices, Omvärldsbevakning and the
moderators' queue fit the screen."""

from plone import api
from tests.fixtures.phone import fits
from tests.fixtures.phone import heading
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.staff import create_staff

import pytest
import transaction


pytestmark = pytest.mark.browser


@pytest.fixture
def community(functional_portal):
    create_staff({"olle.medarbetare": (), "mod": ()})
    with api.env.adopt_roles(["Manager"]):
        community = api.content.create(
            container=functional_portal["natverk"],
            type="solna.Community",
            id="forskollarare",
            title="Förskollärare i Solna",
            moderators=["mod"],
        )
    with api.env.adopt_user(username="mod"):
        api.content.create(
            container=community,
            type="solna.Topic",
            id="regn",
            title="Utomhuspedagogik när det regnar",
            text="Hur gör ni med utevistelsen när det regnar hela veckan?",
        )
    transaction.commit()
    return functional_portal.absolute_url(), community.absolute_url()


def test_join_read_and_comment_on_a_phone(phone, screenshot, community):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url, community_url = community
    login(phone, portal_url, "olle.medarbetare")
    open_page(phone, community_url, "Utomhuspedagogik när det regnar")
    assert fits(phone)
    screenshot("community")
    tap(phone.find_element(By.CSS_SELECTOR, "button[value='join']"))
    shows(phone, "Välkommen! Nu är du medlem.")
    tap(phone.find_element(By.LINK_TEXT, "Utomhuspedagogik när det regnar"))
    WebDriverWait(phone, 60).until(
        lambda browser: browser.find_elements(By.NAME, "form.widgets.text")
    )
    assert fits(phone)
    # An open community: no promise of a moderator's approval.
    assert "godkänts av moderatorn" not in phone.page_source
    text = phone.find_element(By.NAME, "form.widgets.text")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", text)
    text.send_keys("Vi har regnkläder vid entrén, det funkar!")
    button = phone.find_element(By.NAME, "form.buttons.comment")
    phone.execute_script("arguments[0].click()", button)
    shows(phone, "Vi har regnkläder vid entrén")
    assert fits(phone)
    screenshot("commented")
    for page in ("@@notiser", "@@omvarldsbevakning", "@@moderering"):
        phone.get(f"{portal_url}/{page}")
        assert heading(phone).is_displayed()
        assert fits(phone), page
    # Olle edits his comment: the form is Swedish and fits.
    open_page(phone, f"{community_url}/regn", "action-edit")
    edit = phone.find_element(By.CSS_SELECTOR, "a.action-edit")
    open_page(phone, edit.get_attribute("href").split("?")[0], "Avbryt")
    assert fits(phone)
    assert 'value="Cancel"' not in phone.page_source
    # The moderator removes a comment, saying why, on the phone.
    phone.delete_all_cookies()
    login(phone, portal_url, "mod")
    open_page(phone, f"{community_url}/regn", "action-delete")
    remove = phone.find_element(By.CSS_SELECTOR, "a.action-delete")
    open_page(phone, remove.get_attribute("href"), "Ta bort en kommentar")
    assert heading(phone).text == "Ta bort en kommentar"
    assert fits(phone)
    screenshot("remove")
    phone.find_element(By.NAME, "reason").send_keys("Fel nätverk.")
    send = phone.find_element(By.NAME, "form.buttons.delete")
    phone.execute_script("arguments[0].click()", send)
    shows(phone, "Kommentaren är borttagen")


def test_a_refused_comment_opens_at_its_error_on_a_phone(phone, community):
    """A comment of only spaces passes the phone's own check and is refused
    by the server, which draws the page again with its error under the
    field. Below a thread that error lay screens down, under a page that
    opened at the top and said nothing there: the page now opens at it,
    the field focused, the spaces still in it (forms_sv.js)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.comments import comment
    from tests.fixtures.phone import mark_page
    from tests.fixtures.phone import next_page
    from tests.fixtures.phone import WAIT

    portal_url, _community_url = community
    topic = api.content.get(path="/natverk/forskollarare/regn")
    for number in range(1, 7):
        comment("mod", topic, f"Erfarenhet {number}: " + "Vi går ut ändå. " * 20)
    login(phone, portal_url, "mod")
    open_page(phone, topic.absolute_url(), "Erfarenhet 6")
    text = phone.find_element(By.NAME, "form.widgets.text")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", text)
    text.send_keys("   ")
    mark_page(phone)
    button = phone.find_element(By.NAME, "form.buttons.comment")
    phone.execute_script("arguments[0].click()", button)
    next_page(phone)
    on_screen = """
        const box = arguments[0].getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    """
    error = phone.find_element(By.CSS_SELECTOR, "#commenting .invalid-feedback")
    WebDriverWait(phone, WAIT).until(
        lambda browser: (
            browser.execute_script(
                "return document.activeElement.name === 'form.widgets.text'"
            )
            and browser.execute_script(on_screen, error)
        )
    )
    assert error.text.strip()
    field = phone.find_element(By.NAME, "form.widgets.text")
    assert field.get_attribute("value") == "   "
    assert phone.execute_script("return window.scrollY") > 0  # below the thread
