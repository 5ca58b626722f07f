"""Editor pages on a 390 px phone, in real Chromium: what a tester found on
1 December 2026 (issue 18, "Editors on phones") still running off the
screen or too small to tap.

Each page is opened by the role that uses it and, once it is ready, must
fit the screen: the document no wider than 390 px and nothing drawn left
or right of it (a data table may scroll inside its own box: WCAG 2.1
1.4.10's exception), its list or column on the screen and wide enough to
read, every tool of the editor toolbar on the screen, and every checkbox,
radio button and sort button a target of at least 44 × 44 px (the box
itself or its label).
"""

from plone import api
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import tap
from tests.fixtures.phone import tap_found
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import create_as

import pytest
import transaction


pytestmark = pytest.mark.browser

#: WCAG 2.5.5 (AAA, Solna's own bar): 44 × 44 CSS px.
TAP = 44

#: What the phone shows, measured in the page: the viewport and document
#: widths; what is drawn off the screen (an element whose box reaches left
#: of 0 or right of the viewport, unless a box that scrolls sideways holds
#: it); the controls that are smaller than a thumb (a checkbox or radio
#: counts its label too); and the boxes of the selectors in ``arguments[0]``.
MEASURE = """
const [selectors, scope] = arguments;
const W = window.innerWidth;
const shown = (el) => {
  if (!el.getClientRects().length) return false;
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
  }
  return !el.closest('.offcanvas:not(.show), [aria-hidden="true"]:not(.popover)');
};
const scrolls = (el) => {
  for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
    if (e instanceof SVGElement) continue;  // an icon clips only itself
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX))
      return e;
  }
  return null;
};
const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (typeof el.className === 'string' && el.className
     ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '');
const box = (el) => {
  const r = el.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          width: r.width, height: r.height};
};
const off = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width < 2 || (r.left >= -0.5 && r.right <= W + 0.5)) continue;
  if (!shown(el)) continue;
  const holder = scrolls(el);
  if (holder && holder.getBoundingClientRect().right <= W + 0.5
      && holder.getBoundingClientRect().left >= -0.5) continue;
  if (holder && off.some((o) => o.el === holder)) continue;
  off.push({el, what: name(el), left: Math.round(r.left), right: Math.round(r.right)});
}
const area = (el) => {
  let best = box(el);
  const labels = [...(el.labels || [])];
  for (const label of labels) {
    if (!shown(label)) continue;
    const r = box(label);
    if (r.width * r.height > best.width * best.height) best = r;
  }
  return best;
};
const small = [];
const controls = (scope ? [...document.querySelectorAll(scope)] : [document.body])
  .flatMap((root) => [...root.querySelectorAll(
    'input[type="checkbox"], input[type="radio"], .dt-column-order[role="button"],'
    + ' #edit-zone .nav-link')]);
for (const el of controls) {
  if (!shown(el)) continue;
  const r = area(el);
  if (r.width < 44 - 0.5 || r.height < 44 - 0.5)
    small.push({what: name(el), label: el.getAttribute('aria-label')
                || (el.labels && el.labels[0] ? el.labels[0].innerText.trim() : ''),
                width: Math.round(r.width), height: Math.round(r.height)});
}
const boxes = {};
for (const selector of selectors) {
  const el = [...document.querySelectorAll(selector)].find(shown);
  boxes[selector] = el ? box(el) : null;
}
return {width: W, scroll: document.documentElement.scrollWidth,
        off: off.map(({what, left, right}) => ({what, left, right})),
        small, boxes, controls: controls.filter(shown).length};
"""


def measure(phone, selectors=(), scope=None):
    """The page as the phone shows it (see MEASURE)."""
    return phone.execute_script(MEASURE, list(selectors), scope)


def on_screen(box, width=390):
    """The box lies within the screen's width."""
    return box is not None and box["left"] >= -0.5 and box["right"] <= width + 0.5


def settled(phone, selectors=(), scope=None, timeout=WAIT):
    """The measure once two in a row agree and the selectors are shown
    (patterns draw the page after it has loaded: a busy machine is slow).
    On time out, the last measure: the assertions then say what is wrong."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    state = {"previous": None}

    def same(browser):
        seen = measure(browser, selectors, scope)
        ready = all(seen["boxes"].values()) and seen == state["previous"]
        state["previous"] = seen
        return seen if ready else None

    try:
        WebDriverWait(phone, timeout, poll_frequency=0.5).until(same)
    except TimeoutException:
        assert state["previous"], "nothing measured"
    return state["previous"]


def assert_fits(seen, what):
    """Nothing off the 390 px screen, no control under 44 px."""
    assert seen["width"] == 390, (what, seen["width"])
    assert seen["scroll"] <= 390, (what, seen["scroll"], seen["off"])
    assert not seen["off"], (what, "drawn off the screen", seen["off"])
    assert not seen["small"], (what, "smaller than 44 × 44 px", seen["small"])


#: The toolbar's tools (each must be on the screen).
TOOLS = (
    "#edit-zone .plone-toolbar-main > li > .nav-link, "
    "#edit-zone .personaltools-wrapper > .nav-link"
)


def tools_off_screen(phone):
    """The toolbar's tools drawn off the 390 px screen (names)."""
    return phone.execute_script(
        """
        return [...document.querySelectorAll(arguments[0])]
          .filter((el) => el.getClientRects().length)
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.left < -0.5 || r.right > innerWidth + 0.5;
          })
          .map((el) => el.innerText.trim() || el.getAttribute('aria-label')
                       || el.id);
        """,
        TOOLS,
    )


@pytest.fixture
def pages(site):
    """Solgläntan with news items of its editor, one in review (the
    workflow form lists the folder's items, each with a checkbox)."""
    for title in ("Sommarfest på Solgläntan", "Nya öppettider i juli"):
        create_as("red.a", site["a"], "News Item", title)
    transaction.commit()
    return api.portal.get().absolute_url().replace("127.0.0.1", "localhost")


#: (login, path, what shows the page is ready, what must be on the screen
#: and how wide at least, where the controls to tap are: None for a page
#: without checkboxes, whose every control on the page is measured).
PAGES = [
    pytest.param(
        "webbred",
        "bou/solglantan/folder_contents",
        ".pat-structure .itemRow",
        {".pat-structure table.dataTable": 340},
        ".pat-structure",
        id="folder_contents",
    ),
    pytest.param(
        "webbred",
        "bou/solglantan/@@sharing",
        "#user-group-sharing",
        {"#user-group-sharing": 340, "#user-group-sharing th:nth-child(5)": 44},
        "#user-group-sharing",
        id="sharing",
    ),
    pytest.param(
        "webbred",
        "@@usergroup-userprefs",
        "input[name='users.roles:list:records']",
        {"#content table.table-responsive": 340},
        "#content table.table-responsive",
        id="users",
    ),
    pytest.param(
        "webbred",
        "@@usergroup-groupprefs",
        "td.listingCheckbox input[type='checkbox']",
        {"#content table.table-responsive": 340},
        "#content table.table-responsive",
        id="groups",
    ),
    pytest.param(
        "webbred",
        "blanketter/forslag-och-ideer/fields",
        ".pat-schemaeditor .fieldPreview",
        {
            ".pat-schemaeditor .fieldPreview": 340,
            ".pat-schemaeditor > #add-field": 44,
            ".pat-schemaeditor > #add-fieldset": 44,
        },
        None,
        id="form-fields",
    ),
    pytest.param(
        "webbred",
        "blanketter/forslag-och-ideer/actions",
        ".pat-schemaeditor .fieldPreview",
        {".pat-schemaeditor .fieldPreview": 340},
        ".pat-schemaeditor",
        id="form-actions",
    ),
    pytest.param(
        "webbred",
        "bou/solglantan/content_status_history",
        "table.pat-checklist",
        {"table.pat-checklist": 300},
        "#content",
        id="content_status_history",
    ),
]


@pytest.mark.parametrize(("user", "path", "ready", "visible", "scope"), PAGES)
def test_an_editor_page_fits_a_phone(
    phone, screenshot, pages, user, path, ready, visible, scope
):
    """The page fits 390 px, its list or table is on the screen and wide
    enough to read (the form editor's list was 14 px, one letter a line),
    every tool of the toolbar is on the screen (Historik, Delning and the
    personal menu were off its right edge), and its checkboxes and sort
    buttons are 44 px targets."""
    login(phone, pages, user)
    open_page(phone, f"{pages}/{path}")
    seen = settled(phone, (ready, *visible), scope)
    screenshot("page")
    assert_fits(seen, path)
    for selector, width in visible.items():
        assert on_screen(seen["boxes"][selector]), (path, selector, seen["boxes"])
        assert seen["boxes"][selector]["width"] >= width, (path, selector, seen)
    if scope:
        assert seen["controls"], (path, "no control measured in", scope)
    assert not tools_off_screen(phone), (path, tools_off_screen(phone))


#: Folder contents' popovers: (the button's name, an item selected first).
POPOVERS = [
    pytest.param("Konfigurera visade kolumner", False, id="columns"),
    pytest.param("Filter", False, id="filter"),
    pytest.param("Egenskaper", True, id="properties"),
    pytest.param("Ladda upp", False, id="upload"),
    pytest.param("Taggar", True, id="tags"),
    pytest.param("Byt namn", True, id="rename"),
]

#: The fields and boxes of the open popover: own boxes, not their labels'.
POPOVER_FIELDS = """
return [...document.querySelectorAll(
    '.pat-structure .popover.active :is(.form-control, .form-select,'
    + ' .form-check-input)')]
  .filter((el) => el.getClientRects().length && el.type !== 'hidden')
  .map((el) => {
    const r = el.getBoundingClientRect();
    return {what: el.name || el.id || el.className, type: el.type,
            width: Math.round(r.width), height: Math.round(r.height)};
  });
"""

#: The top of the bottom bar (the screen's height where there is none).
BAR_TOP = """
const bar = document.querySelector('.solna-tabbar');
return bar && bar.getClientRects().length
  ? bar.getBoundingClientRect().top : innerHeight;
"""


@pytest.mark.parametrize(("button", "select"), POPOVERS)
def test_folder_contents_popovers_fit_a_phone(phone, screenshot, pages, button, select):
    """Kolumner (600 px), Filter (700 px, opening to the left of its
    button), Egenskaper (off the right edge), Ladda upp, Taggar and Byt
    namn open as sheets within the 390 px screen, near its top and above
    the bottom bar (they opened under their button, at y = 614 in
    Nyheter, 160 px above the bar), their fields and switches on it; a
    field, radio button or switch is itself 44 px high (Egenskaper's radio
    buttons were 22 × 22 px, Kolumner's switches 28 × 22 px, Byt namn's
    fields 31 px high)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    login(phone, pages, "webbred")
    open_page(phone, f"{pages}/bou/solglantan/folder_contents")
    settled(phone, (".pat-structure .itemRow",))
    if select:
        tap(phone.find_element(By.CSS_SELECTOR, ".pat-structure td.selection input"))
        selector = f".pat-structure [aria-label='{button}']"
        WebDriverWait(phone, WAIT).until(
            lambda b: (
                "disabled"
                not in b.find_element(By.CSS_SELECTOR, selector).get_attribute("class")
            )
        )
    tap(phone.find_element(By.CSS_SELECTOR, f".pat-structure [aria-label='{button}']"))
    seen = settled(phone, (".pat-structure .popover.active",), ".popover.active")
    screenshot(button)
    popover = seen["boxes"][".pat-structure .popover.active"]
    assert on_screen(popover), (button, popover)
    assert popover["width"] >= 300, (button, popover)
    assert_fits(seen, button)
    assert popover["top"] <= seen_height(phone) / 4, (button, popover)
    assert popover["bottom"] <= phone.execute_script(BAR_TOP) + 0.5, (button, popover)
    fields = phone.execute_script(POPOVER_FIELDS)
    small = [
        field
        for field in fields
        if field["height"] < TAP - 0.5
        or (field["type"] in ("radio", "checkbox") and field["width"] < TAP - 0.5)
    ]
    assert not small, (button, small)


def seen_height(browser):
    """The viewport's height in CSS px."""
    return browser.execute_script("return innerHeight")


@pytest.fixture
def laptop(phone_profile):
    """A headless Chromium with a 1280 × 900 px window (a laptop)."""
    from tests.fixtures.phone import start_chromium

    driver = start_chromium(phone_profile, {"width": 1280, "height": 900}, False)
    yield driver
    driver.quit()


def test_the_navigation_bars_search_keeps_its_word_at_1280_px(pages, laptop, request):
    """At 1280 px, with an editor's toolbar, the navigation bar's "Sök"
    button is one word on one line (it broke into "Sö / k")."""
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.phone import ARTIFACTS

    login(laptop, pages, "webbred")
    open_page(laptop, f"{pages}/bou/solglantan", "searchGadget")
    lines = WebDriverWait(laptop, WAIT).until(
        lambda b: b.execute_script(
            """
            const button = document.querySelector(
              '#portal-searchbox .searchButton');
            if (!button || !document.getElementById('edit-zone')) return null;
            const range = document.createRange();
            range.selectNodeContents(button);
            const tops = new Set([...range.getClientRects()]
              .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            return {width: innerWidth, text: button.innerText.trim(),
                    lines: tops.size};
            """
        )
    )
    ARTIFACTS.mkdir(exist_ok=True)
    laptop.save_screenshot(str(ARTIFACTS / f"{request.node.name}.png"))
    assert lines["width"] == 1280, lines
    assert lines == {"width": 1280, "text": "Sök", "lines": 1}, lines


#: The words of the page's content (``arguments[0]``, or #content) that the
#: browser split over two lines: a word whose text gives more than one box
#: (Range.getClientRects). A word is what lies between spaces, hyphens and
#: slashes (a break after "-" or "/" is a break between words); text for
#: screen readers only (a 1 px box) does not count.
BROKEN_WORDS = """
const root = document.querySelector(arguments[0] || '#content')
  || document.querySelector('main') || document.body;
const broken = [];
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!parent || !parent.getClientRects().length) continue;
  const own = parent.getBoundingClientRect();
  if (own.width <= 2 || own.height <= 2) continue;
  if (parent.closest('script, style, template, noscript, select, svg,'
                     + ' .hiddenStructure, .visually-hidden')) continue;
  if (getComputedStyle(parent).visibility === 'hidden') continue;
  const words = /[^\\s\\-\\u2010\\u00ad\\/]{2,}/g;
  let match;
  while ((match = words.exec(node.data))) {
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const boxes = [...range.getClientRects()]
      .filter((r) => r.width > 0.5 && r.height > 0.5);
    if (boxes.length > 1) broken.push(match[0]);
  }
}
return broken;
"""


def broken_words(browser, root=None):
    """The words of the page's content split over two lines (see
    BROKEN_WORDS): each should be whole on one line."""
    return browser.execute_script(BROKEN_WORDS, root)


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        pytest.param(
            "@@overview-controlpanel",
            ".controlPanelOverview .configlets",
            id="site-setup",
        ),
        pytest.param("bou/solglantan/@@sharing", "#user-group-sharing", id="sharing"),
        pytest.param(
            "@@usergroup-userprefs",
            "input[name='users.roles:list:records']",
            id="users",
        ),
    ],
)
def test_editor_pages_keep_their_words_whole_on_a_phone(
    phone, screenshot, pages, path, ready
):
    """Site Setup's tiles ("Navigeri / ng", "Innehålls / inställni / ngar"),
    Delning's names ("Inlogga / de använd / are") and Användare's column
    heading ("Användarnam / n") break between words, not inside them: the
    page gives each word the room it needs (the body's overflow-wrap:
    anywhere had shrunk their boxes to a letter's width)."""
    login(phone, pages, "webbred")
    open_page(phone, f"{pages}/{path}")
    seen = settled(phone, (ready,))
    screenshot("words")
    assert seen["scroll"] <= seen["width"] == 390, (path, seen["off"])
    assert not broken_words(phone), (path, broken_words(phone))


def test_the_users_control_panel_fits_1280_px(pages, laptop, request):
    """Användare (Site Setup) at 1280 px: the page does not scroll sideways
    (it was 1,397 px wide) and every role's name stands whole in its
    column's heading, on the screen (turned by a transform they were cut
    off above the table)."""
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.phone import ARTIFACTS

    login(laptop, pages, "webbred")
    open_page(laptop, f"{pages}/@@usergroup-userprefs")
    seen = WebDriverWait(laptop, WAIT).until(
        lambda b: b.execute_script(
            """
            const heads = [...document.querySelectorAll(
              '#content table.table-responsive th.rotate')];
            if (!heads.length || document.readyState !== 'complete') return null;
            const cut = [];
            for (const th of heads) {
              const cell = th.getBoundingClientRect();
              const range = document.createRange();
              range.selectNodeContents(th.firstElementChild || th);
              const text = range.getBoundingClientRect();
              if (text.top < cell.top - 0.5 || text.bottom > cell.bottom + 0.5
                  || text.left < cell.left - 0.5 || text.right > cell.right + 0.5
                  || text.top + scrollY < 0 || text.left < -0.5
                  || text.right > innerWidth + 0.5)
                cut.push(th.innerText.trim());
            }
            return {width: innerWidth,
                    scroll: document.documentElement.scrollWidth,
                    roles: heads.length, cut};
            """
        )
    )
    ARTIFACTS.mkdir(exist_ok=True)
    laptop.save_screenshot(str(ARTIFACTS / f"{request.node.name}.png"))
    assert seen["width"] == 1280, seen
    assert seen["scroll"] <= 1280, seen
    assert seen["roles"] > 5, seen
    assert not seen["cut"], seen
    assert not broken_words(laptop, "#content table.table-responsive"), broken_words(
        laptop, "#content table.table-responsive"
    )


@pytest.fixture
def news(site):
    """Nyheter with news items whose titles hold long words (the folder's
    list is wider than a phone)."""
    for title in (
        "Kompetensutvecklingsdagen för förskolepersonalen",
        "Sommarfest på Solgläntan",
        "Nya öppettider i juli",
    ):
        api.content.create(container=site["news"], type="News Item", title=title)
    transaction.commit()
    return api.portal.get().absolute_url().replace("127.0.0.1", "localhost")


def test_folder_contents_row_tools_are_on_a_phones_screen(phone, screenshot, news):
    """Folder contents of Nyheter at 390 px: the list, wider than the screen
    with a long title, scrolls in its own box, and every row's Åtgärder
    (with Öppna and Redigera) is whole on the screen (it was half off its
    right edge)."""
    login(phone, news, "webbred")
    open_page(phone, f"{news}/nyheter/folder_contents")
    seen = settled(phone, (".pat-structure .itemRow",), ".pat-structure")
    screenshot("rows")
    assert_fits(seen, "nyheter/folder_contents")
    tools = phone.execute_script(
        """
        return [...document.querySelectorAll(
            '.pat-structure .itemRow .actionmenu .btn, '
            + '.pat-structure .itemRow .actionmenu .dropdown-toggle')]
          .map((el) => {
            const r = el.getBoundingClientRect();
            return {name: el.getAttribute('aria-label') || el.title,
                    left: r.left, right: r.right, width: r.width};
          });
        """
    )
    assert any(tool["name"] == "Åtgärder" for tool in tools), tools
    assert len(tools) >= 9, tools
    off = [tool for tool in tools if not on_screen(tool)]
    assert not off, off


#: A 1 × 1 px PNG to put in an upload queue (never sent).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e2211bc9"
    "0000000049454e44ae426082"
)


@pytest.fixture
def poster(tmp_path):
    """A picture whose name is longer than a phone's line."""
    path = tmp_path / "Sommarfest_pa_Solglantan_affisch_juni_2026.png"
    path.write_bytes(PNG)
    return str(path)


def queue_row(phone, root):
    """The first file in the upload queue under ``root``: the boxes of its
    row, remove button, name and size (None until it is there)."""
    return phone.execute_script(
        """
        const row = document.querySelector(arguments[0] + ' .previews > .item');
        if (!row || !row.getClientRects().length) return null;
        const box = (sel) => {
          const el = sel ? row.querySelector(sel) : row;
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                  width: r.width, height: r.height};
        };
        return {row: box(null), remove: box('.remove-item'),
                name: box('[data-dz-name]'), size: box('.dz-size')};
        """,
        root,
    )


def assert_queue_row(row, what):
    """The queued file's row fits the screen; its remove button (44 px),
    name and size lie side by side, none over another."""
    assert row, (what, "no file in the queue")
    for part in ("row", "remove", "name", "size"):
        assert on_screen(row[part]), (what, part, row)
    assert row["remove"]["width"] >= TAP - 0.5, (what, row)
    assert row["remove"]["height"] >= TAP - 0.5, (what, row)
    assert row["remove"]["right"] <= row["name"]["left"] + 0.5, (what, row)
    assert row["name"]["right"] <= row["size"]["left"] + 0.5, (what, row)


def test_folder_contents_upload_queue_fits_a_phone(phone, screenshot, pages, poster):
    """Ladda upp in folder contents: a file put in the queue gets a row
    whose remove button does not cover the file's name."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    login(phone, pages, "webbred")
    open_page(phone, f"{pages}/bou/solglantan/folder_contents")
    settled(phone, (".pat-structure .itemRow",))
    tap(phone.find_element(By.CSS_SELECTOR, ".pat-structure [aria-label='Ladda upp']"))
    settled(phone, ("#popover-upload.active",))
    phone.find_element(By.CSS_SELECTOR, "input.dz-hidden-input").send_keys(poster)
    WebDriverWait(phone, WAIT).until(lambda b: queue_row(b, "#popover-upload"))
    screenshot("queue")
    assert_queue_row(queue_row(phone, "#popover-upload"), "folder contents")


def test_tinymces_image_dialogue_fits_a_phone(site, phone, screenshot, poster):
    """TinyMCE → Infoga bild, as Solgläntan's editor: "Aktivera zoom av
    bild" is a 44 px target; Välj eller ladda upp opens the content browser,
    whose filter is 44 px high; its upload panel opens on the screen (it
    opened right of it), and a file queued there gets a whole row."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.browser.test_content_browser_on_a_phone import wait_for_browser

    news = create_as("red.a", site["a"], "News Item", "Sommarfest på Solgläntan")
    transaction.commit()
    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    url = news.absolute_url().replace("127.0.0.1", "localhost")
    login(phone, portal_url, "red.a")
    open_page(phone, f"{url}/edit", "tox-tinymce")
    tap_found(phone, By.CSS_SELECTOR, ".tox-tinymce [data-mce-name='ploneimage']")
    checkboxes = ".modal .enable-zoom, .modal .captionFromDescription"
    seen = settled(phone, (".modal .enable-zoom input",), checkboxes)
    screenshot("image-dialogue")
    assert seen["controls"] == 2, seen
    assert not seen["small"], seen["small"]
    assert seen["scroll"] <= seen["width"] == 390, seen

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
    wait_for_browser(phone, "Infoga bild → Välj eller ladda upp")
    search = phone.find_element(By.CSS_SELECTOR, ".content-browser .toolBar input")
    assert search.rect["height"] >= TAP - 0.5, search.rect

    tap(phone.find_element(By.CSS_SELECTOR, ".content-browser .toolBar button.upload"))
    seen = settled(phone, (".content-browser .upload-wrapper",))
    screenshot("upload")
    panel = seen["boxes"][".content-browser .upload-wrapper"]
    assert on_screen(panel), panel
    assert panel["width"] >= 340, panel
    assert seen["scroll"] <= seen["width"] == 390, seen
    phone.find_element(
        By.CSS_SELECTOR, ".content-browser .upload-wrapper input.dz-hidden-input"
    ).send_keys(poster)
    WebDriverWait(phone, WAIT).until(lambda b: queue_row(b, ".content-browser"))
    screenshot("queued")
    assert_queue_row(queue_row(phone, ".content-browser"), "content browser")
