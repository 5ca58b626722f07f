"""Tillgänglighetsredogörelse: the statement the profile creates, in the
structure DIGG prescribes ("Skapa en tillgänglighetsredogörelse", digg.se;
lagen (2018:1937) om tillgänglighet till digital offentlig service), where
Plone's accessibility page and site action lead, who may edit it, and the
form it links to for reporting a barrier."""

from lxml import html
from plone import api
from solna.intranet.accessibility.setup import install
from solna.intranet.accessibility.statement import REPORT_FORM
from solna.intranet.accessibility.statement import SECTIONS
from solna.intranet.accessibility.statement import STATEMENT_ID
from solna.intranet.accessibility.statement import swedish_date
from tests.fixtures.forms import FilledForm
from tests.fixtures.http import browser
from tests.fixtures.http import session

import datetime
import transaction


STAFF = "olle.medarbetare"


def test_the_statement_says_what_digg_asks_and_only_webbredaktorer_edit_it(site):
    portal = api.portal.get()
    url = f"{portal.absolute_url()}/{STATEMENT_ID}"
    response = browser(STAFF).get(url)
    assert response.status_code == 200
    page = html.fromstring(response.text)
    content = page.xpath('//*[@id="content"]')[0]
    (title,) = content.xpath(".//h1")
    assert title.text_content().strip() == "Tillgänglighetsredogörelse"
    # DIGG's sections, in its order, and the mandatory facts.
    headings = [
        " ".join(h.text_content().split()) for h in content.xpath(".//h2 | .//h3")
    ]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    text = " ".join(content.text_content().split())
    assert "Solna stad står bakom Solna stads intranät" in text
    assert "delvis förenligt" in text
    assert "PDF-filer" in text  # what is not accessible, honestly
    assert "Oskäligt betungande anpassning" in text
    assert "Innehåll som inte omfattas av lagkraven" in text
    today = swedish_date(datetime.date.today())
    assert f"Senaste bedömningen gjordes den {today}" in text
    assert f"Redogörelsen uppdaterades senast den {today}" in text
    links = {a.text_content().strip(): a.get("href") for a in content.iter("a")}
    form = portal["blanketter"][REPORT_FORM]
    assert links["Rapportera tillgänglighetsbrist"] == form.absolute_url()
    assert links["anmäla det till Digg"] == "https://www.digg.se/tdosanmalan"

    # Plone's accessibility page and the site action lead here.
    moved = browser(STAFF).get(
        f"{portal.absolute_url()}/@@accessibility-info", allow_redirects=False
    )
    assert moved.status_code == 302
    assert moved.headers["Location"] == url
    action = portal.portal_actions.site_actions.accessibility
    assert action.getProperty("url_expr").endswith(f"/{STATEMENT_ID}")

    # A Webbredaktör edits it; a member does not.
    changed = {"description": "Uppdaterad av webbredaktionen."}
    assert session("webbred").patch(url, json=changed).status_code == 204
    assert session(STAFF).patch(url, json=changed).status_code in (401, 403)
    edit = browser("webbred").get(f"{url}/@@edit")
    assert edit.status_code == 200
    assert "form.widgets.IRichTextBehavior.text" in edit.text
    denied = browser(STAFF).get(f"{url}/@@edit")
    assert "form.widgets.IRichTextBehavior.text" not in denied.text


def test_a_member_reports_a_barrier_from_the_statement(site):
    portal = api.portal.get()
    statement = browser(STAFF).get(f"{portal.absolute_url()}/{STATEMENT_ID}")
    link = html.fromstring(statement.text).xpath(
        '//*[@id="content"]//a[normalize-space()="Rapportera tillgänglighetsbrist"]'
        "/@href"
    )[0]
    form = FilledForm(browser(STAFF), link)
    sent = form.submit(
        {
            "var": "Hitta kontakt",
            "beskrivning": "Sökknappen går inte att nå med tangentbordet.",
        }
    )
    assert sent.status_code == 200
    assert "Tack, vi har tagit emot det du skickade" in sent.text
    json = {"Accept": "application/json"}
    mine = browser(STAFF).get(f"{portal.absolute_url()}/@mina-arenden", headers=json)
    assert [c["form"] for c in mine.json()["items"]] == [
        "Rapportera tillgänglighetsbrist"
    ]
    # The case reaches the handlers of the form (the kommunikatörer).
    cases = browser("kommunikator").get(f"{link}/@arenden", headers=json)
    assert [c["submitter"] for c in cases.json()["items"]] == [STAFF]


def test_install_creates_a_missing_statement_and_keeps_an_edited_one(portal):
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal[STATEMENT_ID])
    transaction.savepoint()
    assert STATEMENT_ID not in portal
    install(portal)
    page = portal[STATEMENT_ID]
    assert page.Title() == "Tillgänglighetsredogörelse"
    assert api.content.get_state(page) == "published"
    assert page.exclude_from_nav
    assert "Rapportera brister i intranätets tillgänglighet" in page.text.raw
    page.title = "Tillgänglighetsredogörelse för intranätet"
    install(portal)
    assert portal[STATEMENT_ID].Title() == "Tillgänglighetsredogörelse för intranätet"
