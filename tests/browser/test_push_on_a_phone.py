"""Push notifications on a phone, in real Chromium at 390 px:

- a member opens Aviseringar and turns notifications on for this phone;
  notifications are allowed through the DevTools protocol
  (``Browser.grantPermissions``); headless Chromium reaches no real push
  service, so ``pushManager.subscribe`` fails: the page says so in Swedish
  (should it succeed, the phone is listed instead);
- the service worker's push handler (static/push/push-sw.js, imported by
  app/'s sw.js) shows a notification for a push message delivered through
  the DevTools protocol (``ServiceWorker.deliverPushMessage``), read back
  with ``registration.getNotifications()``.
"""

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from solna.intranet.push import setup as push_setup
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import create_staff

import contextlib
import json
import pytest
import requests
import time
import transaction
import websocket


pytestmark = pytest.mark.browser

FAILED = "Det gick inte att slå på notiser i den här webbläsaren."
ON = "Notiser är på för den här telefonen."


@pytest.fixture
def site(functional_portal):
    create_staff({"anna.lindqvist": ()})
    push_setup.install(functional_portal)
    transaction.commit()
    return functional_portal.absolute_url()


class DevTools:
    """A second DevTools client on the phone's page (chromedriver's own
    cannot wait for events): send commands, wait for events."""

    def __init__(self, phone):
        address = phone.capabilities["goog:chromeOptions"]["debuggerAddress"]
        pages = requests.get(f"http://{address}/json/list", timeout=30).json()
        (page,) = [p for p in pages if p["type"] == "page"][:1]
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=WAIT, suppress_origin=True
        )
        self.next_id = 0
        self.events = []

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(message["error"])
                return message.get("result")
            self.events.append(message)

    def wait_for(self, test, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if test(event):
                    return event
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                self.events.append(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise AssertionError(f"no such DevTools event: {self.events[-5:]}")

    def close(self):
        self.socket.close()


def _activated(event, scope):
    """A DevTools event saying the site's service worker is activated."""
    return event.get("method") == "ServiceWorker.workerVersionUpdated" and any(
        v.get("status") == "activated" and v.get("scriptURL", "").startswith(scope)
        for v in event["params"]["versions"]
    )


def notifications(phone):
    """The notifications the site's worker shows (a list of dicts)."""
    return phone.execute_async_script(
        "var done = arguments[0];"
        "navigator.serviceWorker.ready"
        ".then(function (r) { return r.getNotifications(); })"
        ".then(function (found) { done(found.map(function (n) {"
        " return {title: n.title, body: n.body, tag: n.tag,"
        " icon: n.icon, url: n.data && n.data.url}; })); },"
        " function () { done([]); });"
    )


def status(phone):
    return phone.find_element(By.CSS_SELECTOR, "#solna-push .solna-push-status").text


def test_turning_push_on_and_a_notification_shown(phone, site):
    login(phone, site, "anna.lindqvist")
    origin = "/".join(site.split("/")[:3])
    phone.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": origin, "permissions": ["notifications"]},
    )
    open_page(phone, f"{site}/@@aviseringar", "Den här telefonen")
    assert fits(phone)
    WebDriverWait(phone, WAIT).until(lambda p: status(p))
    button = phone.find_element(By.CSS_SELECTOR, ".solna-push-toggle")
    assert button.text == "Slå på notiser"
    assert button.size["height"] >= 44
    tap(button)
    WebDriverWait(phone, WAIT).until(
        lambda p: FAILED in p.page_source or ON in p.page_source
    )
    if FAILED not in phone.page_source:  # a push service was reachable
        assert phone.find_elements(By.CSS_SELECTOR, ".solna-push-phone")

    # The worker's push handler shows what the site sends. A push message
    # delivered while the worker is still busy (the subscribe above may be
    # pending in a browser without a push service) can be lost: deliver it
    # again until the notification shows, within WAIT.
    payload = {
        "title": "Kris: Vattenläcka på Solgläntan",
        "body": "Förskolan är stängd i dag.",
        "url": "nyheter/kris",
        "tag": "crisis-1",
        "kind": "crisis",
    }
    devtools = DevTools(phone)
    try:
        devtools.send("ServiceWorker.enable")
        scope = f"{site}/"
        devtools.wait_for(lambda e: _activated(e, scope))
        deadline = time.monotonic() + WAIT
        shown = []
        while not shown and time.monotonic() < deadline:
            event = [e for e in devtools.events if _activated(e, scope)][-1]
            version = next(
                v for v in event["params"]["versions"] if v.get("status") == "activated"
            )
            devtools.send(
                "ServiceWorker.deliverPushMessage",
                origin=origin,
                registrationId=version["registrationId"],
                data=json.dumps(payload),
            )
            with contextlib.suppress(TimeoutException):
                shown = WebDriverWait(phone, 10).until(notifications)
    finally:
        devtools.close()
    assert shown, "no notification shown for the push message"
    (notification,) = shown
    assert notification["title"] == payload["title"]
    assert notification["body"] == payload["body"]
    assert notification["tag"] == "crisis-1"
    assert notification["icon"] == f"{site}/++plone++solna.intranet/app/icon-192.png"
    assert notification["url"] == f"{site}/nyheter/kris"
