"""The content browser on a 390 px phone, in real Chromium.

"Välj" of a relation field (a news item's Relaterat innehåll) and TinyMCE's
internal link open mockup's content browser: a panel at the right of the
screen, which mockup makes at least 450 px wide, so on a phone its left
60 px (the filter, the house, the start of every title) lay off the screen.
It fits the screen now: nothing of it left of x = 0 or right of 390, its
toolbar on the screen, and the list of the column in view readable (every
title whole, on the screen, not covered); a folder tapped opens its column
on the screen."""

from plone import api
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import tap
from tests.fixtures.phone import tap_found
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import create_as

import pytest
import transaction


pytestmark = pytest.mark.browser

#: The content browser as the phone shows it: its box, its toolbar's
#: controls, and the items of each of its columns with where they are,
#: whether their title is whole (not cut off with "…") and whether a tap
#: at their middle reaches them (nothing covers them).
SEEN = """
const browser = document.querySelector('.content-browser');
if (!browser) return null;
const box = (el) => {
  const r = el.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          width: r.width, height: r.height};
};
const columnsBox = box(browser.querySelector('.levelColumns'));
const columns = [...browser.querySelectorAll('.levelColumn')].map((column) => ({
  box: box(column),
  active: column.classList.contains('active'),
  items: [...column.querySelectorAll('.contentItem')].map((item) => {
    const title = item.querySelector('.item-title') || item;
    const r = box(item);
    const x = Math.min(Math.max((r.left + r.right) / 2, 0), innerWidth - 1);
    const y = (r.top + r.bottom) / 2;
    const hit = y > 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
    return {
      text: title.innerText.trim(),
      box: r,
      whole: title.scrollWidth <= title.clientWidth + 1,
      reached: !!hit && item.contains(hit),
    };
  }),
}));
return {
  width: innerWidth,
  browser: box(browser),
  columns: columnsBox,
  tools: [...browser.querySelectorAll('.toolBar input, .toolBar button, .toolBar a')]
    .filter((el) => el.getClientRects().length)
    .map((el) => ({name: el.getAttribute('aria-label') || el.innerText.trim()
                   || el.getAttribute('name') || el.tagName, box: box(el)})),
  list: columns,
};
"""


def on_screen(box, width=390):
    return box["left"] >= -0.5 and box["right"] <= width + 0.5


def in_view(column, columns):
    """The column lies inside the visible part of the columns' box."""
    return (
        column["box"]["left"] >= columns["left"] - 0.5
        and column["box"]["right"] <= columns["right"] + 0.5
    )


def assert_fits(seen, what):
    """The content browser fits the 390 px screen and the list of the
    column in view can be read."""
    assert seen, f"{what}: no content browser"
    assert seen["width"] == 390, (what, seen["width"])
    assert on_screen(seen["browser"]), (what, seen["browser"])
    assert on_screen(seen["columns"]), (what, seen["columns"])
    assert seen["tools"], (what, "no toolbar")
    for tool in seen["tools"]:
        assert on_screen(tool["box"]), (what, tool)
    shown = [c for c in seen["list"] if in_view(c, seen["columns"]) and c["items"]]
    assert shown, (what, "no column of items on the screen", seen["list"])
    for column in shown:
        for item in column["items"]:
            if item["box"]["bottom"] > seen["columns"]["bottom"]:
                continue  # below the fold: the column scrolls down to it
            assert on_screen(item["box"]), (what, item)
            assert item["whole"], (what, "title cut off", item)
            assert item["reached"], (what, "covered", item)
    return shown


def wait_for_browser(phone, what="the content browser"):
    """The content browser's measure (SEEN) once it has stopped moving (the
    pattern slides the panel in and scrolls its columns) and fits the
    phone: waited for, up to WAIT, however busy the machine; on time out,
    assert_fits fails on the last measure, saying what does not fit."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    state = {"previous": None}

    def settled(browser):
        seen = browser.execute_script(SEEN)
        stable = bool(seen) and seen == state["previous"]
        state["previous"] = seen
        if not stable or not any(c["items"] for c in seen["list"]):
            return None
        try:
            assert_fits(seen, what)
        except AssertionError:
            return None
        return seen

    try:
        return WebDriverWait(phone, WAIT, poll_frequency=0.25).until(settled)
    except TimeoutException:
        assert_fits(state["previous"], what)
        raise


@pytest.fixture
def news(site):
    """A draft news item of red.a at Solgläntan, and a form with a title
    longer than a phone's line to find with the content browser."""
    news = create_as("red.a", site["a"], "News Item", "Sommarfest på Solgläntan")
    create_as(
        "red.a",
        site["a"],
        "Document",
        "Rutiner för hämtning och lämning av barn under sommarens stängningsveckor",
    )
    transaction.commit()
    return news


def test_the_content_browser_of_a_relation_field_fits_a_phone(
    site, news, phone, screenshot
):
    """Relaterat innehåll (the news item's Kategorisering tab) → Välj: the
    panel fits the phone, its toolbar and the titles of its list are on
    the screen and whole; tapping a folder shows its column on the screen,
    long titles wrapped."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    url = news.absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "red.a")
    open_page(phone, f"{url}/edit", "form-widgets-IRelatedItems-relatedItems")
    WebDriverWait(phone, WAIT).until(
        lambda b: b.find_elements(
            By.CSS_SELECTOR, ".content-browser-selected-items-wrapper a.btn"
        )
    )
    tap(
        phone.find_element(
            By.XPATH,
            "//nav[contains(@class, 'autotoc-nav')]"
            "//a[normalize-space()='Kategorisering']",
        )
    )
    tap(
        phone.find_element(
            By.CSS_SELECTOR, ".content-browser-selected-items-wrapper a.btn"
        )
    )
    seen = wait_for_browser(phone, "Välj")
    screenshot("opened")
    shown = assert_fits(seen, "Välj")
    assert fits(phone)
    titles = {item["text"] for column in shown for item in column["items"]}
    # The panel opens at the site's root or, as mockup scrolls towards the
    # item's own folder while it slides in, one or two levels down (a busy
    # phone shows where the scroll ended): either way a whole column of the
    # path is on the screen.
    path = [
        ("Barn och utbildning", "Solgläntan"),
        ("Solgläntan", "Sommarfest på Solgläntan"),
    ]
    while path and path[0][0] not in titles:
        path = path[1:]
    assert path or "Sommarfest på Solgläntan" in titles, titles

    # Down the path to the preschool: each folder tapped opens its column,
    # which the pattern scrolls onto the screen.
    for folder, inside in path:
        item = phone.find_element(
            By.XPATH,
            "//*[contains(@class, 'levelColumn')]//*[contains(@class, 'contentItem')]"
            f"[.//*[normalize-space()='{folder}']]",
        )
        tap(item)
        WebDriverWait(phone, WAIT).until(
            lambda b, inside=inside: any(
                item["text"] == inside
                for column in (b.execute_script(SEEN) or {"list": []})["list"]
                for item in column["items"]
            )
        )
        seen = wait_for_browser(phone, f"Välj → {folder}")
        shown = assert_fits(seen, f"Välj → {folder}")
        titles = {item["text"] for column in shown for item in column["items"]}
        assert inside in titles, (folder, titles)
    screenshot("preschool")
    long_title = (
        "Rutiner för hämtning och lämning av barn under sommarens stängningsveckor"
    )
    assert long_title in titles, titles
    assert fits(phone)


def test_the_content_browser_of_tinymces_link_dialogue_fits_a_phone(
    site, news, phone, screenshot
):
    """TinyMCE → Infoga/redigera länk → Välj eller ladda upp: the same
    panel, over the dialogue, with its upload button, fits the phone."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    url = news.absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "red.a")
    open_page(phone, f"{url}/edit", "tox-tinymce")
    tap_found(phone, By.CSS_SELECTOR, ".tox-tinymce [data-mce-name='plonelink']")
    choose = WebDriverWait(phone, WAIT).until(
        lambda b: [
            button
            for button in b.find_elements(
                By.CSS_SELECTOR, ".modal .content-browser-selected-items-wrapper a.btn"
            )
            if button.is_displayed()
        ]
    )[0]
    tap(choose)
    seen = wait_for_browser(phone, "Infoga länk → Välj eller ladda upp")
    screenshot("link")
    assert_fits(seen, "Infoga länk → Välj eller ladda upp")
    assert fits(phone)
