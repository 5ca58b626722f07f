"""The dialogue pages at 390 px in real Chromium: a member joins an open
community from the phone, reads a discussion and comments; the notices,
Omvärldsbevakning and the moderators' queue fit the screen."""

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
