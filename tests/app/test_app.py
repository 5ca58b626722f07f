"""The intranet as an installable web app (issue 17), over real HTTP: the
manifest and its icons, the service worker, the offline page, the head of
every page for members, the pocket pages (``@offline-sidor``), ``@webbapp``,
Tillgänglig offline in the edit form, and that none of it writes."""

from DateTime import DateTime
from io import BytesIO
from lxml import html
from PIL import Image
from plone import api
from plone.app.textfield.value import RichTextValue
from solna.intranet.app import assets
from solna.intranet.app.pocket import LIMIT
from solna.intranet.app.pocket import pocket_pages
from solna.intranet.personal import favorites
from tests.fixtures.http import get
from tests.fixtures.http import session
from tests.fixtures.staff import create_as

import json
import pytest
import re
import requests
import transaction


MEMBER = "olle.medarbetare"


def portal_url():
    return api.portal.get().absolute_url()


@pytest.fixture
def pocket(site):
    """Olle works at Solgläntan, keeps a favourite, and the HR section has a
    routine marked Tillgänglig offline, one not marked, and a draft marked
    (Olle may not see it)."""
    api.user.get(username=MEMBER).setMemberProperties(
        {"unit": api.content.get_uuid(site["a"]), "profession": "forskollarare"}
    )
    with api.env.adopt_roles(["Manager"]):
        routine = api.content.create(
            container=site["hr"],
            type="Document",
            id="brandlarm",
            title="Rutin vid brandlarm",
            available_offline=True,
            text=RichTextValue("<p>Ring 112. Samling vid flaggstången.</p>"),
        )
        plain = api.content.create(
            container=site["hr"], type="Document", id="semester", title="Semester"
        )
        draft = api.content.create(
            container=site["hr"],
            type="Document",
            id="utkast",
            title="Utkast till krisplan",
            available_offline=True,
        )
        for item in (routine, plain):
            api.content.transition(item, to_state="published")
    favorites.add(MEMBER, api.content.get_uuid(plain))
    transaction.commit()
    return {"routine": routine, "plain": plain, "draft": draft}


# --- The manifest and its icons ---------------------------------------------


def test_the_manifest_names_the_intranet_in_swedish_with_its_own_icons(site):
    answer = get(f"{portal_url()}/manifest.webmanifest")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/manifest+json")
    manifest = answer.json()
    assert manifest["name"] == "Solna intranät"
    assert manifest["short_name"] == "Intranätet"
    assert len(manifest["short_name"]) <= 12
    assert manifest["lang"] == "sv"
    assert manifest["dir"] == "ltr"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == portal_url()
    assert manifest["description"].startswith("Solna stads intranät")
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert [s["name"] for s in manifest["shortcuts"]] == [
        "Hitta kontakt",
        "Mina ärenden",
    ]
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert purposes == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }
    for icon in manifest["icons"]:
        assert f"?v={assets.version()}" in icon["src"]
        png = requests.get(icon["src"], timeout=30)  # public, like Plone's own
        assert png.status_code == 200
        image = Image.open(BytesIO(png.content))
        assert image.format == "PNG"
        assert f"{image.width}x{image.height}" == icon["sizes"]
        if icon["purpose"] == "maskable":
            # Full bleed: no transparent corner for the phone's mask to show.
            assert image.convert("RGBA").getpixel((0, 0))[3] == 255


def test_the_other_icons_are_drawn_at_their_sizes():
    for name, size, mode in (
        ("apple-touch-icon.png", 180, "RGB"),  # iOS: no transparency
        ("badge-96.png", 96, "RGBA"),
        ("favicon-32.png", 32, "RGBA"),
    ):
        image = Image.open(assets.STATIC / "app" / name)
        assert image.size == (size, size)
        assert image.mode == mode
    # The badge is monochrome: white on transparent.
    badge = Image.open(assets.STATIC / "app" / "badge-96.png")
    colours = {pixel[:3] for pixel in badge.getdata() if pixel[3] > 200}
    assert colours == {(255, 255, 255)}
    assert "<svg" in (assets.STATIC / "app" / "icon.svg").read_text()


# --- Members only ---------------------------------------------------------------


def test_anonymous_gets_the_login_page_like_everywhere(site):
    for path in ("manifest.webmanifest", "sw.js", "@@offline", "offline"):
        answer = requests.get(
            f"{portal_url()}/{path}", allow_redirects=False, timeout=30
        )
        assert answer.status_code == 302, path
        assert "login" in answer.headers["Location"]
    for name in ("@webbapp", "@offline-sidor"):
        answer = requests.get(
            f"{portal_url()}/++api++/{name}",
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert answer.status_code == 401, name


# --- The head of every page -------------------------------------------------------


def test_every_page_of_a_member_links_the_manifest_and_the_worker(site):
    for path in ("", "/bou/solglantan", "/@@hitta-kontakt"):
        page = html.fromstring(get(f"{portal_url()}{path}").text)
        (link,) = page.xpath('//head/link[@rel="manifest"]')
        assert link.get("href") == f"{portal_url()}/manifest.webmanifest"
        assert link.get("crossorigin") == "use-credentials"
        assert page.xpath('//head/meta[@name="theme-color"]/@content')
        (touch,) = page.xpath(
            '//head/link[contains(@rel, "apple-touch-icon")][@sizes="180x180"]/@href'
        )
        assert touch == assets.url(portal_url(), "app/apple-touch-icon.png")
        assert page.xpath('//head/meta[@name="apple-mobile-web-app-capable"]')
        assert page.xpath('//head/meta[@name="mobile-web-app-capable"]')
        assert page.xpath(
            '//head/meta[@name="apple-mobile-web-app-title"]/@content'
        ) == ["Intranätet"]
        (script,) = page.xpath('//script[@id="solna-app"]')
        assert script.get("src") == assets.url(portal_url(), "app/app.js")
        config = json.loads(script.get("data-config"))
        assert config["worker"] == f"{portal_url()}/sw.js"
        assert config["scope"] == portal_url()
        assert re.fullmatch(r"[0-9a-f]{32}", config["member"])
        assert config["start"] == (path == "")
        assert config["texts"]["saved"] == "Sparad för offline ${date}"
    # The login page (Anonymous) has none of it, and names nobody: the
    # worker empties its caches there.
    answer = requests.get(f"{portal_url()}/login", timeout=30)
    assert answer.headers["X-Solna-Member"] == ""
    login = html.fromstring(answer.text)
    assert not login.xpath('//link[@rel="manifest"] | //script[@id="solna-app"]')

    # Every answer names its member, opaquely.
    olle = get(f"{portal_url()}/@@hitta-kontakt")
    chef = get(f"{portal_url()}/@@hitta-kontakt", user="chef.a")
    rest = session(MEMBER).get(f"{portal_url()}/++api++/@webbapp", timeout=30)
    tags = olle.headers["X-Solna-Member"], chef.headers["X-Solna-Member"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", t) for t in tags)
    assert tags[0] != tags[1]
    assert rest.headers["X-Solna-Member"] == tags[0]
    assert MEMBER not in tags[0]
    assert config["member"] == tags[0]
    # A 404 while traversing (before anyone is known) names nobody, so the
    # worker does not take it for a signed-out answer.
    missing = get(f"{portal_url()}/finns-inte")
    assert missing.status_code == 404
    assert "X-Solna-Member" not in missing.headers

    # REST @webbapp answers the same manifest.
    webapp = session(MEMBER).get(f"{portal_url()}/++api++/@webbapp", timeout=30)
    manifest = get(f"{portal_url()}/manifest.webmanifest").json()
    assert webapp.json()["manifest"] == manifest
    assert webapp.json()["manifest_url"] == f"{portal_url()}/manifest.webmanifest"
    assert webapp.json()["service_worker"] == f"{portal_url()}/sw.js"
    assert webapp.json()["scope"] == portal_url()
    assert webapp.json()["version"] == assets.version()

    # The service worker: JavaScript of this version, for the whole site.
    answer = get(f"{portal_url()}/sw.js")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/javascript")
    # Checked by the browser each time; private as every answer that is not
    # a static file (caching/policy.py).
    assert answer.headers["Cache-Control"] == "private, no-cache"
    assert answer.headers["Service-Worker-Allowed"] == "/plone"
    config = json.loads(re.search(r"const CONFIG = (\{.*\});", answer.text).group(1))
    assert config["version"] == assets.version()
    assert config["portal"] == portal_url()
    assert config["offline"] == f"{portal_url()}/@@offline"
    assert config["pocket"] == f"{portal_url()}/++api++/@offline-sidor"
    assert f"{portal_url()}/logout" in config["signOut"]
    assert f"{portal_url()}/login" in config["signOut"]
    assert 'addEventListener("fetch"' in answer.text
    if assets.has_push_worker():
        assert config["push"] == assets.url(portal_url(), "push/push-sw.js")
        assert "importScripts(CONFIG.push)" in answer.text


# --- Pocket pages --------------------------------------------------------------


def test_the_pocket_pages_are_her_unit_favourites_and_pages_marked_offline(
    site, pocket, functional_portal
):
    db = functional_portal._p_jar.db()
    get(f"{portal_url()}/@@hitta-kontakt")  # see below
    before = db.lastTransaction()

    # The offline page, in Swedish.
    page = html.fromstring(get(f"{portal_url()}/@@offline").text)
    assert page.xpath('string(//*[@id="content"]//h1)').strip() == "Du är offline"
    assert page.xpath('//ul[@id="solna-offline-pages"]')
    none = page.xpath('string(//*[@id="solna-offline-none"])')
    assert "Inga sidor är sparade" in none
    assert page.xpath('//a[normalize-space()="Försök igen"]/@href') == [portal_url()]

    answer = session(MEMBER).get(f"{portal_url()}/++api++/@offline-sidor", timeout=30)
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert [(i["kind"], i["title"]) for i in items] == [
        ("unit", "Solgläntan"),
        ("favorite", "Semester"),
        ("offline", "Rutin vid brandlarm"),
    ]
    assert items[0]["url"] == site["a"].absolute_url()
    assert all(re.match(r"\d{4}-\d\d-\d\dT", i["modified"]) for i in items)
    # The draft marked offline is not hers to see, so not hers to keep.
    assert "Utkast till krisplan" not in answer.text
    # The editor who may see the draft keeps it.
    webbred = session("webbred").get(
        f"{portal_url()}/++api++/@offline-sidor", timeout=30
    )
    assert "Utkast till krisplan" in {i["title"] for i in webbred.json()["items"]}
    # REST answers what the worker keeps: the same function.
    with api.env.adopt_user(username=MEMBER):
        assert items == pocket_pages(MEMBER)
    assert answer.json()["items_total"] == len(items)

    # None of it, nor the other pages of the app, wrote anything. (The first
    # page a fresh site renders writes once, whatever it is: done above.)
    member = requests.Session()
    member.auth = (MEMBER, "Hemligt-losen-1")
    for path in (
        "",
        "/bou/solglantan",
        "/sw.js",
        "/manifest.webmanifest",
        "/++api++/@webbapp",
    ):
        assert member.get(f"{portal_url()}{path}", timeout=30).status_code == 200
    assert db.lastTransaction() == before

    # A page both favourite and marked offline is listed once, as a favourite.
    favorites.add(MEMBER, api.content.get_uuid(pocket["routine"]))
    transaction.commit()
    answer = session(MEMBER).get(f"{portal_url()}/++api++/@offline-sidor")
    items = answer.json()["items"]
    routine = [i for i in items if i["title"] == "Rutin vid brandlarm"]
    assert [i["kind"] for i in routine] == ["favorite"]


def test_the_pocket_list_is_capped_newest_first(integration, workplace):
    """43 marked pages, all modified within one minute (the catalog's
    ``modified`` index keeps minutes): the 40 kept are the newest to the
    second, here the first and the last made, whichever order the catalog
    gives pages of one minute."""
    minute = DateTime("2026/11/02 10:15:00 Europe/Stockholm")
    newest = {0: 59, LIMIT + 2: 58}  # page number: second of the minute
    with api.env.adopt_roles(["Manager"]):
        for number in range(LIMIT + 3):
            page = api.content.create(
                container=workplace["hr"],
                type="Document",
                id=f"rutin-{number}",
                title=f"Rutin {number}",
                available_offline=True,
            )
            api.content.transition(page, to_state="published")
            second = newest.get(number, number % 50)
            page.setModificationDate(minute + second / 86400)
            page.reindexObject(idxs=["modified"])
    with api.env.adopt_user(username=MEMBER):
        items = pocket_pages(MEMBER)
    assert len(items) == LIMIT == 40
    assert [i["modified"] for i in items] == sorted(
        (i["modified"] for i in items), reverse=True
    )
    assert [i["title"] for i in items[:2]] == ["Rutin 0", f"Rutin {LIMIT + 2}"]


# --- Tillgänglig offline in the edit form ---------------------------------------


def test_editors_mark_a_page_available_offline_in_swedish(site):
    page = create_as("red.a", site["a"], "Document", "Telefonlista vid nödläge")
    transaction.commit()
    form = html.fromstring(get(f"{page.absolute_url()}/edit", user="red.a").text)
    (field,) = form.xpath(
        '//input[@name="form.widgets.IOffline.available_offline:list"]'
    )
    label = form.xpath(
        'string(//*[@id="formfield-form-widgets-IOffline-available_offline"])'
    )
    assert "Tillgänglig offline" in label
    assert "Sidan sparas i telefonen hos alla som kan se den" in label
    assert field.get("type") == "checkbox"


def test_routines_too_can_be_marked_available_offline(integration, workplace):
    """Regler (routines, HR's rules) get the same switch as Sida: a marked
    rule is found by the pocket pages' index."""
    types = api.portal.get_tool("portal_types")
    assert "solna.offline" in types["solna.Rule"].behaviors
    with api.env.adopt_roles(["Manager"]):
        rule = api.content.create(
            container=workplace["hr"],
            type="solna.Rule",
            id="rutin-vid-brand",
            title="Rutin vid brand",
            category="ledighet",
            available_offline=True,
        )
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(available_offline=True)
    assert rule.UID() in {b.UID for b in found}
