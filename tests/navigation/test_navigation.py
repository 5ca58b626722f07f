"""Task-first navigation over real HTTP (issue 18): the top navigation lists
the member's tasks, not the förvaltningar; the bottom bar is on every staff
page with the current section marked, never on the login page; the
Organisation page and REST @organisation give the unit tree from the
catalog; phone links say whom they call. (Sizes and the bar on a phone:
tests/browser/test_navigation_on_a_phone.py.)"""

from lxml import html
from plone import api
from solna.intranet.navigation.viewlets import section_of
from tests.fixtures.http import get

import requests


TASKS = [
    "Hem",
    "Nyheter",
    "Hitta kontakt",
    "Blanketter",
    "Frågor och svar",
    "Organisation",
]
BAR = ["Hem", "Nyheter", "Hitta kontakt", "Blanketter", "Mer"]
MORE = [
    "Sök",
    "Frågor och svar",
    "Mina ärenden",
    "Nätverk",
    "Notiser",
    "Mina favoriter",
    "Organisation",
    "Min profil",
    "Logga ut",
]


def texts(elements):
    return [" ".join(e.text_content().split()) for e in elements]


def test_top_navigation_lists_tasks_not_forvaltningar(organisation_site):
    """The ☰ menu (portal_tabs, generated tabs off): the tasks, and the
    units only under Organisation."""
    assert api.portal.get_registry_record("plone.generate_tabs") is False
    page = html.fromstring(get(f"{organisation_site}/@@hitta-kontakt").text)
    links = page.xpath('//*[@id="portal-globalnav"]//a')
    assert texts(links) == TASKS
    assert links[-1].get("href") == f"{organisation_site}/@@organisation"
    assert "Barn- och utbildningsförvaltningen" not in texts(links)
    current = page.xpath('//*[@id="portal-globalnav"]//a[@aria-current="page"]')
    assert texts(current) == ["Hitta kontakt"]


def test_bottom_bar_marks_the_current_section(organisation_site):
    site = organisation_site
    page = html.fromstring(get(f"{site}/@@hitta-kontakt").text)
    (bar,) = page.xpath('//nav[@id="solna-tabbar"]')
    assert bar.get("aria-label") == "Genvägar"
    tabs = bar.xpath("./ul/li/a | ./ul/li/details/summary")
    assert texts(tabs) == BAR
    assert [t.get("aria-current") for t in tabs] == [None, None, "page", None, None]
    assert texts(bar.xpath('.//ul[@class="solna-more-menu"]//a')) == MORE
    hrefs = [a.get("href") for a in bar.xpath(".//a")]
    assert hrefs[:4] == [
        site,
        f"{site}/@@nyheter",
        f"{site}/@@hitta-kontakt",
        f"{site}/blanketter",
    ]
    assert f"{site}/logout" in hrefs
    # A script of its own (the CSP forbids inline scripts).
    (script,) = bar.xpath(".//script")
    assert "++plone++solna.navigation/navigation.js?v=" in script.get("src")
    assert not (script.text or "").strip()
    # An answer belongs to Frågor och svar, under Mer.
    page = html.fromstring(
        get(f"{site}/forvaltning/hur-manga-semesterdagar-har-jag").text
    )
    (current,) = page.xpath('//nav[@id="solna-tabbar"]//*[@aria-current="page"]')
    assert texts([current]) == ["Frågor och svar"]
    assert "is-current" in page.xpath('//*[@id="solna-more"]/summary')[0].get("class")
    # Mitt intranät is Hem.
    page = html.fromstring(get(site).text)
    (current,) = page.xpath('//nav[@id="solna-tabbar"]//*[@aria-current="page"]')
    assert texts([current]) == ["Hem"]
    # The script is served.
    assert requests.get(script.get("src"), timeout=30).status_code == 200


def test_no_bar_on_the_login_page(organisation_site):
    login = requests.get(f"{organisation_site}/login", timeout=30)
    assert login.status_code == 200
    assert "__ac_name" in login.text
    assert "solna-tabbar" not in login.text


def test_section_of(portal, http_request):
    """The bar's section by the page's address and the kind of item."""
    url = portal.absolute_url()
    for path, section in (
        ("", "hem"),
        ("/@@mitt-intranat", "hem"),
        ("/@@nyheter?alla=1", "nyheter"),
        ("/nyheter/en-nyhet", "nyheter"),
        ("/@@hitta-kontakt", "hitta-kontakt"),
        ("/blanketter/ledighetsansokan", "blanketter"),
        ("/@@mina-arenden", "mina-arenden"),
        ("/natverk/chefsnatverket", "natverk"),
        ("/@@personal-information", "profil"),
        ("/@@organisation", "organisation"),
        ("/om-intranatet", None),
    ):
        http_request["ACTUAL_URL"] = url + path.partition("?")[0]
        assert section_of(portal, http_request) == section, path


def test_a_unit_and_what_is_in_it_are_under_organisation(portal, http_request):
    """The org tree lives under Organisation: a unit's page and a page in a
    unit mark it (WCAG 2.4.8 Location); a person in a unit stays Hitta
    kontakt."""
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(
            container=portal, type="solna.Unit", id="solglantan", title="Solgläntan"
        )
        page = api.content.create(
            container=unit, type="Document", id="rutiner", title="Rutiner"
        )
        person = api.content.create(
            container=unit, type="solna.Person", id="anna", title="Anna"
        )
    for obj, section in (
        (unit, "organisation"),
        (page, "organisation"),
        (person, "hitta-kontakt"),
    ):
        http_request["ACTUAL_URL"] = obj.absolute_url()
        assert section_of(obj, http_request) == section, obj.getId()


def test_organisation_page_and_rest(organisation_site):
    """Förvaltning › enhet, linked, from the catalog; the same in REST;
    no answers, rules or people in the tree."""
    site = organisation_site
    page = html.fromstring(get(f"{site}/@@organisation").text)
    (tree,) = page.xpath('//*[@id="content-core"]/ul[@class="solna-organisation"]')
    (top,) = tree.xpath("./li")
    assert texts(top.xpath("./a")) == ["Barn- och utbildningsförvaltningen"]
    assert texts(top.xpath("./ul/li/a")) == ["Solgläntans förskola"]
    assert top.xpath("./ul/li/a")[0].get("href") == f"{site}/forvaltning/solglantan"
    answer = get(f"{site}/++api++/@organisation")
    assert answer.status_code == 200
    data = answer.json()
    assert data["@id"] == f"{site}/@organisation"
    assert data["items_total"] == 1
    (unit,) = data["items"]
    assert unit["title"] == "Barn- och utbildningsförvaltningen"
    assert unit["@id"] == f"{site}/forvaltning"
    assert [u["title"] for u in unit["items"]] == ["Solgläntans förskola"]
    assert unit["items"][0]["items"] == []
    # Closed: nothing without logging in.
    assert requests.get(f"{site}/++api++/@organisation", timeout=30).status_code == 401


def test_phone_links_say_whom_they_call(organisation_site):
    """WCAG 2.4.4: "Ring Maja Berg, mobil 070-123 45 67", with the visible
    number in the name (2.5.3), on Hitta kontakt, the unit and the person."""
    site = organisation_site
    for url in (
        f"{site}/@@hitta-kontakt?q=maja",
        f"{site}/forvaltning/solglantan",
        f"{site}/forvaltning/solglantan/maja-berg",
    ):
        page = html.fromstring(get(url).text)
        labels = {
            a.get("href"): a.get("aria-label")
            for a in page.xpath('//*[@id="content"]//a[starts-with(@href, "tel:")]')
        }
        assert labels["tel:0701234567"] == "Ring Maja Berg, mobil 070-123 45 67", url
        assert labels["tel:087461230"] == "Ring Maja Berg, telefon 08-746 12 30", url
        for href, label in labels.items():
            assert (label or "").startswith("Ring "), (url, href)


def test_install_on_an_existing_site(portal):
    """navigation.setup.install (the upgrade step): an old site with
    generated tabs and only Plone's "Home" gets the tasks."""
    from solna.intranet.navigation.setup import install

    tabs = portal.portal_actions.portal_tabs
    tabs.manage_delObjects(
        ["nyheter", "hitta-kontakt", "blanketter", "fragor-och-svar", "organisation"]
    )
    api.portal.set_registry_record("plone.generate_tabs", True)
    install(portal)
    install(portal)  # twice: the same
    assert tabs.objectIds() == [
        "index_html",
        "nyheter",
        "hitta-kontakt",
        "blanketter",
        "fragor-och-svar",
        "organisation",
    ]
    assert api.portal.get_registry_record("plone.generate_tabs") is False
