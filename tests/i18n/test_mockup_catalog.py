"""Mockup's Swedish texts are stored before mockup draws a pattern
(resources/static/i18n-preload.js): it fetched them asynchronously, and a
pattern drawn before they arrived stayed English (folder contents'
"Upload", "Select all items on this page" on a busy server)."""

from lxml import html
from plone import api
from tests.fixtures.http import browser

import json
import pytest


def scripts(login, url):
    page = html.fromstring(browser(login).get(url).text)
    return page.xpath("//script[@src]")


def test_an_editors_page_loads_the_catalog_before_mockup(site):
    url = site["a"].absolute_url()
    tags = scripts("red.a", url)
    srcs = [tag.get("src") for tag in tags]
    (preload,) = [n for n, src in enumerate(srcs) if src.endswith("/i18n-preload.js")]
    (plone,) = [n for n, tag in enumerate(tags) if tag.get("data-bundle") == "plone"]
    # Neither is deferred: the preload runs first, as it comes first.
    assert tags[preload].get("defer") is None
    assert tags[preload].get("async") is None
    assert preload < plone


def test_staff_pages_do_not_load_it(site):
    srcs = [
        tag.get("src")
        for tag in scripts("olle.medarbetare", api.portal.get().absolute_url())
    ]
    assert not [src for src in srcs if src.endswith("/i18n-preload.js")]


@pytest.mark.browser
def test_the_catalog_is_there_before_the_page_is_ready(site, phone):
    """A fresh browser (nothing stored): when mockup's bundle has run and
    the page is ready, the Swedish catalogs are in localStorage already."""
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.phone import login
    from tests.fixtures.phone import WAIT

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    unit = site["a"].absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "red.a")
    phone.execute_script("localStorage.clear()")
    phone.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "document.addEventListener('DOMContentLoaded', () => {"
            " window.solnaCatalogs = [localStorage.getItem('widgets-sv'),"
            " localStorage.getItem('plone-sv')]; });"
        },
    )
    phone.get(f"{unit}/folder_contents")
    WebDriverWait(phone, WAIT).until(
        lambda b: b.execute_script("return window.solnaCatalogs !== undefined")
    )
    widgets, plone = phone.execute_script("return window.solnaCatalogs")
    assert widgets is not None
    assert plone is not None
    # Swedish: folder contents' upload button, as mockup will show it.
    assert json.loads(widgets).get("Upload") == "Ladda upp", widgets[:300]
