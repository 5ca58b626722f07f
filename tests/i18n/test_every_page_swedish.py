"""100 % Swedish where the page walk of tests/a11y/test_axe.py does not look
(it reads every page type of every role and fails on English with
tests/fixtures/english.py): the mails the site sends, the messages of a
form sent with errors, TinyMCE's toolbar and menus, folder contents' table,
column menu, rearranging and filter, the form editor's "add a field" and a
question's settings, the Site Setup panels Webbredaktörer use beyond the
walk's, and the technical panels that are IT's alone.

The rule: issue 18 ("100 % Swedish") and språklagen (2009:600) 10-12 §§,
public bodies use Swedish."""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from tests.fixtures.comments import comment
from tests.fixtures.contentrules import add_content_rule
from tests.fixtures.english import english_in
from tests.fixtures.english import why_english
from tests.fixtures.http import browser
from tests.fixtures.http import form_post
from tests.fixtures.http import get
from tests.fixtures.http import session
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for

import pytest
import re
import transaction


def english(texts):
    """``english_in`` with the reason of each, for a failure message."""
    return [f"{t!r}: {why_english(t)}" for t in english_in(texts)]


def shown(page_html, xpath="//main | //body"):
    """What the page shows: the text of ``xpath``'s first element line by
    line, and its titles, labels, alt texts and placeholders."""
    doc = html.fromstring(page_html)
    # Not shown as text: scripts, styles, templates, hidden elements, and
    # what a text area holds (a setting's value, not the page's words).
    for junk in doc.xpath(
        "//script | //style | //template | //*[@hidden] | //textarea"
    ):
        junk.drop_tree()
    (root, *_rest) = doc.xpath(xpath)
    texts = [line.strip() for line in root.itertext() if line.strip()]
    for attribute in ("title", "aria-label", "alt", "placeholder"):
        texts += root.xpath(f".//@{attribute}")
    return texts + doc.xpath("//title/text()")


def test_mails_are_swedish(news, site, smtp):
    """The mails of the review workflow (to review, sent back, published)
    and of moderation (a comment deleted) hold no English."""
    a_url = site["a"].absolute_url()
    created = session("red.a").post(
        a_url, json={"@type": "News Item", "title": "Sommarfest på Solgläntan"}
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    for login, step, comment_text in (
        ("red.a", "submit", None),
        ("chef.a", "reject", "Lägg till tid och plats."),
        ("red.a", "submit", None),
        ("chef.a", "publish", None),
    ):
        body = {"comment": comment_text} if comment_text else {}
        answer = session(login).post(f"{url}/@workflow/{step}", json=body)
        assert answer.status_code == 200, answer.text
    # A comment, deleted by the moderator with a reason: its author is told.
    comment("olle.medarbetare", news, "Ring mig om lönen.")
    transaction.begin()
    news._p_jar.sync()
    from plone.app.discussion.interfaces import IConversation

    (doomed,) = IConversation(news).getComments()
    url = f"{doomed.absolute_url()}/@@ta-bort-kommentar"
    chef_a = browser("chef.a")
    deleted = chef_a.post(
        url,
        data={
            "_authenticator": token(chef_a, url),
            "reason": "Personliga uppgifter hör inte hemma här.",
            "form.buttons.delete": "1",
        },
    )
    assert deleted.ok

    assert wait_for(lambda: smtp.to("olle.medarbetare@solna.example"))
    messages = [message for _recipients, message in smtp.messages]
    subjects = {message["Subject"] for message in messages}
    assert {
        "Att granska: Sommarfest på Solgläntan",
        "Skickad tillbaka: Sommarfest på Solgläntan",
        "Publicerad: Sommarfest på Solgläntan",
        "Din kommentar har tagits bort",
    } <= subjects
    for message in messages:
        texts = [message["Subject"], message["From"]]
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                texts.append(part.get_content())
            elif part.get_content_type() == "text/html":
                texts += shown(part.get_content())
        assert english(texts) == [], message["Subject"]


def test_a_form_sent_with_errors_says_so_in_swedish(site):
    """An add form (z3c.form) sent without its required title: the page's
    messages, the field's error and everything else on it are Swedish."""
    unit = site["a"].absolute_url()
    red_a = browser("red.a")
    form_url = f"{unit}/++add++News Item"
    page = html.fromstring(red_a.get(form_url).text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.save"]]')
    data = dict(form.form_values())
    data["form.widgets.IDublinCore.title"] = ""
    data["form.buttons.save"] = "Spara"
    answer = red_a.post(form.get("action"), data=data)
    assert answer.status_code == 200
    errors = html.fromstring(answer.text).xpath(
        '//*[contains(@class, "invalid-feedback") or contains(@class, "fieldErrorBox")'
        ' or contains(@class, "portalMessage")]'
    )
    error_texts = [" ".join(e.text_content().split()) for e in errors]
    assert any("Du måste fylla i det här fältet." in t for t in error_texts), (
        error_texts
    )
    assert english(error_texts) == []
    assert english(shown(answer.text)) == []


CONTROL_PANELS = (
    "@@site-controlpanel",
    "@@mail-controlpanel",
    "@@social-controlpanel",
    "@@search-controlpanel",
    "@@security-controlpanel",
    "@@editing-controlpanel",
    "@@dateandtime-controlpanel",
    "@@markup-controlpanel",
    "@@usergroup-groupprefs",
)


def test_the_control_panels_of_webbredaktorer_are_swedish(site):
    """The Site Setup panels a Webbredaktör opens, beyond the walk's
    (overview, navigation, users), hold no English."""
    webbred = browser("webbred")
    portal_url = api.portal.get().absolute_url()
    found = {}
    for path in CONTROL_PANELS:
        answer = webbred.get(f"{portal_url}/{path}")
        assert answer.status_code == 200, path
        if lines := english(shown(answer.text, "//main | //*[@id='content']")):
            found[path] = lines
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


#: Site Setup's technical panels, IT's (Manager) alone: Resursregister
#: (a bundle there runs its JavaScript on every page), Tema (a theme's
#: rules, files and custom CSS), TinyMCE (plugin ids, JSON settings), the
#: ZMI, and settings a web editor must not change. Each speaks Plone's
#: English and ids.
IT_PANELS = (
    "@@resourceregistry-controlpanel",
    "@@theming-controlpanel",
    "@@tinymce-controlpanel",
    "manage_main",
    # Språk: the site's language (Swedish by språklagen) and how a page's
    # language is negotiated.
    "@@language-controlpanel",
    # HTML-filtrering: the safe-HTML filter, a security control.
    "@@filter-controlpanel",
    # Relationer: a diagnostics tool that rebuilds the relation catalog.
    "@@inspect-relations",
    # Användarfält: the member schema (our profile's userschema.xml), and
    # the schema editor's pages below it.
    "@@member-fields",
    "@@member-fields/@@add-field",
)


def test_the_technical_panels_are_not_shown_to_webbredaktorer(site):
    """Site Setup's technical panels (IT_PANELS) are no page of a
    Webbredaktör's: Site Setup does not list them, and their addresses
    answer Plone's page for insufficient privileges, in Swedish. The
    Zope administrator (Manager: IT) still has them."""
    webbred = browser("webbred")
    portal_url = api.portal.get().absolute_url()
    overview = webbred.get(f"{portal_url}/@@overview-controlpanel")
    assert overview.status_code == 200
    listed = html.fromstring(overview.text).xpath("//*[@id='content']//a/@href")
    found, shown_to_webbred = {}, []
    for path in IT_PANELS:
        answer = webbred.get(f"{portal_url}/{path}")
        assert answer.status_code == 200, path
        if lines := english(shown(answer.text, "//main | //*[@id='content']")):
            found[path] = lines
        if not answer.url.endswith("/insufficient-privileges"):
            shown_to_webbred.append(path)
        if [link for link in listed if link.endswith(f"/{path}")]:
            shown_to_webbred.append(f"Webbplatsinställningar → {path}")
        assert get(f"{portal_url}/{path}", user=SITE_OWNER_NAME).ok, path
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
    assert shown_to_webbred == []


#: Site Setup's panels that are a Webbredaktör's (README, "Swedish
#: everywhere"): among them those that spoke English until issue 18 was
#: closed (RSS-flöden was listed but refused by its page).
WEBBREDAKTOR_PANELS = (
    "@@site-controlpanel",
    "@@navigation-controlpanel",
    "@@search-controlpanel",
    "@@sok-synonymer",
    "@@dateandtime-controlpanel",
    "@@mail-controlpanel",
    "@@social-controlpanel",
    "@@syndication-controlpanel",
    "@@redirection-controlpanel",
    "@@content-controlpanel",
    "@@rules-controlpanel",
    "@@editing-controlpanel",
    "@@markup-controlpanel",
    "@@usergroup-userprefs",
    "@@usergroup-groupprefs",
    "@@usergroup-controlpanel",
    "@@security-controlpanel",
)


def test_every_panel_site_setup_lists_for_webbredaktorer_is_swedish(site):
    """Site Setup (@@overview-controlpanel) as a Webbredaktör, and every
    panel it lists, followed link by link: no English on any of them (texts,
    titles, labels, buttons, help texts), and none that answers Plone's page
    for insufficient privileges. The panels that are IT's alone are not
    listed (test_the_technical_panels_are_not_shown_to_webbredaktorer);
    whatever Plone or an add-on lists for Webbredaktörer next is read here
    too."""
    webbred = browser("webbred")
    portal_url = api.portal.get().absolute_url()
    overview = webbred.get(f"{portal_url}/@@overview-controlpanel")
    assert overview.status_code == 200
    found = {}
    if lines := english(shown(overview.text, "//main | //*[@id='content']")):
        found["Webbplatsinställningar"] = lines
    panels = {}
    for link in html.fromstring(overview.text).xpath("//*[@id='content']//a"):
        url = (link.get("href") or "").split("#")[0].split("?")[0]
        if url.startswith(portal_url) and url != overview.url:
            panels.setdefault(url, " ".join(link.text_content().split()))
    listed = {url.removeprefix(f"{portal_url}/") for url in panels}
    assert set(WEBBREDAKTOR_PANELS) <= listed, sorted(listed)
    for url, title in panels.items():
        name = f"{title} ({url.removeprefix(portal_url)})"
        answer = webbred.get(url)
        assert answer.status_code == 200, name
        if answer.url.endswith("/insufficient-privileges"):
            found[name] = ["listed, but the page refuses Webbredaktörer"]
        elif lines := english(shown(answer.text, "//main | //*[@id='content']")):
            found[name] = lines
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_an_alternative_url_is_added_in_swedish(site):
    """Webbadresser: a Webbredaktör adds an alternative url; what the page
    then says (Plone fills its message in before translating it) and the
    list of alternative urls are Swedish, and the old address leads on."""
    webbred = browser("webbred")
    portal = api.portal.get()
    portal_url = portal.absolute_url()
    unit = site["a"]
    target = "/" + "/".join(unit.getPhysicalPath()[len(portal.getPhysicalPath()) :])
    url = f"{portal_url}/@@redirection-controlpanel"
    answer = form_post(
        webbred,
        url,
        {"redirection": "/gamla-enheten", "target_path": target},
        files=None,
        button="form.button.Add",
    )
    assert answer.status_code == 200
    message = html.fromstring(answer.text).xpath(
        "string(//*[contains(@class, 'portalMessage')])"
    )
    assert f"/gamla-enheten leder nu till /plone{target}" in " ".join(message.split())
    assert english(shown(answer.text, "//main | //*[@id='content']")) == []
    moved = webbred.get(f"{portal_url}/gamla-enheten")
    assert moved.url == unit.absolute_url()


def test_a_content_rule_is_made_in_swedish(site):
    """Innehållsregler beyond the panel: a Webbredaktör adds a rule (its
    form lists the events: "Kommentar tillagd", "Användare inloggad"…) and
    gets its page of conditions and actions, both without English."""
    webbred = browser("webbred")
    portal_url = api.portal.get().absolute_url()
    url = f"{portal_url}/+rule/plone.ContentRule"
    form = webbred.get(url)
    assert form.status_code == 200
    found = {}
    if lines := english(shown(form.text, "//main | //*[@id='content']")):
        found["Lägg till innehållsregel"] = lines
    assert "Kommentar tillagd" in form.text
    added = form_post(
        webbred,
        url,
        {
            "form.widgets.title": "Meddela HR om nya rutiner",
            "form.widgets.event:list": "Object added to this container",
        },
        files=None,
    )
    assert added.url.endswith("/@@manage-elements"), added.url
    if lines := english(shown(added.text, "//main | //*[@id='content']")):
        found["Regelns villkor och åtgärder"] = lines
    edit = webbred.get(added.url.replace("/@@manage-elements", "/@@edit"))
    assert edit.status_code == 200
    if lines := english(shown(edit.text, "//main | //*[@id='content']")):
        found["Redigera innehållsregel"] = lines
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_the_rest_api_serves_a_panel_only_to_those_who_may_open_it(site):
    """plone.restapi's @controlpanels asks only for "Plone Site Setup:
    Overview": a Webbredaktör could change Språk there, IT's panel. Ours
    serves a panel to those its Site Setup entry is for; a Webbredaktör's
    panels still work."""
    portal_url = api.portal.get().absolute_url()
    webbred = session("webbred")
    listed = [
        p["@id"].rsplit("/", 1)[1]
        for p in webbred.get(f"{portal_url}/@controlpanels").json()
    ]
    assert "language" not in listed
    assert {"site", "navigation", "content-rules"} <= set(listed)
    refused = webbred.patch(
        f"{portal_url}/@controlpanels/language",
        json={"use_cookie_negotiation": True},
    )
    assert refused.status_code == 401
    assert webbred.get(f"{portal_url}/@controlpanels/language").status_code == 401
    assert webbred.get(f"{portal_url}/@controlpanels/site").status_code == 200
    assert get(f"{portal_url}/++api++/@controlpanels/language", user=SITE_OWNER_NAME).ok
    transaction.begin()
    assert not api.portal.get_registry_record("plone.use_cookie_negotiation")


def test_a_questions_settings_in_the_form_editor_are_swedish(site):
    """The settings of a choice question (the form editor's dialogue,
    "Inställningar…" beside the question: …/fields/amne/@@edit) hold no
    English: its heading, and no list of Plone's vocabulary factories by
    their dotted names ("plone.app.vocabularies.Keywords - Vocabulary
    factory listing…"). A Webbredaktör types the options (Möjliga värden),
    the only ones the forms' REST API, cases and export read; choosing a
    named vocabulary is IT's (Manager). Saving still works."""
    portal_url = api.portal.get().absolute_url()
    url = f"{portal_url}/blanketter/fraga-hr/fields/amne/@@edit"
    webbred = browser("webbred")
    answer = webbred.get(url)
    assert answer.status_code == 200
    assert english(shown(answer.text, "//body")) == []
    page = html.fromstring(answer.text)
    assert page.xpath("//textarea[@name='form.widgets.values']")
    assert not page.xpath("//*[starts-with(@name, 'form.widgets.vocabularyName')]")
    assert page.xpath("string(//h1)") == "Redigera fältet ”amne”"

    # IT still finds the named vocabularies there.
    assert "form.widgets.vocabularyName" in get(url, user=SITE_OWNER_NAME).text

    values = "Lön\nLedighet\nArbetstid och schema\nPension\nFriskvård\nAnnat"
    saved = form_post(webbred, url, {"form.widgets.values": values}, files=None)
    assert saved.ok
    transaction.begin()
    from collective.easyform.api import get_schema

    question = get_schema(api.portal.get()["blanketter"]["fraga-hr"])["amne"]
    assert "Friskvård" in [term.value for term in question.vocabulary]


@pytest.mark.browser
def test_editors_tools_in_the_browser_are_swedish(site, phone):
    """What scripts draw: TinyMCE's toolbar and its Format menu ("Fet", not
    "Bold"), folder contents' table, its column menu, what it rearranges by
    and its Filter menu's criteria ("Visa inaktiva", not "Show Inactive";
    no index ids), and the form editor's "add a field" with its field types
    and a question's settings in their dialogue ("Redigera fältet")."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.a11y.walk import TEXTS
    from tests.fixtures.phone import login
    from tests.fixtures.phone import WAIT

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    unit = site["a"].absolute_url().replace("127.0.0.1", "localhost")

    def wait(script):
        WebDriverWait(phone, WAIT).until(lambda b: b.execute_script(script))

    def click(css):
        element = phone.find_element(By.CSS_SELECTOR, css)
        phone.execute_script("arguments[0].click()", element)

    found = {}

    def check(name):
        if lines := english(phone.execute_script(TEXTS)):
            found[name] = lines

    login(phone, portal_url, "red.a")
    phone.get(f"{unit}/++add++News Item")
    wait("return !!document.querySelector('.tox-tinymce .tox-tbtn[aria-label]')")
    labels = phone.execute_script(
        "return [...document.querySelectorAll('.tox-tinymce [aria-label]')]"
        ".map(e => e.getAttribute('aria-label'))"
    )
    assert "Fet" in labels, labels
    assert "Bold" not in labels
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv-SE"
    check("TinyMCE")
    click(".tox-tinymce [data-mce-name='styles']")  # the Format menu
    wait("return !!document.querySelector('.tox-menu .tox-collection__item')")
    check("TinyMCE: Format-menyn")

    phone.get(f"{unit}/folder_contents")
    wait("return !!document.querySelector('.pat-structure table tbody tr a.manage')")
    check("Innehåll")
    # The column menu (hidden on phones, where its button is not shown).
    click("#btn-structure-columns")
    columns = phone.execute_script(
        "return document.querySelector('#popover-structure-columns').textContent"
    )
    assert "Senast ändrad" in columns
    if lines := english(columns.splitlines()):
        found["Innehåll: kolumnmenyn"] = lines
    # What to rearrange by, and the Filter menu's criteria (mockup's
    # querystring, with select2: plone.app.querystring's titles, such as
    # "Show Inactive").
    rearrange_on = phone.execute_script(
        "return [...document.querySelectorAll("
        "'#popover-structure-rearrange select option')].map(o => o.textContent)"
    )
    assert "Position i mappen" in rearrange_on
    if lines := english(rearrange_on):
        found["Innehåll: ordna om"] = lines
    click("#btn-filter")
    criterion = ".querystring-criteria-index .select2-choice"
    wait(f"return !!document.querySelector('{criterion}')")
    phone.execute_script(
        f"document.querySelector('{criterion}')"
        ".dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))"
    )
    wait("return !!document.querySelector('.select2-drop-active .select2-result')")
    criteria = phone.execute_script(
        "return document.querySelector('.select2-drop-active').innerText"
    )
    if lines := english(criteria.splitlines()):
        found["Innehåll: filtrets kriterier"] = lines
    # An index's or column's id shown as it stands ("crisis_ended") is no
    # Swedish either; "UID" is the word for it in Swedish too.
    catalog = api.portal.get_tool("portal_catalog")
    ids = (set(catalog.indexes()) | set(catalog.schema())) - {"UID"}
    labels = [*columns.splitlines(), *rearrange_on, *criteria.splitlines()]
    if untitled := sorted({label.strip() for label in labels} & ids):
        found["Innehåll: id:n i menyerna"] = untitled

    # The form editor: "add a field" and its field types.
    login(phone, portal_url, "webbred")
    phone.get(f"{portal_url}/blanketter/forslag-och-ideer/fields")
    wait("return !!document.querySelector('#add-field, a[href$=\"@@add-field\"]')")
    check("Formulärets fält")
    phone.get(f"{portal_url}/blanketter/forslag-och-ideer/fields/@@add-field")
    wait("return !!document.querySelector('#content form select')")
    options = phone.execute_script(
        "return [...document.querySelectorAll('#content form select option')]"
        ".map(o => o.textContent)"
    )
    assert "Textrad" in options, options
    check("Nytt fält")
    # A choice question's settings, the dialogue behind "Inställningar…".
    phone.get(f"{portal_url}/blanketter/fraga-hr/fields")
    wait("return !!document.querySelector('a.fieldSettings[href$=\"/amne\"]')")
    click('a.fieldSettings[href$="/amne"]')
    wait("return !!document.querySelector('.modal.show #edit-field-form')")
    title = phone.execute_script(
        "return document.querySelector('.modal.show .modal-title').innerText"
    )
    check("Frågans inställningar")

    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
    assert "Visa inaktiva" in criteria.splitlines(), criteria
    assert title == "Redigera fältet ”amne”"


#: What each condition's and action's add form needs to be saved (the
#: others save with their defaults). Tested as a Webbredaktör: the TALES
#: expression condition is Manager's (Plone's permission), and the delete
#: action has no form (it is added at once).
ELEMENT_VALUES = {
    "plone.conditions.PortalType": {"form.widgets.check_types:list": "News Item"},
    "plone.conditions.FileExtension": {"form.widgets.file_extension": "pdf"},
    "plone.conditions.WorkflowState": {"form.widgets.wf_states:list": "published"},
    "plone.conditions.Group": {"form.widgets.group_names:list": "Site Administrators"},
    "plone.conditions.Role": {"form.widgets.role_names:list": "Reviewer"},
    "plone.actions.Notify": {"form.widgets.message": "Tack, HR har fått det."},
    "plone.actions.Workflow": {"form.widgets.transition": "publish"},
    "plone.actions.Mail": {
        "form.widgets.subject": "Ny rutin: ${title}",
        "form.widgets.recipients": "hr@solna.example",
        "form.widgets.message": "Läs den på ${absolute_url}",
    },
    "plone.actions.Versioning": {"form.widgets.comment": ""},
}
NO_FORM = {"plone.actions.Delete"}
#: A substitution variable, shown as the code an editor types
#: ("${absolute_url}"): not a translation's unfilled placeholder.
CODE = re.compile(r"^\$\{[a-z_]+\}$")


def test_a_content_rules_conditions_and_actions_are_swedish(site):
    """Innehållsregler → a rule → Lägg till: every condition and action a
    Webbredaktör may add, its add form and, once added, its edit form, hold
    no English: no substitution variable of the mail action described in
    English ("Creator E-Mail"), no group titled "Site Administrators", no
    "Add Versioning Action", no message type "warning", no "+action" in the
    page's title, no add form headed "Ändra" (Plone's Swedish for "Add File
    Extension Condition")."""
    webbred = browser("webbred")
    # The copy and move actions' folder, chosen in the content browser (its
    # UID).
    folder = {"form.widgets.target_folder": site["a"].UID()}
    values = {
        **ELEMENT_VALUES,
        "plone.actions.Copy": folder,
        "plone.actions.Move": folder,
    }
    added = add_content_rule(webbred)
    rule_url = added.url.removesuffix("/@@manage-elements")
    manage = html.fromstring(added.text)
    offered = {
        kind: manage.xpath(
            f"//form[contains(@action, '+{kind}')]//select/option/@value"
        )
        for kind in ("condition", "action")
    }
    assert "plone.conditions.Group" in offered["condition"], offered
    assert {"plone.actions.Mail", "plone.actions.Versioning"} <= set(
        offered["action"]
    ), offered

    def check(name, answer):
        assert answer.status_code == 200, name
        texts = [
            t
            for t in shown(answer.text, "//main | //*[@id='content']")
            if not CODE.match(t.strip())
        ]
        if lines := english(texts):
            found[name] = lines

    found, headings = {}, {}
    for kind, names in offered.items():
        for name in names:
            url = f"{rule_url}/+{kind}/{name}"
            if name in NO_FORM:
                webbred.get(f"{url}?_authenticator={token(webbred, added.url)}")
                continue
            form = webbred.get(url)
            if form.url.endswith("/insufficient-privileges"):
                continue  # the TALES expression: Manager's
            check(f"{name}: lägg till", form)
            headings[name] = html.fromstring(form.text).xpath("string(//main//h1)")
            saved = form_post(webbred, url, values.get(name, {}), files=None)
            assert "/@@manage-elements" in saved.url, (name, saved.url)

    elements = html.fromstring(webbred.get(f"{rule_url}/@@manage-elements").text)
    edit_links = sorted(
        set(
            elements.xpath(
                "//a[contains(@href, '++condition++') "
                "or contains(@href, '++action++')]/@href"
            )
        )
    )
    assert len(edit_links) >= len(headings), edit_links
    for link in edit_links:
        check(f"{link.removeprefix(rule_url)}: ändra", webbred.get(link))
    page = webbred.get(f"{rule_url}/@@manage-elements")
    check("Regelns villkor och åtgärder", page)
    # Its summaries name a transition as the state menu does, not by its id
    # ("Utför övergång publish"), and a version saved without a comment is
    # no "kommentaren None".
    summary = " ".join(shown(page.text, "//main | //*[@id='content']"))
    assert re.search(r"Utför övergång [A-ZÅÄÖ]", summary), summary
    assert not re.search(r"\b(publish|archive|None)\b", summary), summary

    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
    edit = ("Ändra", "Redigera")
    assert [h for h in headings.values() if h.startswith(edit)] == [], headings


def test_the_validators_of_a_question_are_swedish(site):
    """A question's settings in the form editor, "Valideringar": the
    validators by Swedish titles ("Personnummer", "E-postadress"), not by
    their ids ("isEmail", "isPersonnummer"); those for US forms and
    technical ones (isUSPhoneNumber, isZipCode, isSSN…) only for IT."""
    portal_url = api.portal.get().absolute_url()
    url = f"{portal_url}/blanketter/fraga-hr/fields/amne/@@edit"
    xpath = "//select[contains(@name, 'IFieldExtender.validators')]//option"

    def options(page_html):
        page = html.fromstring(page_html)
        return {o.get("value"): o.text_content().strip() for o in page.xpath(xpath)}

    webbred = options(browser("webbred").get(url).text)
    assert webbred, "no Valideringar on the question's settings"
    assert webbred["isPersonnummer"] == "Personnummer"
    assert webbred["isEmail"] == "E-postadress"
    assert [title for title in webbred.values() if re.match(r"i[sn][A-Z]", title)] == []
    assert english(webbred.values()) == []
    assert not {"isUSPhoneNumber", "isZipCode", "isSSN"} & set(webbred)

    it = options(get(url, user=SITE_OWNER_NAME).text)
    assert it["isUSPhoneNumber"] == "Amerikanskt telefonnummer"
