"""Light staff pages still work on a phone (issue 18): without mockup, a
reader's menus open (Bootstrap's own JavaScript) and she answers a comment
(light.js) and filters a search (search/); an editor still writes in TinyMCE."""

from tests.fixtures.comments import comment
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT

import pytest


pytestmark = pytest.mark.browser


def displayed(phone, selector):
    from selenium.webdriver.common.by import By

    return [
        e for e in phone.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()
    ]


def test_a_reader_without_mockup_and_an_editor_with_tinymce(
    phone, screenshot, site, news
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = site["a"].absolute_url().rsplit("/", 2)[0]
    assert comment("red.a", news, "Vi samlas vid grinden kl. 9.").status_code == 200

    login(phone, portal_url, "olle.medarbetare")
    open_page(phone, news.absolute_url(), "Vi samlas vid grinden")
    assert not phone.execute_script("return !!(window.jQuery || window.tinymce)")
    # The page's menus (☰, the user menu) open with Bootstrap's JavaScript.
    toggles = displayed(phone, "[data-bs-toggle]")
    assert toggles, "no menu to open: does the page still need solna-bootstrap?"
    toggle = toggles[0]
    target = toggle.get_attribute("data-bs-target") or toggle.get_attribute("href")
    tap(toggle)
    WebDriverWait(phone, WAIT).until(
        lambda browser: (
            toggle.get_attribute("aria-expanded") == "true"
            or displayed(browser, f"{target}.show")
        )
    )
    screenshot("menu")
    phone.refresh()
    shows(phone, "Vi samlas vid grinden")

    # Answer red.a's comment: the answer form opens under it.
    (reply,) = displayed(phone, ".reply-to-comment-button")
    tap(reply)
    text = WebDriverWait(phone, WAIT).until(
        lambda browser: displayed(browser, "[id^='commenting-'] textarea")
    )[0]
    assert phone.switch_to.active_element == text
    text.send_keys("Jag tar med frukt.")
    screenshot("reply")
    form = text.find_element(By.XPATH, "ancestor::form")
    tap(form.find_element(By.NAME, "form.buttons.comment"))
    shows(phone, "Jag tar med frukt.", "Vi samlas vid grinden")

    # The search page (search/, issue 20): its filters are links, no script.
    open_page(phone, f"{portal_url}/@@search?SearchableText=Utflykt", "search-results")
    item = f"#search-results a[href$='{news.absolute_url()}']"
    assert displayed(phone, item)
    tap(displayed(phone, "#search-facets-toggle")[0])
    news_type = WebDriverWait(phone, WAIT).until(
        lambda browser: displayed(
            browser, "a[data-facet='type'][data-value='News Item']"
        )
    )[0]
    # (a script's click: where the open menu lies under the tab bar is the
    # theme's business, not this test's)
    phone.execute_script("arguments[0].click()", news_type)
    WebDriverWait(phone, WAIT).until(
        lambda browser: "type=News+Item" in browser.current_url
    )
    shows(phone, "search-results", "solna-search-chip")
    assert displayed(phone, item)

    # An editor of Solgläntan writes the news item in TinyMCE.
    phone.delete_all_cookies()
    login(phone, portal_url, "red.a")
    phone.get(f"{news.absolute_url()}/edit")
    WebDriverWait(phone, WAIT).until(lambda browser: displayed(browser, ".tox-tinymce"))
    screenshot("tinymce")
