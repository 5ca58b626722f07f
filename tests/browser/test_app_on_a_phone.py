"""The intranet as an app on the phone (issue 17), in real Chromium at
390 px: installable (Chromium's own check, through the DevTools protocol),
its service worker keeps the member's unit and favourites for reading
without a network and shows the Swedish offline page for anything else;
signing out leaves nothing of hers in Cache Storage; Safari on an iPhone
gets the home-screen hint once."""

from plone import api
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from solna.intranet.personal import favorites
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT

import json
import pytest
import transaction
import websocket


pytestmark = pytest.mark.browser

MEMBER = "olle.medarbetare"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
HINT = "Lägg till intranätet på hemskärmen"

#: The names of Cache Storage and the URLs in each (run in the page).
CACHE_CONTENTS = """
const done = arguments[arguments.length - 1];
(async () => {
  const found = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    found[name] = (await cache.keys()).map((request) => request.url);
  }
  return found;
})().then(done, (error) => done({error: String(error)}));
"""


def cache_contents(phone):
    phone.set_script_timeout(WAIT)
    return phone.execute_async_script(CACHE_CONTENTS)


def kept_urls(phone):
    return {url for urls in cache_contents(phone).values() for url in urls}


class Workers:
    """The browser's own DevTools connection (not chromedriver's), to reach
    the service worker's target: the page's network emulation does not
    cover what the worker fetches in every Chromium."""

    def __init__(self, phone):
        address = phone.capabilities["goog:chromeOptions"]["debuggerAddress"]
        import urllib.request

        with urllib.request.urlopen(f"http://{address}/json/version") as answer:
            url = json.load(answer)["webSocketDebuggerUrl"]
        self.socket = websocket.create_connection(
            url, timeout=WAIT, suppress_origin=True
        )
        self.next = 0

    def send(self, method, params=None, session=None):
        self.next += 1
        message = {"id": self.next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            answer = json.loads(self.socket.recv())
            if answer.get("id") == self.next:
                if "error" in answer:
                    raise AssertionError(answer["error"])
                return answer.get("result", {})

    def offline(self, offline):
        """Switch the network of every service worker on or off."""
        targets = self.send("Target.getTargets")["targetInfos"]
        workers = [t for t in targets if t["type"] == "service_worker"]
        for target in workers:
            session = self.send(
                "Target.attachToTarget",
                {"targetId": target["targetId"], "flatten": True},
            )["sessionId"]
            self.send("Network.enable", session=session)
            self.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": offline,
                    "latency": 0,
                    "downloadThroughput": -1,
                    "uploadThroughput": -1,
                },
                session=session,
            )
        return len(workers)

    def close(self):
        self.socket.close()


def network(phone, workers, offline):
    """Switch the phone's network off (or on again): the page's and the
    worker's."""
    phone.execute_cdp_cmd("Network.enable", {})
    phone.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {
            "offline": offline,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": -1,
        },
    )
    assert workers.offline(offline) >= 1


def controlled(phone):
    """Wait until the service worker controls the page."""
    try:
        WebDriverWait(phone, WAIT).until(
            lambda browser: browser.execute_script(
                "return !!navigator.serviceWorker.controller"
            )
        )
    except Exception:
        phone.set_script_timeout(WAIT)
        state = phone.execute_async_script(
            "const done = arguments[0];"
            "navigator.serviceWorker.getRegistrations().then((all) => done("
            "all.map((r) => [r.scope, r.active && r.active.state,"
            " !!r.installing, !!r.waiting])), (e) => done(String(e)));"
        )
        logs = phone.get_log("browser")
        raise AssertionError(
            f"no worker controls {phone.current_url}: {state} {logs}"
        ) from None


def test_installed_kept_offline_and_forgotten_at_sign_out(site, phone, screenshot):
    portal_url = api.portal.get().absolute_url()
    unit = site["a"]
    api.user.get(username=MEMBER).setMemberProperties(
        {"unit": api.content.get_uuid(unit), "profession": "forskollarare"}
    )
    with api.env.adopt_roles(["Manager"]):
        routine = api.content.create(
            container=site["hr"],
            type="Document",
            id="brandlarm",
            title="Rutin vid brandlarm",
            available_offline=True,
        )
        api.content.transition(routine, to_state="published")
    favorites.add(MEMBER, api.content.get_uuid(site["hr"]))
    transaction.commit()

    # Olle signs in on his phone: the worker takes over the page.
    login(phone, portal_url, MEMBER)
    open_page(phone, portal_url, "Mitt intranät")
    controlled(phone)

    # Chromium's own installability check passes, the manifest parses.
    manifest = phone.execute_cdp_cmd("Page.getAppManifest", {})
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"] == f"{portal_url}/manifest.webmanifest"
    assert json.loads(manifest["data"])["name"] == "Solna intranät"
    WebDriverWait(phone, WAIT).until(
        lambda browser: (
            browser.execute_cdp_cmd("Page.getInstallabilityErrors", {})[
                "installabilityErrors"
            ]
            == []
        ),
        message=str(phone.execute_cdp_cmd("Page.getInstallabilityErrors", {})),
    )

    # His unit, his favourite and the routine are kept on the phone.
    wanted = {unit.absolute_url(), site["hr"].absolute_url(), routine.absolute_url()}
    WebDriverWait(phone, WAIT).until(
        lambda browser: wanted <= kept_urls(browser),
        message=f"not kept: {wanted}",
    )

    # The network goes.
    workers = Workers(phone)
    try:
        network(phone, workers, offline=True)
        phone.get(unit.absolute_url())
        shows(phone, "Sparad för offline", "Solgläntan")
        note = phone.find_element(By.CSS_SELECTOR, ".solna-offline-note").text
        assert note.startswith("Sparad för offline ")
        assert " kl. " in note
        assert fits(phone)
        screenshot("unit-offline")
        phone.get(site["hr"].absolute_url())
        shows(phone, "Sparad för offline", "HR-avdelningen")
        # Any other page: the offline page, listing what is kept.
        phone.get(f"{portal_url}/@@hitta-kontakt")
        shows(phone, "Du är offline", "Rutin vid brandlarm", "Senast uppdaterad")
        assert "Solgläntan" in phone.find_element(By.ID, "solna-offline-pages").text
        assert fits(phone)
        screenshot("offline-page")

        # The network is back; Olle signs out: nothing of his is kept.
        network(phone, workers, offline=False)
    finally:
        workers.close()
    open_page(phone, portal_url, "Mitt intranät")
    phone.get(f"{portal_url}/logout")
    WebDriverWait(phone, WAIT).until(lambda browser: not browser.get_cookie("__ac"))
    open_page(phone, f"{portal_url}/login", "__ac_name")
    assert cache_contents(phone) == {}

    # On an iPhone (Safari gives no install prompt): the hint, once.
    # (chromedriver's mobile emulation puts its own User-Agent back on every
    # page, so the page's scripts are told the iPhone's: what app.js reads.)
    iphone = phone.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "Object.defineProperty(navigator, 'userAgent', "
            f"{{get: () => {json.dumps(IPHONE)}}});"
        },
    )["identifier"]
    login(phone, portal_url, MEMBER)  # and lands on Mitt intranät
    hint = WebDriverWait(phone, WAIT).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".solna-homescreen"))
    )
    assert HINT in hint.text
    assert fits(phone)
    screenshot("iphone-hint")
    tap(hint.find_element(By.TAG_NAME, "button"))
    WebDriverWait(phone, WAIT).until(
        lambda browser: not browser.find_elements(By.CSS_SELECTOR, ".solna-homescreen")
    )
    assert phone.execute_script("return localStorage.getItem('solna-hemskarm')")
    open_page(phone, portal_url, "Mitt intranät")
    assert not phone.find_elements(By.CSS_SELECTOR, ".solna-homescreen")
    # Not on other browsers: Chromium (Android) as itself, hint not seen yet.
    phone.execute_script("localStorage.clear()")
    phone.execute_cdp_cmd(
        "Page.removeScriptToEvaluateOnNewDocument", {"identifier": iphone}
    )
    open_page(phone, portal_url, "Mitt intranät")
    assert not phone.find_elements(By.CSS_SELECTOR, ".solna-homescreen")
