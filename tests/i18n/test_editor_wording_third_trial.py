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
import requests
import transaction


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


#: What an add form of each type the site has is headed, and its ``<title>``
#: begins with: a Swede's "Ny nyhet", not Plone's "Skapa ny Nyhet".
ADD_HEADINGS = {
    "Collection": "Ny samling",
    "Document": "Ny sida",
    "EasyForm": "Nytt formulär",
    "Event": "Nytt evenemang",
    "File": "Ny fil",
    "Folder": "Ny mapp",
    "Image": "Ny bild",
    "Link": "Ny länk",
    "News Item": "Ny nyhet",
    "solna.Answer": "Ny fråga och svar",
    "solna.Community": "Nytt nätverk",
    "solna.Person": "Ny medarbetare",
    "solna.Rule": "Ny regel",
    "solna.Topic": "Ny diskussion",
    "solna.Unit": "Ny enhet",
}


def test_every_types_add_and_edit_forms_read_naturally(integration, monkeypatch):
    """Every type staff and editors can add has an add form headed in
    natural Swedish, with the type lower-case mid-sentence, and an edit
    form "Redigera <type>" lower-case. A type added to the site later
    fails here until it has its heading."""
    from plone.dexterity.browser.add import DefaultAddForm
    from plone.dexterity.browser.edit import DefaultEditForm
    from zope.i18n import translate

    portal = api.portal.get()
    request = portal.REQUEST
    request["LANGUAGE"] = "sv"
    types = api.portal.get_tool("portal_types")
    addable = {
        fti.getId()
        for fti in types.listTypeInfo()
        if getattr(fti, "add_view_expr", "").endswith(f"++add++{fti.getId()}")
    }
    assert addable == set(ADD_HEADINGS)
    for portal_type, heading in ADD_HEADINGS.items():
        form = DefaultAddForm(portal, request)
        form.portal_type = portal_type
        assert translate(form.label, context=request) == heading, portal_type
        title = translate(types[portal_type].Title(), context=request)
        edit = DefaultEditForm(portal, request)
        edit.portal_type = portal_type
        edit_heading = translate(edit.label, context=request)
        assert edit_heading == f"Redigera {title[0].lower()}{title[1:]}"
    # A type added later, without a heading of its own: Plone's message,
    # the type lower-case.
    from solna.intranet.swedish import headings

    monkeypatch.delitem(headings.ADD_LABELS, "Event")
    form = DefaultAddForm(portal, request)
    form.portal_type = "Event"
    assert translate(form.label, context=request) == "Lägg till evenemang"


def headline(url, login="webbred"):
    """The page's ``<title>`` and its ``<h1>``s, as that member sees them."""
    page = html.fromstring(browser(login).get(url).text)
    return page.findtext(".//title"), [text(h) for h in page.xpath("//h1")]


def test_add_edit_author_and_password_pages_are_titled_naturally(site):
    """Issue 18's third trial read "Skapa ny Nyhet", "Skapa ny Evenemang",
    "Redigera Enhet", "Visa: Anna Lindqvist" and "Lösenordet förlorat"
    in the pages' headings and titles."""
    news = site["news"].absolute_url()
    for portal_type in ("News Item", "Event", "Document"):
        title, headings = headline(f"{news}/++add++{portal_type}")
        heading = ADD_HEADINGS[portal_type]
        assert headings == [heading]
        assert title == f"{heading} — Nyheter — Solna intranät"
    title, headings = headline(f"{site['a'].absolute_url()}/edit")
    assert headings == ["Redigera enhet"]
    assert title == "Redigera enhet — Solgläntan — Solna intranät"
    portal_url = api.portal.get().absolute_url()
    assert headline(f"{portal_url}/author/red.a", "red.a") == (
        "Red A — Solna intranät",
        ["Red A"],
    )
    page = html.fromstring(
        requests.get(f"{portal_url}/mail_password_form", timeout=30).text
    )
    assert page.findtext(".//title") == "Glömt lösenord — Solna intranät"
    assert [text(h) for h in page.xpath("//h1")] == ["Glömt lösenord"]


def test_a_comments_edit_form_names_the_item_once(site):
    """The edit form of a comment was titled "Redigera kommentar — <item> —
    Anna Lindqvist om <item> — Solna intranät"."""
    from tests.fixtures.comments import comment

    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=site["news"], type="News Item", title="Sommarfesten"
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    assert comment("olle.medarbetare", item, "Jag kommer!").status_code == 200
    page = html.fromstring(browser("olle.medarbetare").get(item.absolute_url()).text)
    (edit,) = page.xpath("//a[contains(@class, 'action-edit')]/@href")
    title, headings = headline(edit, "olle.medarbetare")
    assert headings == ["Redigera kommentar"]
    assert title == (
        "Redigera kommentar — Olle Medarbetare om Sommarfesten — Solna intranät"
    )
