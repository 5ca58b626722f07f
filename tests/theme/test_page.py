"""Solna's page drawn by our main_template, not by Diazo (theme/layout.py):
the theme keeps its CSS but has no rules, and every part of Plone's page is
where the theme's page put it (header, ☰ menu, search, columns, footer,
the bottom bar last), for a member and for the login page."""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from tests.fixtures.http import get

import requests


RULES = "plone.app.theming.interfaces.IThemeSettings.rules"


def ids(elements):
    return [e.get("id") for e in elements]


def test_the_theme_has_no_rules_and_keeps_its_css(organisation_site):
    assert api.portal.get_registry_record(RULES) == ""
    page = html.fromstring(get(f"{organisation_site}/@@hitta-kontakt").text)
    css = page.xpath('//head/link[@rel="stylesheet"]/@href')
    assert any(href.endswith("++theme++solna/css/solna.min.css") for href in css)


def test_a_members_page_has_the_solna_layout(organisation_site):
    response = get(f"{organisation_site}/@@hitta-kontakt")
    # Written in UTF-8 as typed, not "Genv&#228;gar".
    assert 'aria-label="Genvägar"' in response.text
    page = html.fromstring(response.text)
    (body,) = page.xpath("/html/body")
    assert {"d-flex", "flex-column", "h-100"} <= set(body.get("class").split())
    assert "template-hitta-kontakt" in body.get("class")
    # The skip link first, the page, the footer, the bar last (staff who
    # do not edit have no toolbar).
    top = [e for e in body if e.tag != "script"]
    assert top[0].get("class") == "solna-skiplink"
    assert ids(top[1:]) == [
        None,  # .outer-wrapper
        "portal-footer-wrapper",
        "solna-tabbar",
    ]
    (header,) = page.xpath('//div[@class="outer-wrapper flex-shrink-0"]/header')
    assert header.get("id") == "content-header"
    assert ids(header) == ["portal-top", "portal-logo-wrapper"]
    (logo_wrapper,) = header.xpath('./div[@id="portal-logo-wrapper"]')
    assert logo_wrapper.xpath('./a[@id="portal-logo"]/img')
    assert logo_wrapper.xpath('./a[@id="solna-header-search"]')
    (toggler,) = logo_wrapper.xpath(
        './/button[@class="navbar-toggler border-secondary"]'
    )
    assert toggler.get("aria-label") == "Visa eller dölj menyn"
    assert toggler.get("data-bs-target") == "#offcanvasNavbar"
    (menu,) = page.xpath('//div[@id="offcanvasNavbar"]//ul[@id="portal-globalnav"]')
    assert len(menu.xpath("./li")) == 6
    assert page.xpath('//div[@id="offcanvasNavbar"]//*[@id="portal-searchbox"]')
    (main,) = page.xpath('//main[@id="main-container"]')
    assert main.xpath('./section[@id="portal-column-content"]/article[@id="content"]')
    assert page.xpath('//footer[@id="portal-footer-wrapper"]//div[@id="solna-footer"]')
    # Each part once: nothing is drawn twice or left where Plone put it.
    for id_ in ("portal-logo", "portal-searchbox", "solna-tabbar", "solna-footer"):
        assert len(page.xpath(f'//*[@id="{id_}"]')) == 1, id_


def test_the_login_page_has_no_menu_and_no_toolbar(organisation_site):
    response = requests.get(f"{organisation_site}/login", timeout=30)
    page = html.fromstring(response.text)
    assert page.xpath('//a[@id="portal-logo"]')
    assert not page.xpath('//*[@id="edit-bar"]')
    assert not page.xpath('//button[contains(@class, "navbar-toggler")]')
    assert not page.xpath('//ul[@id="portal-globalnav"]/li')
    assert page.xpath('//footer//div[@id="solna-footer"]')
    assert page.xpath('//input[@name="__ac_name"]')


def test_staff_pages_do_not_build_the_toolbar_they_do_not_get(
    organisation_site, monkeypatch
):
    """Staff who do not edit get no toolbar, and its viewlets (the item's
    tabs, the member menu) are not worked out for nothing; an editor gets
    it, tabs and all."""
    from plone.app.layout.viewlets.common import ContentViewsViewlet

    updated = []
    original = ContentViewsViewlet.update

    def counted(self):
        updated.append(self)
        return original(self)

    monkeypatch.setattr(ContentViewsViewlet, "update", counted)
    unit = f"{organisation_site}/forvaltning/solglantan"
    page = html.fromstring(get(unit).text)
    assert not page.xpath('//*[@id="edit-bar"]')
    assert updated == []
    page = html.fromstring(get(unit, user=SITE_OWNER_NAME).text)
    assert page.xpath('//*[@id="edit-bar"]//*[@id="contentview-edit"]')
    assert updated
