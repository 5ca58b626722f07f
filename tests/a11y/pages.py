"""Every page type each role uses, and the world they need.

The world is the workplace of tests/fixtures/workplace.py with the news of
tests/fixtures/news.py (``workplace_news``), plus what the pages show when
they are in use: a news item in Solgläntan with a published comment and a
held one (its unit moderated), a rule and an answer in HR, a community
with a topic, a star on a page, a case sent with the form "Förslag och
idéer" (handled by ``handlaggare``), a working copy of a rule in review
(checked in by ``hr-granskare``).

``PAGES[role]`` = (login, [Page, ...]); the login ``None`` is a visitor not
signed in. Paths are relative to the site's URL.

For History's Jämför, a draft news item in Solgläntan (``DRAFT``, only its
writer and the unit's editors see it) has a second revision that changed
its text, priority, publishing date, audience and must-read.
"""

from DateTime import DateTime
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.a11y.walk import Page
from tests.fixtures.comments import comment
from tests.fixtures.comments import set_moderation
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import token
from tests.fixtures.staff import create_as

import datetime
import transaction


UNIT = "bou/solglantan"
NEWS_ITEM = f"{UNIT}/utflykt"
DRAFT = f"{UNIT}/sommarfest"
HR = "hr"
FORM = "blanketter/forslag-och-ideer"
TINYMCE = ".tox-tinymce"


def build_world(places):
    """Add to the workplace what the pages show (see the module's
    docstring); committed."""
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="olle.medarbetare").setMemberProperties(
            {"fullname": "Olle Medarbetare"}
        )
        answer = api.content.create(
            container=places["hr"],
            type="solna.Answer",
            id="semesterdagar",
            title="Hur många semesterdagar har jag?",
            category="ledighet",
        )
        rule = api.content.create(
            container=places["hr"],
            type="solna.Rule",
            id="semester",
            title="Semester",
            category="ledighet",
            legal_basis="Semesterlagen, AB § 27",
            in_force_from=datetime.date(2026, 1, 1),
            review_date=datetime.date(2027, 6, 1),
        )
        community = api.content.create(
            container=portal["natverk"],
            type="solna.Community",
            id="forskollarare",
            title="Förskollärare i Solna",
            members=["olle.medarbetare"],
            moderators=["red.a"],
        )
        api.content.create(
            container=community,
            type="solna.Topic",
            id="regn",
            title="Utomhuspedagogik när det regnar",
            text="Hur gör ni när det regnar hela veckan?",
        )
        for obj in (answer, rule):
            api.content.transition(obj, to_state="published")
    # A rule HR is writing (a draft: a published rule is edited as a copy).
    draft = create_as("hr.red", places["hr"], "solna.Rule", "Friskvård")
    with api.env.adopt_roles(["Manager"]):
        api.content.rename(obj=draft, new_id="friskvard")
    item = create_as("red.a", places["a"], "News Item", "Utflykt till Igelbäcken")
    with api.env.adopt_roles(["Manager"]):
        api.content.rename(obj=item, new_id="utflykt")
        api.content.transition(item, to_state="published")
    revised_draft(places)
    transaction.commit()
    # A published comment, then (the unit moderated) a held one.
    comment("red.b", item, "Vi tar med fika!")
    set_moderation(places["a"], "premoderated")
    comment("olle.medarbetare", item, "Får man ta med hund?")
    # A working copy of the rule, sent for review: HR's reviewer's check-in.
    rule_url = rule.absolute_url()
    checked_out = session("hr.red").post(f"{rule_url}/@workingcopy")
    assert checked_out.status_code == 201, checked_out.text
    copy_url = checked_out.json()["@id"]
    assert session("hr.red").post(f"{copy_url}/@workflow/submit").ok
    # A star on Mitt intranät.
    s = browser("olle.medarbetare")
    s.post(
        f"{places['hr'].absolute_url()}/@@favoriter",
        data={"_authenticator": token(s, places["hr"].absolute_url())},
    )
    transaction.begin()


def revised_draft(places):
    """DRAFT with two revisions (its first when it was added): the second
    changed its text, priority, publishing date, audience and must-read."""
    draft = create_as(
        "red.a",
        places["a"],
        "News Item",
        "Sommarfest på Solgläntan",
        text=RichTextValue("<p>Vi grillar på gården.</p>", "text/html", "text/html"),
        priority="normal",
        audience_units=[places["a"].UID()],
        must_read=False,
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.rename(obj=draft, new_id="sommarfest")
    with api.env.adopt_user(username="red.a"):
        draft.text = RichTextValue(
            "<p>Vi grillar på gården klockan 15.</p>", "text/html", "text/html"
        )
        draft.priority = "viktig"
        draft.setEffectiveDate(DateTime("2026-12-01T14:49:00+01:00"))
        draft.audience_units = [places["a"].UID(), places["b"].UID()]
        draft.audience_professions = ["forskollarare"]
        draft.must_read = True
        draft.notifyModified()
        api.portal.get_tool("portal_repository").save(draft, comment="Tid och plats")


def fill_in_form(driver, portal_url):
    """Send "Förslag och idéer" as a member does: its sent page."""
    from selenium.webdriver.common.by import By

    driver.get(f"{portal_url}/{FORM}")
    _wait(driver, "#form-widgets-rubrik")
    driver.find_element(By.ID, "form-widgets-rubrik").send_keys("Fler bänkar")
    driver.find_element(By.ID, "form-widgets-forslag").send_keys(
        "Fler bänkar på gården."
    )
    _submit(driver)


def form_with_errors(driver, portal_url):
    """Send "Förslag och idéer" with its required answers empty (the
    browser's own check off): the page with the errors."""
    driver.get(f"{portal_url}/{FORM}")
    _wait(driver, "#form-widgets-rubrik")
    driver.execute_script(
        "for (const f of document.querySelectorAll('form')) f.noValidate = true;"
        "for (const e of document.querySelectorAll('[required]'))"
        "  e.removeAttribute('required');"
    )
    _submit(driver)


def _send_empty(driver, url, button, empty=""):
    """Open ``url``, empty the fields ``empty`` (CSS) finds and press
    ``button`` (CSS), the browser's own check off: the page with its
    errors."""
    from selenium.webdriver.common.by import By
    from tests.fixtures.phone import mark_page
    from tests.fixtures.phone import next_page

    driver.get(url)
    _wait(driver, button)
    driver.execute_script(
        "for (const f of document.querySelectorAll('form')) f.noValidate = true;"
        "if (arguments[0])"
        "  for (const e of document.querySelectorAll(arguments[0])) e.value = '';",
        empty,
    )
    mark_page(driver)
    driver.execute_script(
        "arguments[0].click()", driver.find_element(By.CSS_SELECTOR, button)
    )
    next_page(driver)


def quick_news_with_errors(driver, portal_url):
    """Chefens sida's "Publicera en nyhet" sent empty."""
    _send_empty(
        driver,
        f"{portal_url}/@@chefens-sida",
        ".solna-quick-news form button[type='submit']",
    )


def choice_with_errors(driver, portal_url):
    """Din enhet och ditt yrke saved with neither chosen (nothing saved:
    the member keeps her unit and profession)."""
    _send_empty(
        driver,
        f"{portal_url}/@@valj-enhet",
        ".solna-choice [name='save']",
        ".solna-choice select",
    )


def workflow_menu(driver, portal_url):
    """The news item with its workflow menu (state and next steps) open."""
    from selenium.webdriver.common.by import By

    driver.get(f"{portal_url}/{NEWS_ITEM}")
    _wait(driver, "#plone-contentmenu-workflow a")
    toggle = driver.find_element(By.CSS_SELECTOR, "#plone-contentmenu-workflow > a")
    driver.execute_script("arguments[0].click()", toggle)


def report_page(driver, portal_url):
    """The news item's first "Anmäl…", followed: the page asking why."""
    driver.get(f"{portal_url}/{NEWS_ITEM}")
    _wait(driver, "a.action-report")
    href = driver.execute_script(
        "return document.querySelector('a.action-report').href"
    )
    driver.get(href)
    _wait(driver, "form[action$='@@anmal'] textarea")


def push_prompt(driver, portal_url):
    """Mitt intranät on her fifth view (push.js counts them in
    localStorage): "Vill du få notiser i telefonen?" shown."""
    driver.get(f"{portal_url}/")
    driver.execute_script(
        "localStorage.removeItem('solna.push.dismissed');"
        "localStorage.setItem('solna.push.visits', JSON.stringify("
        "{days: [], views: 10}));"
    )
    driver.get(f"{portal_url}/")
    _wait(driver, ".solna-push-prompt:not([hidden]) .solna-push-no")


#: The link and image dialog (mockup's linkmodal) on the screen.
DIALOG = ".modal.show .linkModal"


def _editor(driver, portal_url, button):
    """A new news item's editor with TinyMCE's toolbar button ``button``
    (ploneimage, plonelink) tapped: its dialog shown."""
    from selenium.webdriver.common.by import By
    from tests.fixtures.phone import tap_found

    driver.get(f"{portal_url}/{UNIT}/++add++News Item")
    _wait(driver, f"{TINYMCE} [data-mce-name='{button}']")
    tap_found(driver, By.CSS_SELECTOR, f"{TINYMCE} [data-mce-name='{button}']")
    _wait(driver, DIALOG)


def image_dialog(driver, portal_url):
    """TinyMCE's Infoga bild."""
    _editor(driver, portal_url, "ploneimage")
    _wait(driver, f"{DIALOG} .content-browser-selected-items-wrapper a.btn")


def link_dialog(driver, portal_url):
    """TinyMCE's Infoga länk."""
    _editor(driver, portal_url, "plonelink")


def content_browser(driver, portal_url):
    """Infoga bild → Välj eller ladda upp: the content browser, its
    columns filled in (images can be chosen, folders opened, the rest
    shown but not chosen)."""
    from selenium.webdriver.common.by import By
    from tests.fixtures.phone import tap_found

    image_dialog(driver, portal_url)
    tap_found(
        driver,
        By.CSS_SELECTOR,
        f"{DIALOG} .content-browser-selected-items-wrapper a.btn",
    )
    _wait(driver, ".content-browser .levelItems .contentItem")


def upload_panel(driver, portal_url):
    """The content browser's Ladda upp: its file drop zone and progress."""
    from selenium.webdriver.common.by import By
    from tests.fixtures.phone import tap_found

    content_browser(driver, portal_url)
    tap_found(driver, By.CSS_SELECTOR, ".content-browser .toolBar button.upload")
    _wait(driver, ".content-browser .upload-wrapper .progress-bar")


def _wait(driver, css):
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.a11y.walk import WAIT

    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return !!document.querySelector(arguments[0])", css)
    )


def _submit(driver):
    from selenium.webdriver.common.by import By
    from tests.fixtures.phone import mark_page
    from tests.fixtures.phone import next_page

    button = driver.find_element(By.NAME, "form.buttons.submit")
    mark_page(driver)
    driver.execute_script("arguments[0].click()", button)
    next_page(driver)


P = Page
PAGES = {
    "anonym": (
        None,
        [
            P("Logga in", "login", "form#login-form, form [name='__ac_name']"),
            P("Engångskod", "@@engangskod"),
            P("Glömt lösenord", "mail_password_form"),
        ],
    ),
    "medarbetare": (
        "olle.medarbetare",
        [
            P("Mitt intranät", "", ".solna-news, #content"),
            P(
                "Mitt intranät: notiser i telefonen?",
                "",
                ".solna-push-prompt:not([hidden])",
                action=push_prompt,
            ),
            P("Nyheter", "@@nyheter"),
            P("Alla nyheter", "@@nyheter?alla=1"),
            P("Välj enhet", "@@valj-enhet"),
            P(
                "Välj enhet med fel",
                "",
                ".solna-choice .invalid-feedback",
                action=choice_with_errors,
            ),
            P("Nyhet med kommentarer", NEWS_ITEM, "#commenting, .discussion"),
            P(
                "Anmäl en kommentar",
                NEWS_ITEM,
                "form[action$='@@anmal'] textarea",
                action=report_page,
            ),
            P("Hitta kontakt: sökning", "@@hitta-kontakt?q=chef"),
            P("Person", f"{UNIT}/chef-a"),
            P("Enhet", UNIT),
            P("Organisation", "@@organisation"),
            P("Regler (HR)", HR),
            P("Regel", f"{HR}/semester"),
            P("Frågor och svar", "@@fragor-och-svar"),
            P("Svar", f"{HR}/semesterdagar"),
            P("Blanketter", "blanketter"),
            P("Blankett", FORM, "#form-widgets-rubrik"),
            P("Blankett med fel", "", "#content", action=form_with_errors),
            P("Blankett skickad", "", "#content", action=fill_in_form),
            P("Mina ärenden", "@@mina-arenden"),
            P("Nätverk", "natverk"),
            P("Nätverk: en grupp", "natverk/forskollarare"),
            P("Nätverk: en diskussion", "natverk/forskollarare/regn"),
            P("Notiser", "@@notiser"),
            P("Personlig information", "@@personal-information"),
            P("Inställningar", "@@personal-preferences"),
            P("Aviseringar", "@@aviseringar"),
            P("Inloggade enheter", "@@mina-enheter"),
            P("Sökresultat", "@@search?SearchableText=semester"),
            P("Sök: filtrerat", "@@search?SearchableText=semester&type=solna.Rule"),
            P("Sök: menade du", "@@search?SearchableText=semestr"),
            P("Webbplatskarta", "sitemap"),
            P("Kontaktformulär", "contact-info"),
            P("Sidan finns inte", "finns-inte", "body"),
        ],
    ),
    "chef": (
        "chef.a",
        [
            P("Chefens sida", "@@chefens-sida"),
            P(
                "Chefens sida: nyhet med fel",
                "",
                ".solna-quick-news .invalid-feedback",
                action=quick_news_with_errors,
            ),
            P("Moderering (enhet)", f"{UNIT}/@@moderering"),
            P("Inaktuellt innehåll", f"{UNIT}/@@inaktuellt-innehall"),
            P("Statistik (enhet)", f"{UNIT}/@@statistik"),
        ],
    ),
    "redaktor": (
        "red.a",
        [
            P("Ny nyhet", f"{UNIT}/++add++News Item", TINYMCE),
            P("Redigera nyhet", f"{NEWS_ITEM}/edit", TINYMCE),
            P("Redigera enhet", f"{UNIT}/edit", TINYMCE),
            P("Infoga bild", "", DIALOG, action=image_dialog),
            P("Infoga bild: välj", "", ".content-browser", action=content_browser),
            P("Infoga bild: ladda upp", "", ".upload-wrapper", action=upload_panel),
            P("Infoga länk", "", DIALOG, action=link_dialog),
            P("Innehåll (mapp)", f"{UNIT}/folder_contents", ".pat-structure table"),
            P("Historik", f"{NEWS_ITEM}/@@historyview"),
            P(
                "Historik: jämför",
                f"{DRAFT}/@@history?one=current&two=0",
                "#content-core .solna-value-diff",
            ),
            P(
                "Arbetsflödesmenyn",
                "",
                "#plone-contentmenu-workflow",
                action=workflow_menu,
            ),
        ],
    ),
    "hr": (
        "hr.red",
        [
            P("Ny regel", f"{HR}/++add++solna.Rule", TINYMCE),
            P("Redigera regel", f"{HR}/friskvard/edit", TINYMCE),
        ],
    ),
    "hr-granskare": (
        "hr.gransk",
        [P("Checka in", f"{HR}/semester-arbetskopia/@@content-checkin")],
    ),
    "handlaggare": (
        "handlaggare",
        [P("Ärenden (blankett)", f"{FORM}/@@arenden")],
    ),
    "kommunikator": (
        "kommunikator",
        [
            P("Moderering", "@@moderering"),
            P("Granskningslista", "full_review_list"),
            P("Statistik", "@@statistik"),
        ],
    ),
    "webbred": (
        "webbred",
        [
            P("Innehåll (nyheter)", "nyheter/folder_contents", ".pat-structure table"),
            P("Dela", "nyheter/@@sharing"),
            P("Hantera portletar", "nyheter/@@manage-portlets", "select.add-portlet"),
            P("Blankettens fält", f"{FORM}/fields", "#content"),
            P("Moderering av kommentarer", "@@moderate-comments"),
            P("Webbplatsinställningar", "@@overview-controlpanel"),
            P("Navigering", "@@navigation-controlpanel"),
            P("Webbadresser", "@@redirection-controlpanel"),
            P("Webbplatsen", "@@site-controlpanel"),
            P("Innehållsinställningar", "@@content-controlpanel"),
            P("Användare och grupper", "@@usergroup-userprefs"),
        ],
    ),
}
