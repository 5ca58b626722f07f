"""English that editors met in issue 18's third trial: TinyMCE's Format
menu ("Headers", "Header 1", "Tables", "highlight-inline"), the form
editor's "Please select a field name that is not already used." and
"unit_view" in the toolbar's "Välj vy" menu."""

from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import text
from tests.i18n.test_tinymce_dialogs import rich_text_options

import pytest


def test_the_format_menus_titles_come_in_swedish(site):
    """The editor's settings name the Format menu's groups and styles in
    Swedish, and hand our plugin the titles of the CSS classes."""
    for options in rich_text_options(
        "red.a", f"{site['a'].absolute_url()}/++add++News Item"
    ):
        formats = options["tiny"]["style_formats"]
        groups = {group["title"]: group["items"] for group in formats}
        assert list(groups) == [
            "Rubriker",
            "Stycken",
            "Textformat",
            "Justering",
            "Tabeller",
        ]
        assert [item["title"] for item in groups["Rubriker"]] == [
            f"Rubrik {level}" for level in range(1, 7)
        ]
        assert groups["Stycken"][0]["title"] == "Stycke"
        assert groups["Tabeller"][0]["title"] == ("Tabell med linjer")
        assert options["tiny"]["solna_format_titles"] == {
            "highlight-inline": "Markerad text",
            "p.highlight-paragraph": "Markerat stycke",
        }


@pytest.mark.browser
def test_the_format_menu_is_swedish(site, phone):
    """In the editor: the toolbar's Format button opens Rubriker, Stycken,
    Textformat, Justering, Tabeller, Markerad text, Markerat stycke, and
    Rubriker opens Rubrik 1 … Rubrik 6."""
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.phone import login
    from tests.fixtures.phone import WAIT

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    unit = site["a"].absolute_url().replace("127.0.0.1", "localhost")

    def wait(script):
        return WebDriverWait(phone, WAIT).until(lambda b: b.execute_script(script))

    menu_texts = (
        "const menus = document.querySelectorAll('.tox-menu');"
        "if (menus.length < {n}) return null;"
        "const texts = [...menus[{n} - 1].querySelectorAll("
        "'.tox-collection__item-label')].map(e => e.textContent.trim());"
        "return texts.length ? texts : null;"
    )
    login(phone, portal_url, "red.a")
    phone.get(f"{unit}/++add++Document")
    wait("return !!document.querySelector('.tox-tinymce [data-mce-name=\"styles\"]')")
    phone.execute_script(
        "document.querySelector('.tox-tinymce [data-mce-name=\"styles\"]').click();"
    )
    items = wait(menu_texts.replace("{n}", "1"))
    assert items == [
        "Rubriker",
        "Stycken",
        "Textformat",
        "Justering",
        "Tabeller",
        "Markerad text",
        "Markerat stycke",
    ], items
    phone.execute_script(
        "[...document.querySelectorAll('.tox-menu .tox-collection__item')]"
        ".find(e => e.textContent.trim() === 'Rubriker').click();"
    )
    headings = wait(menu_texts.replace("{n}", "2"))
    assert headings == [f"Rubrik {level}" for level in range(1, 7)], headings


def test_a_short_name_already_used_is_refused_in_swedish(site):
    """The form editor's "Lägg till fält" with the short name of a question
    the form already has: plone.schemaeditor's English plain-text message
    was shown as it was."""
    webbred = browser("webbred")
    fields = f"{api.portal.get().absolute_url()}/blanketter/fraga-hr/fields"
    page = html.fromstring(webbred.get(f"{fields}/@@add-field").text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.add"]]')
    data = dict(form.form_values())
    (factory,) = form.xpath('.//select[@name="form.widgets.factory:list"]')
    data["form.widgets.factory:list"] = factory.xpath(".//option/@value")[-1]
    data.update(
        {
            "form.widgets.title": "Ämne igen",
            "form.widgets.__name__": "amne",
            "form.buttons.add": "Lägg till",
        }
    )
    answer = webbred.post(f"{fields}/@@add-field", data=data)
    shown = text(html.fromstring(answer.text))
    assert "Välj ett kortnamn som inte redan används." in shown
    assert "not already used" not in shown


def test_a_units_view_has_a_swedish_name_in_the_view_menu(site):
    """The toolbar's "Välj vy" on a unit names its view "Enhetssida", not
    by its id."""
    page = html.fromstring(browser("webbred").get(site["a"].absolute_url()).text)
    (menu,) = page.cssselect("#plone-contentmenu-display")
    shown = text(menu)
    assert "Enhetssida" in shown
    assert "unit_view" not in shown
