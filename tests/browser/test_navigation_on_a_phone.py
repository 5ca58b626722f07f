"""Task-first navigation on a 390 px phone in real Chromium (issue 18): the
bottom bar (Hem, Nyheter, Hitta kontakt, Blanketter, Mer) with the current
section marked, Mer by tap and by keyboard, never on the login page;
nothing hidden behind it; the top navigation without förvaltningar; the
Organisation page; every tap target 44 × 44 CSS px; phone links labelled
and spaced; deleting one's own comment asks first."""

from plone import api
from tests.fixtures.comments import comment
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT

import pytest
import transaction


pytestmark = pytest.mark.browser

#: WCAG 2.5.5 Target Size (AAA), Solna's own bar: 44 × 44 CSS px.
MIN_TARGET = 44

#: The targets on the page smaller than ``arguments[0]`` px, as
#: {"total": n, "small": [{"what", "w", "h"}]}. A target is a link, button,
#: form control or summary that is shown (not visually hidden, not in a
#: closed menu), outside the editor toolbar (#edit-bar, editors only). A
#: link inside running text (a paragraph, a quotation, an item's rich text,
#: with other words around it) is exempt: WCAG 2.5.5's "inline" exception.
#: A checkbox or radio button counts with its label (one target).
SMALL_TARGETS = """
const MIN = arguments[0];
const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, '
  + 'summary, [role=button], [role=menuitem], [role=tab]';
const TEXT = 'p, blockquote, figcaption, .form-text, .invalid-feedback, '
  + '.documentDescription, .lead';
const RICH = '#parent-fieldname-text, .solna-richtext, .richtext';
const norm = (t) => (t || '').replace(/\\s+/g, ' ').trim();
function shown(el) {
  const r = el.getBoundingClientRect();
  if (!el.getClientRects().length || r.width <= 2 || r.height <= 2) return false;
  for (let a = el; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.display === 'none' || s.visibility === 'hidden') return false;
    if (s.clipPath === 'inset(50%)' || s.clip.startsWith('rect(0')) return false;
    if (a !== el && a.tagName === 'DETAILS' && !a.open
        && !(el.tagName === 'SUMMARY' && el.parentElement === a)) return false;
  }
  return true;
}
function inline(el) {
  if (el.tagName !== 'A') return false;
  const block = el.closest(TEXT) || (el.closest(RICH) && el.closest('li, p, td, dd'));
  if (!block) return false;
  const rest = norm(block.textContent).replace(norm(el.textContent), '');
  return rest.replace(/[\\s.,:;·|()–-]/g, '').length >= 3;
}
function size(el) {
  let r = el.getBoundingClientRect();
  let [x1, y1, x2, y2] = [r.left, r.top, r.right, r.bottom];
  if (el.type === 'checkbox' || el.type === 'radio') {
    for (const l of Array.from(el.labels || [])) {
      const q = l.getBoundingClientRect();
      [x1, y1] = [Math.min(x1, q.left), Math.min(y1, q.top)];
      [x2, y2] = [Math.max(x2, q.right), Math.max(y2, q.bottom)];
    }
  }
  return [Math.round((x2 - x1) * 10) / 10, Math.round((y2 - y1) * 10) / 10];
}
function describe(el) {
  const where = el.parentElement && el.parentElement.closest('[id]');
  const text = norm(el.innerText || el.value || el.getAttribute('aria-label')
    || el.title).slice(0, 40);
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + ' "' + text + '"' + (where ? ' in #' + where.id : '');
}
const small = [];
let total = 0;
for (const el of document.querySelectorAll(TARGETS)) {
  if (el.closest('#edit-bar') || !shown(el) || inline(el)) continue;
  total += 1;
  const [w, h] = size(el);
  if (w < MIN - 0.5 || h < MIN - 0.5) small.push({what: describe(el), w: w, h: h});
}
return {total: total, small: small};
"""


def small_targets(phone):
    """The page's tap targets under 44 × 44 CSS px: ["a "Hem" in
    #portal-breadcrumbs: 37.5 × 19", …] (WCAG 2.5.5 with its inline
    exception; see SMALL_TARGETS); fails if the page has no target."""
    found = phone.execute_script(SMALL_TARGETS, MIN_TARGET)
    assert found["total"] > 0, phone.current_url
    return [f"{s['what']}: {s['w']} × {s['h']}" for s in found["small"]]


def rect(phone, element):
    return phone.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
        " width: r.width, height: r.height};",
        element,
    )


def wait_until(phone, condition, message):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(phone, WAIT).until(lambda browser: condition())
    except TimeoutException:
        raise AssertionError(f"{message} on {phone.current_url}") from None


def more_is_open(phone):
    return phone.execute_script("return document.getElementById('solna-more').open")


@pytest.fixture
def people(site):
    """Lisa Ring in Solgläntan with a phone and a mobile number; olle's
    profile (Solgläntan, förskollärare)."""
    with api.env.adopt_roles(["Manager"]):
        person = api.content.create(
            container=site["a"],
            type="solna.Person",
            id="lisa-ring",
            title="Lisa Ring",
            first_name="Lisa",
            last_name="Ring",
            job_title="Förskollärare",
            profession="forskollarare",
            phone="08-746 55 01",
            mobile="070-555 01 01",
        )
        api.content.transition(person, to_state="published")
    api.user.get(username="olle.medarbetare").setMemberProperties(
        {"unit": site["a"].UID(), "profession": "forskollarare"}
    )
    transaction.commit()
    return person


def test_bottom_bar_on_a_phone(phone, screenshot, site, news, people):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    # The login page: no bar.
    open_page(phone, f"{portal_url}/login", "__ac_name")
    assert phone.find_elements(By.ID, "solna-tabbar") == []
    login(phone, portal_url, "olle.medarbetare")

    # Hitta kontakt: the bar, its five tasks, Hitta kontakt marked.
    open_page(
        phone, f"{portal_url}/@@hitta-kontakt?q=lisa", "Lisa Ring", "solna-tabbar"
    )
    bar = phone.find_element(By.ID, "solna-tabbar")
    assert bar.is_displayed()
    tabs = bar.find_elements(By.CSS_SELECTOR, ".solna-tab-link")
    assert [t.text.replace("\n", " ") for t in tabs] == [
        "Hem",
        "Nyheter",
        "Hitta kontakt",
        "Blanketter",
        "Mer",
    ]
    assert [t.get_attribute("aria-current") for t in tabs] == [
        None,
        None,
        "page",
        None,
        None,
    ]
    height = phone.execute_script("return window.innerHeight")
    assert abs(rect(phone, bar)["bottom"] - height) <= 1  # at the bottom edge
    for tab in tabs:
        box = rect(phone, tab)
        assert box["width"] >= MIN_TARGET, tab.text
        assert box["height"] >= MIN_TARGET, tab.text
    # The phone links say whom they call, 44 px high, 8 px apart.
    calls = phone.find_elements(By.CSS_SELECTOR, '#content a[href^="tel:"]')
    assert [c.get_attribute("aria-label") for c in calls] == [
        "Ring Lisa Ring, telefon 08-746 55 01",
        "Ring Lisa Ring, mobil 070-555 01 01",
    ]
    first, second = (rect(phone, c) for c in calls)
    assert first["height"] >= MIN_TARGET
    assert second["height"] >= MIN_TARGET
    # Side by side or one above the other: at least 8 px between them.
    gap = max(second["top"] - first["bottom"], second["left"] - first["right"])
    assert gap >= 8
    assert small_targets(phone) == []
    screenshot("hitta-kontakt")

    # Mer by tap: its menu opens above the bar, its links go where they say.
    summary = phone.find_element(By.CSS_SELECTOR, "#solna-more > summary")
    tap(summary)
    wait_until(phone, lambda: more_is_open(phone), "Mer did not open")
    menu = phone.find_element(By.CSS_SELECTOR, ".solna-more-menu")
    assert menu.is_displayed()
    assert [a.text for a in menu.find_elements(By.TAG_NAME, "a")] == [
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
    assert rect(phone, menu)["bottom"] <= rect(phone, bar)["top"]
    assert small_targets(phone) == []
    screenshot("mer")
    tap(menu.find_element(By.LINK_TEXT, "Organisation"))
    shows(phone, "solna-organisation")
    # The Organisation page: the unit tree, förvaltning › enhet, linked.
    tree = phone.find_element(By.CSS_SELECTOR, "#content-core .solna-organisation")
    top = tree.find_element(By.XPATH, "./li/a")
    assert top.text == "Barn och utbildning"
    assert [a.text for a in tree.find_elements(By.XPATH, "./li/ul/li/a")] == [
        "Ekbacken",
        "Solgläntan",
    ]
    current = phone.find_element(By.CSS_SELECTOR, '#solna-tabbar [aria-current="page"]')
    assert current.get_attribute("textContent").strip() == "Organisation"
    summary = phone.find_element(By.CSS_SELECTOR, "#solna-more > summary")
    assert "is-current" in summary.get_attribute("class")
    # The top navigation (☰): the tasks, no förvaltning.
    top_nav = phone.execute_script(
        "return Array.from(document.querySelectorAll('#portal-globalnav a'))"
        ".map(a => a.textContent.trim())"
    )
    assert top_nav == [
        "Hem",
        "Nyheter",
        "Hitta kontakt",
        "Blanketter",
        "Frågor och svar",
        "Organisation",
    ]
    assert small_targets(phone) == []

    # Mer by keyboard: Enter opens, Esc closes (focus back on Mer), Tab
    # reaches the first link, Enter follows it.
    phone.execute_script("arguments[0].focus()", summary)
    ActionChains(phone).send_keys(Keys.ENTER).perform()
    wait_until(phone, lambda: more_is_open(phone), "Enter did not open Mer")
    ActionChains(phone).send_keys(Keys.ESCAPE).perform()
    wait_until(phone, lambda: not more_is_open(phone), "Esc did not close Mer")
    assert phone.execute_script(
        "return document.activeElement"
        " === document.querySelector('#solna-more > summary')"
    )
    ActionChains(phone).send_keys(Keys.ENTER).perform()
    wait_until(phone, lambda: more_is_open(phone), "Enter did not open Mer again")
    ActionChains(phone).send_keys(Keys.TAB).perform()
    focused = phone.switch_to.active_element
    assert focused.text == "Sök"
    ActionChains(phone).send_keys(Keys.TAB).perform()
    focused = phone.switch_to.active_element
    assert focused.text == "Frågor och svar"
    ActionChains(phone).send_keys(Keys.ENTER).perform()
    wait_until(
        phone,
        lambda: phone.current_url.endswith("/@@fragor-och-svar"),
        "Enter on Frågor och svar did not open it",
    )
    shows(phone, "solna-tabbar")
    current = phone.find_element(By.CSS_SELECTOR, '#solna-tabbar [aria-current="page"]')
    assert current.get_attribute("textContent").strip() == "Frågor och svar"

    # Every tap target of the staff pages is 44 × 44 px; nothing hides
    # behind the bar at the end of a page.
    pages = {
        "mitt-intranat": (portal_url, "solna-news"),
        "unit": (site["a"].absolute_url(), "Lisa Ring"),
        "person": (people.absolute_url(), "070-555 01 01"),
        "news": (news.absolute_url(), "Utflykt till Igelbäcken"),
        "nyheter": (f"{portal_url}/@@nyheter", "Nyheter för dig"),
        "fragor-och-svar": (f"{portal_url}/@@fragor-och-svar", "solna-tabbar"),
        "notiser": (f"{portal_url}/@@notiser", "solna-tabbar"),
        "mina-arenden": (f"{portal_url}/@@mina-arenden", "solna-tabbar"),
        "profil": (f"{portal_url}/@@personal-information", "solna-tabbar"),
    }
    small = {}
    for name, (url, word) in pages.items():
        open_page(phone, url.replace("127.0.0.1", "localhost"), word, "solna-tabbar")
        small[name] = small_targets(phone)
        phone.execute_script(
            "window.scrollTo(0, document.documentElement.scrollHeight)"
        )
        wait_until(
            phone,
            lambda: phone.execute_script(
                "const bar = document.getElementById('solna-tabbar');"
                "const last = document.getElementById('portal-footer-wrapper');"
                "return last.getBoundingClientRect().bottom"
                " <= bar.getBoundingClientRect().top + 1"
            ),
            "the end of the page is behind the bar",
        )
        screenshot(name)
    assert small == {name: [] for name in pages}
    current = phone.find_element(By.CSS_SELECTOR, '#solna-tabbar [aria-current="page"]')
    assert current.get_attribute("textContent").strip() == "Min profil"


def test_deleting_ones_comment_asks_first_on_a_phone(phone, screenshot, site, news):
    from selenium.webdriver.common.by import By

    assert comment("olle.medarbetare", news, "Vi ses klockan tio.").status_code == 200
    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    url = news.absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "olle.medarbetare")
    open_page(phone, url, "Vi ses klockan tio.")
    tap(phone.find_element(By.LINK_TEXT, "Ta bort…"))
    shows(phone, "Vill du ta bort kommentaren?")
    assert small_targets(phone) == []
    screenshot("question")
    # Nej: back to the item, the comment is still there.
    tap(phone.find_element(By.LINK_TEXT, "Nej, behåll den"))
    shows(phone, "Ta bort…")
    assert "Vi ses klockan tio." in phone.find_element(By.ID, "content").text
    # Ja: it is gone.
    tap(phone.find_element(By.LINK_TEXT, "Ta bort…"))
    shows(phone, "Vill du ta bort kommentaren?")
    tap(
        phone.find_element(
            By.XPATH, '//button[normalize-space()="Ja, ta bort kommentaren"]'
        )
    )
    wait_until(
        phone,
        lambda: (
            phone.current_url.startswith(url)
            and "Vi ses klockan tio." not in phone.page_source
        ),
        "the comment was not deleted",
    )
    screenshot("deleted")
