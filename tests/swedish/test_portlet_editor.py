"""The Statisk text portlet's editor in Swedish (issue 18's second trial).

@@manage-portlets opens a portlet's add and edit forms in a dialog; the
Statisk text portlet's text is a rich text field, whose TinyMCE took its
language from the page that manages the portlets (``<html lang="sv">``)
and fell back to English: "Insert/edit link", "Bold", "Bullet list"
(swedish/transform.py, EDITOR, says why)."""

from plone import api
from tests.fixtures.english import english_in
from tests.fixtures.http import browser
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import WAIT
from tests.i18n.test_every_page_swedish import english

import pytest


#: What the dialog's TinyMCE shows: the names of its toolbar's buttons and
#: menus (aria-label), its menu bar's words and the editor's language;
#: ``null`` until the toolbar is drawn in a dialog.
EDITOR = """
const box = [...document.querySelectorAll('.modal .tox-tinymce')]
  .find((el) => el.getClientRects().length);
if (!box || !box.querySelector('.tox-toolbar [aria-label]')) return null;
const editor = tinymce.get().find((ed) => box.contains(ed.getContainer()));
return {
  language: editor ? editor.options.get('language') : null,
  labels: [...box.querySelectorAll(
      '.tox-toolbar [aria-label], .tox-menubar [aria-label]')]
    .map((el) => el.getAttribute('aria-label')).filter((t) => t),
  menus: [...box.querySelectorAll('.tox-menubar button')]
    .map((el) => el.innerText.trim()),
};
"""


def test_pages_managing_portlets_say_swedish_as_written_in_sweden(site):
    """The page that opens the portlet forms names the language TinyMCE has
    a pack for; a page without portlets to manage keeps ``sv``."""
    from lxml import html

    unit = site["a"].absolute_url()
    page = html.fromstring(browser("webbred").get(f"{unit}/@@manage-portlets").text)
    assert page.get("lang") == "sv-SE"
    page = html.fromstring(browser("webbred").get(unit).text)
    assert page.get("lang") == "sv"


@pytest.mark.browser
def test_the_static_text_portlets_editor_is_swedish(site, phone, screenshot):
    """A Webbredaktör adds a Statisk text portlet on a 390 px phone: the
    dialog's TinyMCE speaks Swedish, toolbar and menus."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    unit = site["a"].absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "webbred")
    open_page(phone, f"{unit}/@@manage-portlets", "add-portlet")
    add = next(
        select
        for select in phone.find_elements(By.CSS_SELECTOR, "select.add-portlet")
        if select.is_displayed()
    )
    static = next(
        option
        for option in add.find_elements(By.TAG_NAME, "option")
        if option.get_attribute("value").endswith("/plone.portlet.static.Static")
    )
    assert static.text == "Statisk text"
    Select(add).select_by_value(static.get_attribute("value"))

    seen = WebDriverWait(phone, WAIT).until(lambda b: b.execute_script(EDITOR))
    screenshot("static-text")
    assert seen["language"] == "sv_SE", seen
    for swedish in ("Infoga/redigera länk", "Infoga bild", "Fet", "Kursiv"):
        assert swedish in seen["labels"], (swedish, seen)
    assert english(seen["labels"] + seen["menus"]) == [], seen
    assert english_in(seen["labels"] + seen["menus"]) == []
