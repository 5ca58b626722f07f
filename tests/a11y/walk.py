"""The accessibility walk: open pages in one Chromium session, wait until
each is complete, run axe-core (WCAG 2.0/2.1 A and AA) at 390 and 1280 px
and collect the texts the page shows.

axe-core comes from npm (package.json pins it; ``make test`` runs ``npm ci``)
and is injected into each page with Selenium's ``execute_script``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import json


ROOT = Path(__file__).parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "a11y"
#: The rules of WCAG 2.1 level A and AA (what DOS-lagen requires).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Phone (the phone fixture's width) and a laptop.
WIDTHS = {
    390: {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True},
    1280: {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
}
WAIT = 60


@dataclass
class Page:
    """One page type: its ``name`` (for the report), the ``path`` after the
    site's URL, a CSS selector ``ready`` that is there once the page is
    complete (patterns initialised, TinyMCE drawn), and an optional
    ``action(driver, portal_url)`` run instead of opening ``path`` (submit a
    form, open a menu) that leaves the browser on the page to check."""

    name: str
    path: str
    ready: str = "#content, main"
    action: Callable | None = None
    #: Rule ids not to check on this page, with the reason (none today).
    skip: dict = field(default_factory=dict)


@dataclass
class Violation:
    page: str
    width: int
    rule: str
    impact: str
    targets: list
    help: str

    def __str__(self):
        targets = ", ".join(
            " ".join(t) if isinstance(t, list) else t for t in self.targets[:4]
        )
        more = f" (+{len(self.targets) - 4})" if len(self.targets) > 4 else ""
        return (
            f"{self.page} @ {self.width}px: {self.rule} [{self.impact}] "
            f"{targets}{more} — {self.help}"
        )


#: The texts a user meets on the page: what is shown and what controls say
#: to screen readers and on hover (title, aria-label, alt, placeholder,
#: the value of buttons).
TEXTS = """
const texts = [document.title];
if (document.body) texts.push(document.body.innerText);
for (const el of document.querySelectorAll(
    '[title], [aria-label], img[alt], [placeholder], ' +
    'input[type=submit], input[type=button], input[type=reset]')) {
  if (el.closest('[hidden], template')) continue;
  for (const name of ['title', 'aria-label', 'alt', 'placeholder']) {
    const value = el.getAttribute(name);
    if (value) texts.push(value);
  }
  if (['submit', 'button', 'reset'].includes(el.type) && el.tagName === 'INPUT')
    texts.push(el.value);
}
return texts;
"""

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
                   resultTypes: ['violations']})
  .then(r => done(JSON.stringify(r.violations)))
  .catch(e => done(JSON.stringify({error: String(e)})));
"""


#: The walk leaves edit forms without saving: their "leave the page?"
#: question (pat-formunloadalert's beforeunload) is not asked.
NO_UNLOAD_QUESTION = """
const add = window.addEventListener;
window.addEventListener = function (type, ...rest) {
  if (type !== 'beforeunload') return add.call(this, type, ...rest);
};
Object.defineProperty(window, 'onbeforeunload', {set() {}, get() { return null; }});
"""


def set_width(driver, width):
    """Make the viewport ``width`` CSS pixels wide (390: a phone, touch and
    mobile; 1280: a laptop) with Chromium's device metrics override."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", WIDTHS[width])
    driver.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": width < 800}
    )


def wait_complete(driver, ready, timeout=WAIT):
    """Wait until the document has loaded, ``ready`` matches a visible
    element, and two animation frames have passed (layout after the
    resize or the patterns' changes)."""
    from selenium.webdriver.support.ui import WebDriverWait

    def complete(browser):
        return browser.execute_script(
            "return document.readyState === 'complete' && "
            "!!document.querySelector(arguments[0])",
            ready,
        )

    try:
        WebDriverWait(driver, timeout).until(complete)
    except Exception:
        text = driver.execute_script("return document.body && document.body.innerText")
        raise AssertionError(
            f"{ready!r} never on {driver.current_url}: {(text or '')[:500]!r}"
        ) from None
    driver.execute_async_script(
        "const done = arguments[0];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done()));"
    )


def axe(driver, page, width):
    """The axe-core violations of the page open in ``driver``, as
    ``Violation``s (and the raw results, for the artifact)."""
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(AXE.read_text())
    raw = json.loads(driver.execute_async_script(RUN_AXE, TAGS))
    if isinstance(raw, dict):
        raise AssertionError(f"axe failed on {page.name}: {raw['error']}")
    raw = [v for v in raw if v["id"] not in page.skip]
    found = [
        Violation(
            page.name,
            width,
            v["id"],
            v["impact"],
            [n["target"] for n in v["nodes"]],
            v["help"],
        )
        for v in raw
    ]
    return found, raw


#: What axe's WCAG rules leave out (its landmark rules are best practice):
#: one main landmark, and every navigation named when there are several
#: (WCAG 1.3.1, 2.4.1; ARIA Authoring Practices, landmarks).
LANDMARKS = """
const found = [];
const mains = document.querySelectorAll('main, [role=main]');
if (mains.length !== 1)
  found.push(['solna-one-main', mains.length + ' main landmarks', ['main']]);
const navs = [...document.querySelectorAll('nav, [role=navigation]')]
  .filter(n => n.getClientRects().length);
if (navs.length > 1)
  for (const nav of navs)
    if (!nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby'))
      found.push(['solna-nav-named', 'navigation without a name',
                  [nav.id ? '#' + nav.id : nav.className || 'nav']]);
return found;
"""


def landmarks(driver, page, width):
    """The landmark problems of the page (LANDMARKS) as ``Violation``s."""
    return [
        Violation(page.name, width, rule, "moderate", [target], text)
        for rule, text, target in driver.execute_script(LANDMARKS)
        if rule not in page.skip
    ]


def texts(driver):
    """What the page says (see TEXTS)."""
    return [t for t in driver.execute_script(TEXTS) if t and t.strip()]


def walk(driver, portal_url, pages, role):
    """Open every page of ``pages`` in ``driver`` (logged in as ``role``
    already), check each at 390 and 1280 px; returns (violations,
    {page name: texts}) and writes the axe results to
    tests/artifacts/a11y/<role>.json."""
    driver.set_script_timeout(120)
    # A busy machine: TinyMCE's pages may take long to load.
    driver.set_page_load_timeout(180)
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": NO_UNLOAD_QUESTION}
    )
    violations, shown, report = [], {}, {}
    for page in pages:
        set_width(driver, 390)
        try:
            if page.action:
                page.action(driver, portal_url)
            else:
                driver.get(f"{portal_url}/{page.path}".rstrip("/"))
        except Exception as error:
            raise AssertionError(f"{page.name} did not open: {error}") from error
        report[page.name] = {"url": driver.current_url, "title": driver.title}
        for width in WIDTHS:
            set_width(driver, width)
            wait_complete(driver, page.ready)
            found, raw = axe(driver, page, width)
            violations += found + landmarks(driver, page, width)
            report[page.name][width] = raw
        shown[page.name] = texts(driver)
    set_width(driver, 390)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{role}.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False)
    )
    return violations, shown
