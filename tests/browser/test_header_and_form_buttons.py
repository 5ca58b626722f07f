"""Issue 18, the second trial in real Chromium at 390 and 1280 px: one
search entry in the header at each width (there were two at 1280 px: the
phone's search button beside the navigation bar's field), and Spara and
Avbryt of an edit form with an error cover nothing of the form (they were
kept stuck to the bottom of the screen, over the field to fix and the text
editor)."""

from plone import api
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import PHONE
from tests.fixtures.phone import start_chromium
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT

import pytest


pytestmark = pytest.mark.browser

SCREENS = {
    "390": (PHONE, True),
    "1280": ({"width": 1280, "height": 900}, False),
}


@pytest.fixture(params=sorted(SCREENS))
def screen(request, phone_profile):
    """Chromium as a 390 px phone or a 1280 × 900 px laptop."""
    size, mobile = SCREENS[request.param]
    driver = start_chromium(phone_profile, size, mobile)
    driver.solna_width = size["width"]
    yield driver
    driver.quit()


def search_entries(browser):
    """The search entries a person sees in the header and navigation bar:
    [(id, what it is)] of those displayed."""
    from selenium.webdriver.common.by import By

    found = browser.find_elements(
        By.CSS_SELECTOR, "#solna-header-search, #portal-searchbox"
    )
    return [e.get_attribute("id") for e in found if e.is_displayed()]


def test_one_search_entry_in_the_header(site, screen):
    login(screen, api.portal.get().absolute_url(), "red.a")
    open_page(screen, site["a"].absolute_url(), "portal-logo")
    assert screen.execute_script("return innerWidth") == screen.solna_width
    expected = (
        ["solna-header-search"] if screen.solna_width < 992 else ["portal-searchbox"]
    )
    assert search_entries(screen) == expected


#: Points of the form's fields (label, input, text editor, message) and of
#: the error box that Spara's bar lies over, seen at every scroll position.
COVERED = """
const bar = document.querySelector('#content form .formControls');
if (!bar) return ['no buttons'];
const covered = [];
const step = Math.max(100, Math.floor(innerHeight / 3));
const end = document.documentElement.scrollHeight;
const things = [...document.querySelectorAll(
    '#content form .field, #content form .tox-tinymce,'
    + ' #global_statusmessage .portalMessage')]
  .filter((el) => el.getClientRects().length && !bar.contains(el));
for (let y = 0; y <= end; y += step) {
  window.scrollTo({top: y, behavior: 'instant'});
  const barBox = bar.getBoundingClientRect();
  for (const el of things) {
    const r = el.getBoundingClientRect();
    for (const fy of [0.1, 0.5, 0.9]) {
      const py = r.top + r.height * fy;
      const px = r.left + Math.min(20, r.width / 2);
      if (py < 0 || py >= innerHeight) continue;
      if (py < barBox.top || py > barBox.bottom) continue;
      const hit = document.elementFromPoint(px, py);
      if (hit && bar.contains(hit)) {
        covered.push([y, el.id || el.className, Math.round(py)]);
      }
    }
  }
}
return covered;
"""


def test_a_forms_buttons_cover_nothing_when_it_has_an_error(site, screen):
    """A news item sent without a title: the error box, the title's
    message; Spara's bar never lies over a field, its message, the text
    editor or the error box, wherever the page is scrolled."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    login(screen, api.portal.get().absolute_url(), "red.a")
    open_page(
        screen, f"{site['a'].absolute_url()}/++add++News Item", "form.buttons.save"
    )
    # The browser's own "fill in this field" bubble aside: the server's
    # error, as a form sent without script shows it.
    screen.execute_script(
        "document.querySelectorAll('#content form').forEach("
        "(f) => f.setAttribute('novalidate', ''));"
        "document.querySelectorAll('#content form [required]').forEach("
        "(f) => f.removeAttribute('required'))"
    )
    tap(screen.find_element(By.NAME, "form.buttons.save"))
    WebDriverWait(screen, WAIT).until(
        lambda b: (
            b.find_elements(By.CSS_SELECTOR, "#content form .field.error")
            and b.find_elements(By.CSS_SELECTOR, "#content form .tox-tinymce")
        )
    )
    assert screen.execute_script("return innerWidth") == screen.solna_width
    assert screen.find_elements(By.CSS_SELECTOR, ".portalMessage")
    assert screen.execute_script(COVERED) == []
