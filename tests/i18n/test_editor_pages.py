"""The last English (and wrong Swedish) on editors' pages, found by a trial
as a Webbredaktör: each test reads what the browser gets, the page or the
script and settings it runs."""

from lxml import html
from plone import api
from tests.fixtures.contentrules import add_content_rule
from tests.fixtures.http import browser

import json
import pytest
import re


def tinymce_additions(login, url):
    """What the rich text fields of the page at ``url`` add to TinyMCE's
    Swedish language pack: {English: Swedish}, from the scripts their
    settings load as plugins."""
    member = browser(login)
    page = html.fromstring(member.get(url).text)
    # TinyMCE's settings: its pattern's, or those the text format selector
    # starts it with (a field of several formats).
    settings = [
        json.loads(options) for options in page.xpath("//@data-pat-tinymce")
    ] + [
        json.loads(options)["widgets"]["text/html"]["patternOptions"]
        for options in page.xpath("//@data-pat-textareamimetypeselector")
    ]
    assert settings, "no rich text field"
    added = {}
    for options in settings:
        for script_url in options["tiny"].get("external_plugins", {}).values():
            script = member.get(script_url)
            assert script.status_code == 200, script_url
            for call in re.finditer(
                r'tinymce\.addI18n\("sv_SE",\s*(\{.*?\})\);', script.text, re.S
            ):
                added.update(json.loads(call.group(1)))
    return added


def test_tinymce_says_in_swedish_what_its_language_pack_lacks(site):
    """TinyMCE's Swedish language pack lacks the table picker's "Use arrow
    keys to navigate." and calls "Justify" "Verifiera" (to verify)."""
    added = tinymce_additions("red.a", f"{site['a'].absolute_url()}/++add++News Item")
    assert added["Use arrow keys to navigate."] == (
        "Använd piltangenterna för att navigera."
    )
    assert added["Justify"] == "Marginaljustera"


@pytest.mark.browser
def test_tinymces_table_picker_and_justify_are_swedish(site, phone):
    """In the editor itself: the table picker's label for screen readers
    and the Justify button's name."""
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.phone import login
    from tests.fixtures.phone import WAIT

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    unit = site["a"].absolute_url().replace("127.0.0.1", "localhost")

    def wait(script):
        return WebDriverWait(phone, WAIT).until(lambda b: b.execute_script(script))

    login(phone, portal_url, "red.a")
    phone.get(f"{unit}/++add++News Item")
    wait("return !!document.querySelector('.tox-tinymce .tox-tbtn[aria-label]')")
    labels = phone.execute_script(
        "return [...document.querySelectorAll('.tox-tinymce [aria-label]')]"
        ".map(e => e.getAttribute('aria-label'))"
    )
    assert "Marginaljustera" in labels, labels
    assert "Verifiera" not in labels
    # The table button opens the picker (a grid of cells).
    phone.execute_script(
        "const tiny = tinymce.activeEditor || tinymce.get()[0];"
        "tiny.execCommand('mceFocus');"
        "tiny.ui.registry.getAll().buttons.inserttable"
        " ? document.querySelector('.tox-tinymce [data-mce-name=\"inserttable\"]')"
        ".click() : null;"
    )
    label = wait(
        "const menu = document.querySelector('.tox-menu[aria-label]');"
        "return menu && menu.getAttribute('aria-label');"
    )
    assert label == "Använd piltangenterna för att navigera."


def widget_options(member, url):
    """The options of a question's "Visas som": (value, title, selected)."""
    page = html.fromstring(member.get(url).text)
    return [
        (
            option.get("value"),
            option.text_content().strip(),
            bool(option.get("selected")),
        )
        for option in page.xpath(
            "//select[contains(@name, 'IFieldExtender.field_widget')]//option"
        )
        if option.get("value") != "--NOVALUE--"
    ]


def test_the_widgets_of_a_question_are_swedish(site):
    """A question's settings in the form editor, "Visas som": the widgets
    by Swedish titles, each once ("Textrad", not "TextFieldWidget" of
    z3c.form and of plone.app.z3cform), Plone's own where both are there,
    and a question's choice kept and used."""
    from tests.fixtures.english import english_in

    forms = f"{api.portal.get().absolute_url()}/blanketter"
    webbred = browser("webbred")
    name = f"{forms}/fraga-hr/fields/namn/@@edit"
    options = widget_options(webbred, name)
    titles = [title for _value, title, _selected in options]
    assert {"Textrad", "Textruta, flera rader", "Telefonnummer"} <= set(titles)
    assert len(titles) == len(set(titles)), titles
    assert [t for t in titles if t.endswith("Widget")] == []
    assert english_in(titles) == []
    values = {title: value for value, title, _selected in options}
    assert values["Textrad"].startswith("plone.app.z3cform."), values

    question = widget_options(webbred, f"{forms}/fraga-hr/fields/fraga/@@edit")
    assert [title for _value, title, _selected in question] == ["Textruta, flera rader"]
    # A phone number question shows its phone number widget as chosen.
    phone = widget_options(webbred, f"{forms}/bestallning-av-it/fields/telefon/@@edit")
    assert [title for _value, title, selected in phone if selected] == ["Telefonnummer"]

    # Chosen and saved, the question is shown with it.
    from tests.fixtures.http import form_post

    saved = form_post(
        webbred,
        name,
        {
            "form.widgets.IFieldExtender.field_widget:list": values[
                "Textruta, flera rader"
            ]
        },
        files=None,
    )
    assert saved.ok
    form = html.fromstring(webbred.get(f"{forms}/fraga-hr").text)
    assert form.xpath("//textarea[@name='form.widgets.namn']")


def test_the_advanced_workflow_form_is_swedish(site):
    """Tillstånd → Avancerat… (content_status_history): each item's checkbox
    is titled "Välj …", not Plone's "Select …", and "Ingen ändring" by the
    state's title, not its id ("published")."""
    from tests.i18n.test_every_page_swedish import english
    from tests.i18n.test_every_page_swedish import shown

    answer = browser("red.a").get(f"{site['a'].absolute_url()}/content_status_history")
    assert answer.status_code == 200
    page = html.fromstring(answer.text)
    boxes = page.xpath("//input[@name='paths:list']")
    assert boxes
    for box in boxes:
        assert box.get("title") == f"Välj {site['a'].title}"
        assert box.get("alt") == box.get("title")
    (no_change,) = page.xpath("//input[@name='workflow_action'][@id='workflow_action']")
    assert no_change.get("title") == "Publicerad"
    assert english(shown(answer.text, "//main | //*[@id='content']")) == []


@pytest.mark.browser
def test_folder_contents_upload_input_is_labelled_in_swedish(site, phone):
    """Innehåll: the upload's hidden file input (Dropzone's, at the end of
    the page) is labelled in Swedish, not "hidden file upload"."""
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.phone import login
    from tests.fixtures.phone import WAIT

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    unit = site["a"].absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "red.a")
    phone.get(f"{unit}/folder_contents")
    labels = WebDriverWait(phone, WAIT).until(
        lambda b: b.execute_script(
            "const inputs = [...document.querySelectorAll('input.dz-hidden-input')];"
            "return inputs.length && inputs.map(i => i.getAttribute('aria-label'));"
        )
    )
    assert labels == ["Filer att ladda upp"]


def test_the_image_sizes_of_sokning_are_swedish(site):
    """Sökning (the search control panel): the image size of results is
    chosen among Swedish names, as TinyMCE's image sizes are (Stor, Liten),
    not "large 800x65536"."""
    portal_url = api.portal.get().absolute_url()
    page = html.fromstring(
        browser("webbred").get(f"{portal_url}/@@search-controlpanel").text
    )
    options = {
        option.get("value"): option.text_content().strip()
        for option in page.xpath(
            "//select[contains(@name, 'search_image_scale')]//option"
        )
    }
    assert options["large"] == "Stor (800 px bred)"
    assert options["mini"] == "Liten (200 px bred)"
    assert options["thumb"] == "Miniatyr (128 × 128 px)"
    assert [t for t in options.values() if re.match(r"^[a-z]+ \d+x\d+$", t)] == []


def new_rule(member):
    """A content rule added by ``member``: its address."""
    return add_content_rule(member).url.removesuffix("/@@manage-elements")


def test_the_mail_actions_subject_and_an_items_tags_are_told_apart(site):
    """The mail action's form: the mail's subject is "Ärende", the
    variables ${subject} and ${keywords} (the item's tags) are "Taggar", as
    the edit form calls that field; Plone's Swedish called both "Ärende"."""
    webbred = browser("webbred")
    page = html.fromstring(
        webbred.get(f"{new_rule(webbred)}/+action/plone.actions.Mail").text
    )
    label = page.xpath("string(//label[@for='form-widgets-subject'])")
    assert label.split() == ["Ärende"]
    described = {
        row.xpath("string(td[2])").strip(): row.xpath("string(td[3])").strip()
        for row in page.xpath("//tr[count(td) = 3]")
    }
    assert described["${subject}"] == "Taggar"
    assert described["${keywords}"] == "Taggar"


def test_a_content_rules_page_agrees_with_itself(site):
    """A rule's page of conditions and actions as a Webbredaktör: the
    group and role conditions' edit forms are headed "Redigera villkor …" (not
    "Lägg till villkor …") and save as edits; the page's hint says "klicka
    på Lägg till" and its buttons say so (not "Verkställ"); the ↑/↓ buttons
    that move a condition or an action are named; the logger action saved
    with its default message shows that message, not its message id."""
    from tests.fixtures.http import form_post

    webbred = browser("webbred")
    rule_url = new_rule(webbred)
    page = html.fromstring(webbred.get(f"{rule_url}/@@manage-elements").text)
    hint = " ".join(
        page.xpath("string(//*[contains(@class, 'alert-warning')])").split()
    )
    assert "klicka på Lägg till" in hint, hint
    adds = page.xpath(
        "//button[@name='form.button.AddCondition' or @name='form.button.AddAction']"
    )
    assert [button.text_content().strip() for button in adds] == ["Lägg till"] * 2

    for kind, name, values in (
        (
            "condition",
            "plone.conditions.Group",
            {"form.widgets.group_names:list": "Site Administrators"},
        ),
        (
            "condition",
            "plone.conditions.Role",
            {"form.widgets.role_names:list": "Reviewer"},
        ),
        (
            "condition",
            "plone.conditions.Role",
            {"form.widgets.role_names:list": "Editor"},
        ),
        ("action", "plone.actions.Logger", {}),
        ("action", "plone.actions.Logger", {}),
    ):
        saved = form_post(webbred, f"{rule_url}/+{kind}/{name}", values, files=None)
        assert "/@@manage-elements" in saved.url, (name, saved.url)

    page = html.fromstring(webbred.get(f"{rule_url}/@@manage-elements").text)
    links = {
        link.split("/")[-2]: link
        for link in page.xpath("//a[contains(@href, '++condition++')]/@href")
    }
    headings = {
        element: html.fromstring(webbred.get(link).text).xpath("string(//main//h1)")
        for element, link in sorted(links.items())
    }
    assert headings == {
        "++condition++0": "Redigera villkor Grupp",
        "++condition++1": "Redigera villkor Roll",
        "++condition++2": "Redigera villkor Roll",
    }
    # The group condition's edit form changes the condition, it adds none.
    edited = form_post(
        webbred,
        links["++condition++0"],
        {"form.widgets.group_names:list": "Reviewers"},
        files=None,
    )
    assert "/@@manage-elements" in edited.url, edited.url

    page = html.fromstring(webbred.get(f"{rule_url}/@@manage-elements").text)
    summaries = [
        " ".join(p.text_content().split())
        for p in page.xpath("//p[contains(@class, 'card-text')]")
    ]
    assert summaries[0] == "Grupper är: Granskare (inbyggd grupp)", summaries
    assert len(summaries) == 5, summaries
    assert summaries[3:] == ["Logga meddelande Händelsen &e på &c av &u"] * 2
    moves = page.xpath("//button[starts-with(@name, 'form.button.Move')]")
    assert moves
    for button in moves:
        name = "Flytta upp" if button.get("name").endswith("Up") else "Flytta ned"
        assert (button.get("aria-label"), button.get("title")) == (name, name)


def test_no_tooltip_of_two_quote_characters_on_grupper(site):
    """Grupper: a group without a description ("Alla inloggade") has no
    tooltip, not one of two quote characters."""
    portal_url = api.portal.get().absolute_url()
    page = html.fromstring(
        browser("webbred").get(f"{portal_url}/@@usergroup-groupprefs").text
    )
    links = page.xpath("//a[contains(@href, 'AuthenticatedUsers')]")
    assert links
    assert [link.get("title") for link in links if link.get("title") == "''"] == []
    assert page.xpath("//*[@title = \"''\"]") == []


def test_a_required_field_is_called_the_same_everywhere(site):
    """A required field is "Krävs" (as Plone's Swedish has it) on every
    editor's form, not "Krävs" on one and "Obligatoriskt" on the next: the
    marker's tooltip on Webbadresser and on a question's settings, the
    form editor's setting of a question."""
    from tests.i18n.test_every_page_swedish import shown

    webbred = browser("webbred")
    portal_url = api.portal.get().absolute_url()
    forms = f"{portal_url}/blanketter/fraga-hr"
    for url in (
        f"{portal_url}/@@redirection-controlpanel",
        f"{forms}/fields/amne/@@edit",
        f"{forms}/fields/@@add-field",
        f"{site['a'].absolute_url()}/++add++News Item",
    ):
        answer = webbred.get(url)
        assert answer.status_code == 200, url
        said = {
            text.strip()
            for text in shown(answer.text, "//body")
            if re.search(r"(?i)obligatorisk|krävs", text)
        }
        assert said == {"Krävs"}, (url, said)


def test_what_content_rules_say_is_swedish(site):
    """Innehållsregler with a rule in it, as a Webbredaktör: the message
    once it is made ("Innehållsregeln har skapats…"), its pages titled by
    the rule, not "++rule++rule-1", "Använd regeln på hela intranätet",
    "Tillgängliga innehållsregler:" where rules are assigned, the panel's
    help without "(triggers)" and its list of rules; the mail action's
    variables grouped as "Metadata", not "Dublin Core", its sender's help
    without "From"."""
    from tests.i18n.test_every_page_swedish import english
    from tests.i18n.test_every_page_swedish import shown

    webbred = browser("webbred")
    portal_url = api.portal.get().absolute_url()
    added = add_content_rule(webbred)
    rule_url = added.url.removesuffix("/@@manage-elements")
    page = html.fromstring(added.text)
    message = " ".join(
        page.xpath("string(//*[contains(@class, 'portalMessage')])").split()
    )
    assert message == (
        "Information: Innehållsregeln har skapats. Lägg till villkor och åtgärder"
        " längre ned på sidan."
    )
    assert page.xpath("//input[@name='form.button.ApplyOnWholeSite']/@value") == [
        "Använd regeln på hela intranätet"
    ]
    found = {}
    for path in (
        "@@manage-elements",
        "@@edit",
        "+action/plone.actions.Mail",
        "../@@manage-content-rules",
        "../@@rules-controlpanel",
    ):
        url = f"{rule_url}/{path}".replace("/++rule++rule-1/../", "/")
        answer = webbred.get(url)
        assert answer.status_code == 200, url
        texts = [
            t for t in shown(answer.text, "//body") if not re.match(r"^\$\{\w+\}$", t)
        ]
        if lines := english(texts):
            found[path] = lines
        said = " ".join(texts)
        for wrong in ("++rule++", "(triggers)", "Dublin Core", '"From"'):
            if wrong in said:
                found.setdefault(path, []).append(wrong)
        if path.startswith("@@"):
            (title,) = html.fromstring(answer.text).xpath("//head/title/text()")
            assert "Meddela HR om nya rutiner" in title, title
    assert found == {}, found
    assigned = html.fromstring(webbred.get(f"{portal_url}/@@manage-content-rules").text)
    label = assigned.xpath("string(//*[@id='assignable-content-rules']/div[1])")
    assert label.strip() == "Tillgängliga innehållsregler:"
    mail = html.fromstring(webbred.get(f"{rule_url}/+action/plone.actions.Mail").text)
    categories = {
        cell.strip() for cell in mail.xpath("//tr[count(td) = 3]/td[1]/text()")
    }
    assert "Metadata" in categories, categories


def test_a_listing_titles_its_items_by_their_type_in_swedish(site):
    """A folder's listing (as /nyheter shows its news) titles each link by
    its type, "Nyhet", not "News Item", for staff too; so does the advanced
    workflow form (not "News Item: ")."""
    import transaction

    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=api.portal.get(), type="Folder", id="lista", title="Lista"
        )
        item = api.content.create(
            container=folder, type="News Item", id="sommar", title="Sommarfest"
        )
        for obj in (folder, item):
            api.content.transition(obj, to_state="published")
    transaction.commit()
    for layout in ("listing_view", "summary_view", "tabular_view"):
        page = html.fromstring(
            browser("olle.medarbetare").get(f"{folder.absolute_url()}/{layout}").text
        )
        titles = page.xpath("//a[contains(@href, '/lista/sommar')]/@title")
        assert set(titles) == {"Nyhet"}, (layout, titles)
    page = html.fromstring(
        browser("webbred").get(f"{folder.absolute_url()}/content_status_history").text
    )
    titles = page.xpath("//a[contains(@class, 'contenttype-')]/@title")
    assert titles
    types = set(api.portal.get_tool("portal_types").objectIds())
    assert [t for t in titles if t.split(":")[0] in types] == [], titles


def test_editors_fields_name_formats_and_file_types_in_swedish(site):
    """An image's add form says which files it takes as "bilder", not
    "image/*"; a rich text field's text formats are named ("Formaterad
    text"), not "text/html"."""
    red_a = browser("red.a")
    unit = site["a"].absolute_url()
    page = html.fromstring(red_a.get(f"{unit}/++add++Image").text)
    helps = [
        " ".join(text.text_content().split())
        for text in page.xpath(
            "//input[@type='file'][@accept]/following-sibling::*"
            "[contains(@class, 'form-text')][1]"
        )
    ]
    assert helps == ["Tillåtna filtyper: bilder."], helps
    page = html.fromstring(red_a.get(f"{unit}/++add++News Item").text)
    formats = {
        option.get("value"): option.text_content().strip()
        for option in page.xpath(
            "//select[contains(@class, 'pat-textareamimetypeselector')]/option"
        )
    }
    assert formats["text/html"] == "Formaterad text", formats
    assert [t for t in formats.values() if "/" in t] == [], formats


def test_portlets_are_managed_in_swedish(site):
    """@@manage-portlets as a Webbredaktör: "Gå till överordnad mapp", the
    portlets one can add ("Kalender", "Samling", "Evenemang") and
    "portletar", one word for them, in its title."""
    from tests.i18n.test_every_page_swedish import english
    from tests.i18n.test_every_page_swedish import shown

    answer = browser("webbred").get(f"{site['a'].absolute_url()}/@@manage-portlets")
    assert answer.status_code == 200
    texts = shown(answer.text, "//body")
    assert english(texts) == []
    assert "Gå till överordnad mapp" in texts
    assert [t for t in texts if re.search(r"\b[Pp]ortlets\b", t)] == []
    (title,) = html.fromstring(answer.text).xpath("//head/title/text()")
    assert "Hantera portletar" in title


def test_webbredaktorer_are_not_told_about_plone(site):
    """Site Setup as a Webbredaktör: no versions of Plone, Zope and Python
    (IT's, who still see them); E-post says "Intranätet skickar e-post…",
    not "Plone genererar…"; Plone's own Reviewers group is no "Granskare
    (Plone)"; no page names Plone in its generator ``<meta>``."""
    from plone.app.testing import SITE_OWNER_NAME
    from tests.fixtures.http import get
    from tests.i18n.test_every_page_swedish import shown

    webbred = browser("webbred")
    portal_url = api.portal.get().absolute_url()
    for path in (
        "@@overview-controlpanel",
        "@@mail-controlpanel",
        "@@usergroup-groupprefs",
        "@@security-controlpanel",
    ):
        answer = webbred.get(f"{portal_url}/{path}")
        assert answer.status_code == 200, path
        texts = shown(answer.text, "//body")
        assert [t for t in texts if "Plone" in t] == [], (path, texts)
        assert not html.fromstring(answer.text).xpath("//meta[@name='generator']")
    mail = " ".join(shown(webbred.get(f"{portal_url}/@@mail-controlpanel").text))
    assert "Intranätet skickar e-post med den här adressen som avsändare." in mail
    assert (
        "Plone 6"
        in get(f"{portal_url}/@@overview-controlpanel", user=SITE_OWNER_NAME).text
    )


def test_one_word_for_one_thing(integration):
    """Editors meet one Swedish word for each thing (issue 18's trial):
    Redigera (not Ändra) for Edit, Klipp ut (not Skär), Ordna om (not
    Rearrangera), Webbplatskarta (not Karta över webbplatsen), portletar
    (not portlets), ta bort (not radera)."""
    from zope.i18n import translate

    def sv(msgid, domain="plone"):
        return translate(msgid, domain=domain, target_language="sv")

    assert sv("Edit") == sv("label_edit") == sv("Edit", "widgets") == "Redigera"
    assert sv("Edit Group Condition") == "Redigera villkor Grupp"
    assert sv("title_edit_contentrule") == "Redigera innehållsregel"
    assert sv("edit_comment_form_title") == "Redigera kommentar"
    assert sv("Cut") == sv("Cut", "widgets") == "Klipp ut"
    assert sv("Rearrange", "widgets") == "Ordna om"
    assert sv("label_site_map") == "Webbplatskarta"
    # Phones have no mouse pointer to hold still over an entry.
    assert "mus" not in sv("description_site_map")
    assert sv("label_delete") == sv("Delete") == "Ta bort"
    assert sv("${title} has been deleted.") == "${title} har tagits bort."
    assert (
        sv("title_manage_contextual_portlets") == "${context_title}: Hantera portletar"
    )


def test_history_calls_a_send_back_reason_a_comment(site):
    """History: the reason a reviewer gave when sending an item back is
    labelled "Kommentar", as the send-back form calls it ("Din kommentar
    … sparas i historiken"), not "Ändringsanteckning"."""
    from tests.fixtures.http import session

    created = session("red.a").post(
        site["a"].absolute_url(), json={"@type": "News Item", "title": "Sommarfest"}
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    for login, step, body in (
        ("red.a", "submit", {}),
        ("chef.a", "reject", {"comment": "Lägg till tid och plats."}),
    ):
        answer = session(login).post(f"{url}/@workflow/{step}", json=body)
        assert answer.status_code == 200, answer.text
    page = html.fromstring(browser("red.a").get(f"{url}/@@historyview").text)
    notes = [
        " ".join(p.text_content().split())
        for p in page.xpath(
            "//*[@id='history-list']//p[contains(@class, 'text-muted')]"
        )
    ]
    assert "Kommentar: Lägg till tid och plats." in notes, notes
    # A version's change note keeps its name.
    assert "Ändringsanteckning: Lägg till tid och plats." not in notes, notes


def test_a_links_url_field_is_swedish(site):
    """A Länk's URL field (plone.app.z3cform's link widget): its label, the
    tabs Interna / Externa / E-post, their labels, help and placeholders in
    Swedish (not "External URL (can be relative…", "https://domain.com",
    "Email Subject (optional)", "The link is used almost verbatim…"), and
    not declared English for screen readers."""
    from tests.i18n.test_every_page_swedish import english
    from tests.i18n.test_every_page_swedish import shown

    answer = browser("red.a").get(f"{site['a'].absolute_url()}/++add++Link")
    assert answer.status_code == 200
    field = "//*[@id='formfield-form-widgets-remoteUrl']"
    texts = shown(answer.text, field)
    for swedish in (
        "Webbadress",
        "Interna",
        "Externa",
        "E-post",
        "E-postadress",
        "E-postämne (valfritt)",
        "https://www.exempel.se",
        "namn@solna.se",
    ):
        assert swedish in texts, (swedish, texts)
    assert [t for t in texts if t.startswith("Extern webbadress (")], texts
    assert [t for t in texts if t.startswith("Länken används som du skriver")], texts
    assert english(texts) == []
    (widget,) = html.fromstring(answer.text).xpath(field)
    assert widget.xpath(".//@lang") == []


def test_a_file_questions_settings_are_swedish_and_for_editors(site):
    """A file question's settings (the form editor's Inställningar…): its
    accepted types are "Tillåtna filtyper" with Swedish help, not "accept
    types"; zope.schema's object settings (the interface of the object and
    "Kontrollera invarianter", marked "Required" in English) are IT's
    alone. A required checkbox's marker says "Krävs" to IT too."""
    from plone.app.testing import SITE_OWNER_NAME
    from tests.fixtures.http import get
    from tests.i18n.test_every_page_swedish import english
    from tests.i18n.test_every_page_swedish import shown

    url = f"{api.portal.get().absolute_url()}/blanketter/fraga-hr/fields/bilaga/@@edit"
    answer = browser("webbred").get(url)
    assert answer.status_code == 200
    page = html.fromstring(answer.text)
    (label,) = page.xpath("//label[@for='form-widgets-accept']")
    assert " ".join(label.text_content().split()) == "Tillåtna filtyper"
    (help_text,) = page.xpath(
        "//*[@id='formfield-form-widgets-accept']//*[contains(@class, 'form-text')]"
    )
    assert help_text.text_content().startswith("Vilka filer fältet tar emot")
    assert not page.xpath("//*[starts-with(@name, 'form.widgets.schema')]")
    assert not page.xpath("//*[starts-with(@name, 'form.widgets.validate_invariants')]")
    texts = shown(answer.text, "//*[@id='content'] | //main")
    assert not [t for t in texts if "gränssnitt (Interface)" in t], texts
    assert not [t for t in texts if "validateInvariants" in t], texts
    assert english(texts) == []

    it = html.fromstring(get(url, user=SITE_OWNER_NAME).text)
    assert it.xpath("//*[@name='form.widgets.validate_invariants:list']")
    assert it.xpath("//@title[. = 'Required']") == []
    markers = it.xpath(
        "//*[@id='formfield-form-widgets-validate_invariants']"
        "//span[contains(@class, 'required')]/@title"
    )
    assert markers == ["Krävs"], markers


def test_folder_contents_sets_a_standardsida(site):
    """Folder contents' row menu: "Ställ in som standardsida", one word as
    Swedish writes it, not "standard sida" (plone.app.locales), in the
    widgets catalog mockup's folder contents reads."""
    from tests.fixtures.http import get

    catalog = get(
        f"{api.portal.get().absolute_url()}/@@plonejsi18n",
        params={"domain": "widgets", "language": "sv"},
    )
    assert catalog.status_code == 200
    assert catalog.json()["Set as default page"] == "Ställ in som standardsida"
