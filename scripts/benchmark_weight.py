"""Page weight of staff pages on a phone on slow 4G (issue 18).

Usage::

    .venv/bin/python scripts/benchmark_weight.py [URL] [USER:PASSWORD]
        [--screenshots DIR] [--cpu N]

URL defaults to http://localhost:8080/Plone (use ``localhost``: Plone turns the
theme off for 127.0.0.1), the account to the demo's ``anna.lindqvist``
(a Medarbetare who edits nothing).

Real Debian Chromium (chromium + chromium-driver, through Selenium), headless,
as a 390 px phone (390 x 844 CSS pixels, touch, mobile), logs in through the
login form, then measures with Chromium's network emulation of **slow 4G**
(Lighthouse's mobile preset: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s
up; ``--cpu 4`` adds Lighthouse's 4x CPU slowdown, off by default because a
shared 2-core machine is slow enough):

- Mitt intranät, first visit: browser cache, service worker and its caches
  emptied (the login's cookie kept): bytes transferred (the sum of
  Chromium's ``encodedDataLength``: headers and compressed bodies, as on the
  wire), requests, first contentful paint, largest contentful paint (the
  page's main content shown) and the load event;
- Mitt intranät, repeat visit (what the first visit left in the caches):
  bytes transferred (including what the service worker fetched from the
  network for the page: the HTML, which it fetches network-first);
- each staff page type, from an empty cache like the first visit, without
  emulation (bytes do not depend on it): bytes and the ratio to Mitt
  intranät's first visit.

Targets (issue 18): first visit <= 300 KB and shown (largest contentful
paint) in <= 3 s; repeat visit <= 40 KB; every page type <= 1.2 x the start
page. Prints a table and PASS/FAIL per target; exits 1 when a target fails
(2 when the site cannot be measured). KB = 1,000 bytes.

Counted are the page's own requests; what the service worker fetches in the
background for offline use (the pocket pages) is not part of showing the
page and is not counted.

``--screenshots DIR`` saves 390 px screenshots of the start page, a news
item, Hitta kontakt and a form (for docs/).
"""

from pathlib import Path
from urllib.parse import urlencode
from urllib.parse import urlsplit

import argparse
import json
import os
import requests
import shutil
import sys
import tempfile
import time


ROOT = Path(__file__).parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
PHONE = {"width": 390, "height": 844, "pixelRatio": 2.0}
#: Lighthouse's "slow 4G" (mobile) throttling: round trip, down, up.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1000 * 1000 / 8,
    "uploadThroughput": 750 * 1000 / 8,
}
FIRST_VISIT_MAX = 300_000
SHOWN_MAX = 3.0
REPEAT_VISIT_MAX = 40_000
RATIO_MAX = 1.2
WAIT = 90


def start_chromium(profile):
    """Headless Chromium as a 390 px phone (the tests' own, see
    tests/fixtures/phone.py), logging DevTools network events."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.phone import start_chromium

    driver = start_chromium(profile, PHONE, log_network=True)
    driver.set_page_load_timeout(WAIT)
    return driver


def wait_until(driver, condition, timeout=WAIT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def login(driver, portal_url, user, password):
    """Log in through the login form, as staff do."""
    from selenium.webdriver.common.by import By

    driver.get(f"{portal_url}/login")
    wait_until(driver, lambda d: d.find_elements(By.NAME, "__ac_name"))
    driver.find_element(By.NAME, "__ac_name").send_keys(user)
    driver.find_element(By.NAME, "__ac_password").send_keys(password)
    driver.find_element(By.NAME, "buttons.login").click()
    wait_until(driver, lambda d: d.get_cookie("__ac"))


def forget(driver, portal_url):
    """Empty the browser cache, the service worker and its caches (not the
    cookies): the next page is a first visit."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(portal_url))
    driver.execute_cdp_cmd(
        "Storage.clearDataForOrigin",
        {"origin": origin, "storageTypes": "service_workers,cache_storage"},
    )
    driver.get_log("performance")  # drop what was logged so far


def network(driver, on):
    driver.execute_cdp_cmd("Network.enable", {})
    if on:
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_4G)
    else:
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            },
        )


def transferred(driver, quiet=1.5):
    """Bytes on the wire and requests of the page's loads logged since the
    last call, read once the network has been quiet for ``quiet`` seconds."""
    finished, through_worker, started = {}, {}, set()
    last = time.monotonic()
    deadline = last + WAIT
    while time.monotonic() - last < quiet and time.monotonic() < deadline:
        entries = driver.get_log("performance")
        if entries:
            last = time.monotonic()
        for entry in entries:
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                if not params.get("request", {}).get("url", "").startswith("data:"):
                    started.add(params["requestId"])
            elif method == "Network.responseReceived":
                response = params.get("response", {})
                if response.get("serviceWorkerResponseSource") == "network":
                    # Fetched by the service worker: Chromium counts its
                    # bytes for the worker, not the page; count them here.
                    through_worker[params["requestId"]] = response.get(
                        "encodedDataLength", 0
                    )
            elif method == "Network.loadingFinished":
                finished[params["requestId"]] = params.get("encodedDataLength", 0)
        time.sleep(0.25)
    ids = started & set(finished)
    return sum(max(finished[i], through_worker.get(i, 0)) for i in ids), len(ids)


def visit(driver, url, ready="#content"):
    """Open ``url`` and wait for its content and the load event."""
    from selenium.webdriver.common.by import By

    driver.get(url)
    wait_until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ready))
    wait_until(
        driver, lambda d: d.execute_script("return document.readyState") == "complete"
    )


PAINTS = """
const done = arguments[arguments.length - 1];
const paint = performance.getEntriesByName("first-contentful-paint")[0];
const navigation = performance.getEntriesByType("navigation")[0];
let largest = null;
try {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    largest = entries[entries.length - 1].startTime;
  }).observe({type: "largest-contentful-paint", buffered: true});
} catch (e) {}
setTimeout(() => done({
  fcp: paint ? paint.startTime : null,
  lcp: largest,
  load: navigation ? navigation.loadEventEnd : null,
}), 200);
"""


def paints(driver):
    """First and largest contentful paint and the load event, in seconds."""
    found = driver.execute_async_script(PAINTS)
    return {key: (value / 1000 if value else None) for key, value in found.items()}


def find(session, portal_url, **query):
    """The URL of the first item a REST search finds, or None."""
    query.setdefault("b_size", 1)
    answer = session.get(
        f"{portal_url}/++api++/@search?{urlencode(query)}",
        headers={"Accept": "application/json"},
        timeout=60,
    )
    if answer.status_code != 200:
        return None
    items = answer.json().get("items", [])
    return items[0]["@id"] if items else None


def page_types(portal_url, user, password):
    """(name, URL) of each staff page type (those the site has)."""
    session = requests.Session()
    session.auth = (user, password)
    news = find(
        session,
        portal_url,
        portal_type="News Item",
        path=urlsplit(portal_url).path + "/nyheter",
        sort_on="effective",
        sort_order="reverse",
    ) or find(session, portal_url, portal_type="News Item")
    rule = find(session, portal_url, portal_type="solna.Rule", sort_on="sortable_title")
    form = find(session, portal_url, portal_type="EasyForm", sort_on="sortable_title")
    community = find(
        session, portal_url, portal_type="solna.Community", sort_on="sortable_title"
    )
    unit = find(
        session, portal_url, portal_type="solna.Unit", sort_on="path", b_start=4
    )
    name = user.split(".")[0]
    pages = [
        ("Nyheter", f"{portal_url}/@@nyheter"),
        ("a news item", news),
        ("Hitta kontakt", f"{portal_url}/@@hitta-kontakt?{urlencode({'q': name})}"),
        ("a unit (Enhet)", unit),
        ("Regler (their unit)", rule and rule.rsplit("/", 1)[0]),
        ("a rule (Regel)", rule),
        ("Frågor och svar", f"{portal_url}/@@fragor-och-svar"),
        ("Blanketter", f"{portal_url}/blanketter"),
        ("a form (Blankett)", form),
        ("Mina ärenden", f"{portal_url}/@@mina-arenden"),
        ("Nätverk", f"{portal_url}/natverk"),
        ("a community (Nätverk)", community),
        ("Notiser", f"{portal_url}/@@notiser"),
        (
            "Sök (search)",
            f"{portal_url}/@@search?{urlencode({'SearchableText': 'semester'})}",
        ),
    ]
    found = []
    for title, url in pages:
        if url and session.get(url, timeout=120).status_code == 200:
            found.append((title, url))
        else:
            print(f"  (skipped {title}: {url} does not answer 200)", file=sys.stderr)
    return found


def kb(size):
    return f"{size / 1000:.1f} KB"


def seconds(value):
    return "–" if value is None else f"{value:.2f} s"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument(
        "credentials", nargs="?", default="anna.lindqvist:solna-demo-2026"
    )
    parser.add_argument("--screenshots", metavar="DIR")
    parser.add_argument(
        "--cpu", type=float, default=1, help="CPU slowdown (4 = Lighthouse)"
    )
    args = parser.parse_args(argv)
    portal_url = args.url.rstrip("/")
    user, _, password = args.credentials.partition(":")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        print("Chromium is missing: apt-get install chromium chromium-driver")
        return 2
    try:
        pages = page_types(portal_url, user, password)
    except requests.RequestException as error:
        print(f"{portal_url} does not answer: {error}")
        return 2

    profile = tempfile.mkdtemp(prefix="benchmark-")
    driver = start_chromium(profile)
    results = []
    try:
        if args.cpu > 1:
            driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": args.cpu})
        login(driver, portal_url, user, password)

        # Mitt intranät: first visit on slow 4G, then a repeat visit.
        forget(driver, portal_url)
        network(driver, on=True)
        visit(driver, portal_url)
        first, first_requests = transferred(driver)
        shown = paints(driver)
        driver.get("about:blank")
        driver.get_log("performance")
        visit(driver, portal_url)
        repeat, repeat_requests = transferred(driver)
        repeat_shown = paints(driver)
        if args.screenshots:
            folder = Path(args.screenshots)
            folder.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(folder / "mitt-intranat-390.png"))
        network(driver, on=False)

        # Each page type from an empty cache.
        for title, url in pages:
            forget(driver, portal_url)
            visit(driver, url)
            size, count = transferred(driver)
            results.append((title, url, size, count))

        if args.screenshots:
            folder = Path(args.screenshots)
            shots = {
                "a news item": "nyhet",
                "Hitta kontakt": "hitta-kontakt",
                "a form (Blankett)": "blankett",
            }
            for title, url in pages:
                if title in shots:
                    visit(driver, url)
                    driver.execute_script("window.scrollTo(0, 0)")
                    driver.save_screenshot(str(folder / f"{shots[title]}-390.png"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)

    shown_at = shown["lcp"] or shown["fcp"]
    checks = [
        (
            f"Mitt intranät, first visit <= {kb(FIRST_VISIT_MAX)}",
            first <= FIRST_VISIT_MAX,
        ),
        (
            f"Mitt intranät shown (LCP) <= {SHOWN_MAX:.0f} s",
            shown_at is not None and shown_at <= SHOWN_MAX,
        ),
        (
            f"Mitt intranät, repeat visit <= {kb(REPEAT_VISIT_MAX)}",
            repeat <= REPEAT_VISIT_MAX,
        ),
    ]
    print()
    print(
        f"Site: {portal_url} as {user}; 390 px, slow 4G "
        f"(150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), CPU x{args.cpu:g}"
    )
    print()
    print(f"{'':34} {'bytes':>10} {'reqs':>6} {'FCP':>7} {'LCP':>7} {'load':>7}")
    print(
        f"{'Mitt intranät, first visit':34} {kb(first):>10} {first_requests:>6} "
        f"{seconds(shown['fcp']):>7} {seconds(shown['lcp']):>7} "
        f"{seconds(shown['load']):>7}"
    )
    print(
        f"{'Mitt intranät, repeat visit':34} {kb(repeat):>10} {repeat_requests:>6} "
        f"{seconds(repeat_shown['fcp']):>7} {seconds(repeat_shown['lcp']):>7} "
        f"{seconds(repeat_shown['load']):>7}"
    )
    print()
    print(f"{'page type (empty cache)':34} {'bytes':>10} {'reqs':>6} {'ratio':>6}")
    for title, _url, size, count in results:
        ratio = size / first if first else 0
        ok = ratio <= RATIO_MAX
        checks.append((f"{title} <= {RATIO_MAX:g} x the start page", ok))
        print(
            f"{title:34} {kb(size):>10} {count:>6} {ratio:>6.2f}"
            f"{'' if ok else '  <- too heavy'}"
        )
    print()
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
