"""Solna's look at 390 px in real Chromium: the login page, the password
page and a staff page show Solna's wordmark, icons and footer and nothing
of Plone; the footer's Tillgänglighetsredogörelse leads to the statement,
from the login page through signing in (DOS-lagen: the statement is reached
from every page, DIGG "Skapa en tillgänglighetsredogörelse")."""

from plone import api
from solna.intranet.accessibility.statement import SECTIONS
from tests.fixtures.news import publish_news
from tests.fixtures.phone import fill_in_login
from tests.fixtures.phone import fits
from tests.fixtures.phone import heading
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT

import pytest
import transaction


pytestmark = pytest.mark.browser

STAFF = "olle.medarbetare"
STATEMENT = "Tillgänglighetsredogörelse"
LONG_TITLE = "Fritidsverksamhetssamordningsutvecklingsprojektledaruppdragsbeskrivningen"


def plone_shown(phone):
    """Where the page shows the word "Plone" to a person: its visible text,
    its title, and the alt, title, aria-label and placeholder attributes
    (a screen reader reads them). ``[]`` when nowhere; the word may remain
    in addresses, class names and the generator meta tag."""
    return phone.execute_script(
        """
        const found = [];
        const text = document.body.innerText;
        const at = text.search(/plone/i);
        if (at >= 0) found.push('text: ' + text.slice(Math.max(0, at - 40), at + 40));
        if (/plone/i.test(document.title)) found.push('title: ' + document.title);
        const names = ['alt', 'title', 'aria-label', 'placeholder'];
        for (const element of document.body.querySelectorAll('*')) {
          for (const name of names) {
            const value = element.getAttribute(name);
            if (value && /plone/i.test(value)) found.push(name + ': ' + value);
          }
        }
        return found;
        """
    )


def icons(phone):
    """The addresses of the page's icon links (favicon, home screen)."""
    return phone.execute_script(
        "return [...document.querySelectorAll("
        "'link[rel~=icon], link[rel~=apple-touch-icon]')].map(l => l.href)"
    )


def looks_like_solna(phone):
    """The wordmark with its Swedish text, our icons, and Solna's footer
    with the link to the statement; nothing of Plone shown."""
    from selenium.webdriver.common.by import By

    logo = phone.find_element(By.CSS_SELECTOR, "#portal-logo img")
    assert logo.get_attribute("alt") == "Solna stad · Intranät, till Mitt intranät"
    assert logo.get_attribute("src").endswith("/++theme++solna/images/wordmark.svg")
    assert logo.get_attribute("naturalWidth") != "0"  # the drawing loaded
    found = icons(phone)
    assert found
    ours = ("/++plone++solna.intranet/app/", "/favicon.ico?name=favicon-32.png")
    assert all(any(part in href for part in ours) for href in found), found
    footer = phone.find_element(By.ID, "portal-footer-wrapper")
    assert "Solna stad · Intranät" in footer.text
    assert plone_shown(phone) == []
    assert fits(phone)
    return footer.find_element(By.LINK_TEXT, STATEMENT)


def test_solna_look_and_the_statement_from_every_page(phone, screenshot, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    statement_url = f"{portal_url}/tillganglighetsredogorelse"
    # Bad input: a Swedish compound longer than the screen is wide, in a
    # news item's title; the pages that list it still fit (WCAG 1.4.10).
    publish_news(site, f"{LONG_TITLE.lower()}-nyhet", {"audience_all": True}, {})
    transaction.commit()

    # Before signing in: the password page and the login page.
    open_page(phone, f"{portal_url}/mail_password_form", "portal-footer-wrapper")
    looks_like_solna(phone)
    screenshot("password")
    open_page(phone, f"{portal_url}/login", "__ac_name")
    link = looks_like_solna(phone)
    screenshot("login")
    # The statement's link leads there through signing in.
    tap(link)
    WebDriverWait(phone, WAIT).until(ec.url_contains("came_from"))
    shows(phone, "__ac_name")
    fill_in_login(phone, STAFF)
    WebDriverWait(phone, WAIT).until(ec.url_to_be(statement_url))
    assert heading(phone).text == STATEMENT
    shown = [
        h.text for h in phone.find_elements(By.CSS_SELECTOR, "#content h2, #content h3")
    ]
    assert [h for h in shown if h in SECTIONS] == list(SECTIONS)
    assert fits(phone)
    screenshot("statement")

    # Mitt intranät with the long word: it breaks, the page fits.
    open_page(phone, portal_url, "Fritidsverksamhet")
    assert fits(phone)
    # A staff page: the same look, and the footer's links.
    open_page(phone, f"{portal_url}/nyheter", "solna-footer")
    link = looks_like_solna(phone)
    footer = phone.find_element(By.ID, "solna-footer")
    assert [a.text for a in footer.find_elements(By.TAG_NAME, "a")] == [
        STATEMENT,
        "Webbplatskarta",
        "Kontakta intranätsredaktionen",
    ]
    phone.execute_script("arguments[0].scrollIntoView()", footer)
    screenshot("footer")
    tap(link)
    WebDriverWait(phone, WAIT).until(ec.url_to_be(statement_url))
    assert heading(phone).text == STATEMENT
