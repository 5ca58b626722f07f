"""Push subscriptions over real HTTP: a member turns push on for the phone
in hand (REST @push-prenumeration), per remembered device; what a browser
sends is checked (Swedish 400s, nothing saved); a subscription goes when
its device is signed out, when she logs out there, and with her account;
the page @@aviseringar lists her phones and removes one."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import html
from plone import api
from solna.intranet.login import devices
from solna.intranet.push import setup as push_setup
from solna.intranet.push import subscriptions
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import base64
import os
import pytest
import requests
import transaction


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def browser_subscription(host="https://fcm.googleapis.com"):
    """What PushSubscription.toJSON() gives: an endpoint and real keys."""
    key = ec.generate_private_key(ec.SECP256R1())
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {
        "endpoint": f"{host}/fcm/send/{b64(os.urandom(24))}",
        "keys": {"p256dh": b64(point), "auth": b64(os.urandom(16))},
    }


@pytest.fixture
def site(functional_portal, monkeypatch):
    monkeypatch.delenv("SOLNA_PUSH_HOSTS", raising=False)
    create_staff({"anna.lindqvist": ["medarbetare"], "bo.ek": ["medarbetare"]})
    push_setup.install(functional_portal)
    transaction.commit()
    return functional_portal.absolute_url()


def sign_in(site, agent=IPHONE, login="anna.lindqvist"):
    """A phone signed in through the login form, remembered."""
    s = requests.Session()
    s.headers["User-Agent"] = agent
    page = html.fromstring(s.get(f"{site}/login", timeout=60).text)
    (form,) = page.xpath('//form[.//input[@name="__ac_name"]]')
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": login, "__ac_password": PASSWORD})
    data.setdefault("buttons.login", "Logga in")
    data["remember:boolean"] = "on"
    answer = s.post(f"{site}/login", data=data, allow_redirects=False, timeout=60)
    assert answer.status_code == 302, answer.text[:300]
    return s


def rest(phone, site, method, name, body=None):
    """A REST call as the page's script makes it (cookie, JSON, Origin)."""
    origin = "/".join(site.split("/")[:3])
    return phone.request(
        method,
        f"{site}/{name}",
        json=body,
        headers={"Accept": "application/json", "Origin": origin},
        timeout=60,
    )


def stored(userid="anna.lindqvist"):
    transaction.begin()  # see what the server committed
    return subscriptions.of(userid)


def test_a_phone_turns_push_on_and_off(site):
    phone = sign_in(site)
    body = browser_subscription()
    answer = rest(phone, site, "POST", "@push-prenumeration", body)
    assert answer.status_code == 201, answer.text
    assert answer.json()["name"] == "Safari på iPhone"
    assert answer.json()["current"] is True
    again = rest(phone, site, "POST", "@push-prenumeration", body)
    assert again.status_code == 200  # the same browser once
    listed = rest(phone, site, "GET", "@aviseringar").json()
    assert [i["name"] for i in listed["items"]] == ["Safari på iPhone"]
    assert listed["public_key"]
    assert listed["crisis_always"] is True
    (kept,) = stored()
    assert kept.endpoint == body["endpoint"]
    assert kept.device_id  # the remembered phone's device
    gone = rest(
        phone, site, "DELETE", "@push-prenumeration", {"endpoint": body["endpoint"]}
    )
    assert gone.status_code == 204
    assert stored() == []
    twice = rest(
        phone, site, "DELETE", "@push-prenumeration", {"endpoint": body["endpoint"]}
    )
    assert twice.status_code == 404
    assert twice.json()["error"]["message"] == (
        "Notiser är inte på för den webbläsaren."
    )


def _bad_bodies():
    good = browser_subscription()
    keys = good["keys"]
    return {
        "no endpoint": {"keys": keys},
        "endpoint not text": {"endpoint": 5, "keys": keys},
        "plain http elsewhere": {"endpoint": "http://push.example.net/x", "keys": keys},
        "not http": {"endpoint": "ftp://push.example.net/x", "keys": keys},
        # SSRF: the job would post there (and follow its redirects).
        "not a push service": {"endpoint": "https://push.example.net/x", "keys": keys},
        "cloud metadata": {"endpoint": "https://169.254.169.254/x", "keys": keys},
        "private address": {"endpoint": "https://10.0.0.5:8443/admin", "keys": keys},
        "loopback v6": {"endpoint": "https://[::1]:8080/x", "keys": keys},
        "hex loopback": {"endpoint": "https://0x7f000001/x", "keys": keys},
        "the site itself": {
            "endpoint": "https://localhost:8080/Plone/@@overview-controlpanel",
            "keys": keys,
        },
        "plain http localhost": {"endpoint": "http://localhost:8080/x", "keys": keys},
        "internal name": {"endpoint": "https://intranet-db/x", "keys": keys},
        "push service lookalike": {
            "endpoint": "https://fcm.googleapis.com.evil.example/x",
            "keys": keys,
        },
        "push service, other port": {
            "endpoint": "https://fcm.googleapis.com:8443/x",
            "keys": keys,
        },
        "user info": {
            "endpoint": "https://fcm.googleapis.com@10.0.0.5/x",
            "keys": keys,
        },
        "no keys": {"endpoint": good["endpoint"]},
        "short p256dh": {
            "endpoint": good["endpoint"],
            "keys": {**keys, "p256dh": b64(b"\x04" + os.urandom(31))},
        },
        "compressed point": {
            "endpoint": good["endpoint"],
            "keys": {**keys, "p256dh": b64(b"\x02" + os.urandom(64))},
        },
        "auth of 15 bytes": {
            "endpoint": good["endpoint"],
            "keys": {**keys, "auth": b64(os.urandom(15))},
        },
        "not base64url": {
            "endpoint": good["endpoint"],
            "keys": {**keys, "auth": "!!!!" + keys["auth"][4:]},
        },
    }


@pytest.mark.parametrize("case", sorted(_bad_bodies()))
def test_what_is_no_subscription_is_refused_in_swedish(site, case):
    phone = sign_in(site)
    answer = rest(phone, site, "POST", "@push-prenumeration", _bad_bodies()[case])
    assert answer.status_code == 400, answer.text
    message = answer.json()["error"]["message"]
    assert "Stäng av notiser och slå på dem igen." in message, message
    assert stored() == []


def test_each_device_has_its_own_and_signing_one_out_removes_it(site):
    iphone = sign_in(site, IPHONE)
    android = sign_in(site, ANDROID)
    for phone in (iphone, android):
        answer = rest(
            phone, site, "POST", "@push-prenumeration", browser_subscription()
        )
        assert answer.status_code == 201
    # A new subscription on the same device replaces its old one.
    assert rest(iphone, site, "POST", "@push-prenumeration", browser_subscription())
    names = sorted(s.system for s in stored())
    assert names == ["Android", "iPhone"]
    (iphone_device,) = [s.device_id for s in stored() if s.system == "iPhone"]
    devices.sign_out("anna.lindqvist", iphone_device)
    transaction.commit()
    assert [s.system for s in stored()] == ["Android"]
    # Logging out on the Android phone (Plone's logout, a GET) too.
    android.get(f"{site}/logout", timeout=60)
    assert stored() == []


def test_signing_out_everywhere_and_a_deleted_account_remove_all(site):
    phone = sign_in(site)
    assert rest(phone, site, "POST", "@push-prenumeration", browser_subscription())
    transaction.begin()  # see what the server committed
    devices.sign_out("anna.lindqvist")
    transaction.commit()
    assert stored() == []
    phone = sign_in(site)
    assert rest(phone, site, "POST", "@push-prenumeration", browser_subscription())
    assert len(stored()) == 1  # (begins a transaction)
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="anna.lindqvist")
    transaction.commit()
    assert stored() == []


def test_an_endpoint_belongs_to_one_member(site):
    body = browser_subscription()
    assert rest(sign_in(site), site, "POST", "@push-prenumeration", body)
    bo = sign_in(site, login="bo.ek")
    assert rest(bo, site, "POST", "@push-prenumeration", body).status_code == 201
    assert stored() == []
    assert len(stored("bo.ek")) == 1


def test_at_most_ten_phones(site, functional_portal):
    for n in range(subscriptions.MAX_DEVICES):
        subscriptions.subscribe(
            "anna.lindqvist", f"device-{n}", f"https://push.example.net/{n}", "k", "a"
        )
    transaction.commit()
    phone = sign_in(site)
    answer = rest(phone, site, "POST", "@push-prenumeration", browser_subscription())
    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == (
        "Notiser är redan på för 10 telefoner. Ta bort en på sidan Aviseringar först."
    )
    assert len(stored()) == subscriptions.MAX_DEVICES


def test_the_page_lists_phones_and_removes_one_without_writing_on_get(
    site, functional_portal
):
    phone = sign_in(site)
    assert rest(phone, site, "POST", "@push-prenumeration", browser_subscription())
    db = functional_portal._p_jar.db()
    before = db.lastTransaction()
    page = html.fromstring(phone.get(f"{site}/@@aviseringar", timeout=60).text)
    assert db.lastTransaction() == before
    (item,) = page.xpath('//li[contains(@class, "solna-push-phone")]')
    assert "Safari på iPhone" in item.text_content()
    assert "Den här telefonen" in item.text_content()
    (form,) = item.xpath('.//form[contains(@class, "solna-push-remove")]')
    data = dict(form.form_values())
    data["solna-push-remove"] = "1"
    # Without the form's token: refused, nothing removed.
    forged = {k: v for k, v in data.items() if k != "_authenticator"}
    assert phone.post(form.get("action"), data=forged, timeout=60).status_code == 403
    assert len(stored()) == 1
    answer = phone.post(form.get("action"), data=data, timeout=60)
    assert answer.status_code == 200
    assert "Telefonen får inte längre notiser." in answer.text
    assert stored() == []
    page = html.fromstring(phone.get(f"{site}/@@aviseringar", timeout=60).text)
    assert page.xpath('//*[contains(@class, "solna-push-none")]')


@pytest.mark.parametrize(
    "service",
    [
        "https://fcm.googleapis.com/fcm/send",
        "https://updates.push.services.mozilla.com/wpush/v2",
        "https://web.push.apple.com",
        "https://wns2-par02p.notify.windows.com/w",
    ],
)
def test_the_browsers_push_services_are_taken(site, service):
    phone = sign_in(site)
    answer = rest(
        phone, site, "POST", "@push-prenumeration", browser_subscription(service)
    )
    assert answer.status_code == 201, answer.text


def test_plain_http_only_to_a_host_the_operator_listed(site, monkeypatch):
    """``SOLNA_PUSH_HOSTS`` (a local push service for tests, or the
    operator's own): http or https to that host and port, nothing else."""
    phone = sign_in(site)
    listed = browser_subscription("http://push.test.local:8081")
    other_port = browser_subscription("http://push.test.local:8082")
    answer = rest(phone, site, "POST", "@push-prenumeration", listed)
    assert answer.status_code == 400
    monkeypatch.setenv("SOLNA_PUSH_HOSTS", "push.test.local:8081")
    answer = rest(phone, site, "POST", "@push-prenumeration", other_port)
    assert answer.status_code == 400
    answer = rest(phone, site, "POST", "@push-prenumeration", listed)
    assert answer.status_code == 201, answer.text
    assert [s.endpoint for s in stored()] == [listed["endpoint"]]
