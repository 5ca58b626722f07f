"""Push delivery end to end, against a local push service that speaks Web
Push (tests/fixtures/push.py): it verifies the VAPID signature (RFC 8292)
and decrypts each message with the subscription's own keys (RFC 8291), so a
wrong key or payload fails here.

Members turn push on over REST with keys the push service made, news is
published, the ``solna-push`` job runs against the site, and each phone
received exactly what concerns its member: title, text and a relative URL.
"""

from plone import api
from py_vapid import Vapid02
from py_vapid.utils import b64urlencode
from solna.intranet.push import queue
from solna.intranet.push import script
from solna.intranet.push import sender
from solna.intranet.push import settings
from solna.intranet.push import vapid
from solna.intranet.security import fetching
from tests.fixtures.http import session
from tests.fixtures.push import PushService
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import datetime
import http_ece
import json
import os
import pytest
import socket
import subprocess
import sys
import time
import transaction
import types


PAYLOAD_KEYS = {"title", "body", "url", "tag", "kind"}


# -- the sender alone, against the push service --------------------------------


def _signer(service):
    """A VAPID key and its header for ``service`` (as vapid.py makes it)."""
    key = Vapid02()
    key.generate_keys()
    public = b64urlencode(key.public_key.public_bytes(*_point()))
    claims = {"aud": service.origin, "exp": int(time.time()) + 3600}
    claims["sub"] = "mailto:intranat@solna.se"
    token = key.sign(claims)["Authorization"].split("t=", 1)[1].split(",k=")[0]
    return public, {service.origin: f"vapid t={token}, k={public}"}


def _point():
    from cryptography.hazmat.primitives import serialization

    return (serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def _delivery(id, subscription, payload, **extra):
    return {
        "id": id,
        "endpoint": subscription["endpoint"],
        "keys": subscription["keys"],
        "payload": json.dumps(payload, ensure_ascii=False),
        "ttl": 3600,
        "urgency": "high",
        "topic": "crisis-1",
        **extra,
    }


def test_messages_arrive_encrypted_and_signed(push_service):
    public, headers = _signer(push_service)
    phones = [push_service.subscription(public) for _ in range(3)]
    payload = {
        "title": "Kris: Vattenläcka",
        "body": "Förskolorna i Huvudsta stänger kl. 15.",
        "url": "nyheter/vattenlacka",
        "tag": "crisis-1",
        "kind": "crisis",
    }
    deliveries = [_delivery(f"d{n}", p, payload) for n, p in enumerate(phones)]
    assert sender.send_all(deliveries, headers) == {"d0": 201, "d1": 201, "d2": 201}
    for phone in phones:
        assert push_service.messages(phone) == [payload]
    message = push_service.received[0]
    assert message.headers["TTL"] == "3600"
    assert message.headers["Urgency"] == "high"
    assert message.headers["Topic"] == "crisis-1"
    assert push_service.refused == []


def test_each_answer_is_reported_and_none_stops_the_others(push_service, monkeypatch):
    public, headers = _signer(push_service)
    ok, gone, missing, failing, slow, broken = (
        push_service.subscription(public) for _ in range(6)
    )
    push_service.answer(gone, 410)
    push_service.answer(missing, 404)
    push_service.answer(failing, 500)
    push_service.slow(slow, 3)
    broken = {**broken, "keys": {"p256dh": "AAAA", "auth": "AAAA"}}
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    nowhere = {**ok, "endpoint": f"http://localhost:{port}/push/x"}
    monkeypatch.setenv("SOLNA_PUSH_HOSTS", f"{push_service.hosts}, localhost:{port}")
    payload = {"title": "T", "body": "B", "url": "", "tag": "t", "kind": "crisis"}
    phones = {
        "ok": ok,
        "gone": gone,
        "missing": missing,
        "failing": failing,
        "slow": slow,
        "broken": broken,
        "nowhere": nowhere,
    }
    deliveries = [_delivery(id, p, payload) for id, p in phones.items()]
    started = time.monotonic()
    results = sender.send_all(deliveries, headers, timeout=1)
    assert results == {
        "ok": 201,
        "gone": 410,
        "missing": 404,
        "failing": 500,
        "slow": 0,  # no answer within the timeout: tried again later
        "broken": 400,  # keys that are no keys: never sent
        "nowhere": 0,
    }
    assert time.monotonic() - started < 3
    assert push_service.messages(ok) == [payload]


def test_the_push_service_refuses_a_wrong_signature_or_key(push_service):
    public, headers = _signer(push_service)
    mine, other = push_service.subscription(public), push_service.subscription(public)
    payload = {"title": "T", "body": "B", "url": "", "tag": "t", "kind": "crisis"}
    # Encrypted for another phone's keys: it does not decrypt.
    wrong_keys = _delivery("keys", {**mine, "keys": other["keys"]}, payload)
    # Signed by another key than the one the phone subscribed with.
    _other_public, other_headers = _signer(push_service)
    assert sender.send_all([wrong_keys], headers) == {"keys": 400}
    assert sender.send_all([_delivery("sig", mine, payload)], other_headers) == {
        "sig": 403
    }
    # Another key's signature with our key named: 401.
    other_token = other_headers[push_service.origin].split("t=", 1)[1].split(",")[0]
    forged = {push_service.origin: f"vapid t={other_token}, k={public}"}
    assert sender.send_all([_delivery("forged", mine, payload)], forged) == {
        "forged": 401
    }
    assert [r.reason for r in push_service.refused] == [
        "the body does not decrypt to JSON",
        "k is not the key the subscription was made for",
        "the JWT's signature does not verify",
    ]
    assert push_service.received == []
    # And the same request, right, is accepted.
    assert sender.send_all([_delivery("ok", mine, payload)], headers) == {"ok": 201}


def test_what_the_service_decrypts_is_what_was_encrypted():
    """The stand-in's decryption is http_ece's (RFC 8291), not ours."""
    service = PushService()
    try:
        phone = service.subscription()
        body = sender.encrypt(_delivery("x", phone, {"title": "Å"}))
        found = service._find(phone)
        plain = http_ece.decrypt(
            body,
            private_key=found.private_key,
            auth_secret=found.auth,
            version="aes128gcm",
        )
        assert json.loads(plain) == {"title": "Å"}
        with pytest.raises(http_ece.ECEException, match="InvalidTag"):
            http_ece.decrypt(
                body[:-1] + bytes([body[-1] ^ 1]),
                private_key=found.private_key,
                auth_secret=found.auth,
                version="aes128gcm",
            )
    finally:
        service.stop()


# -- where the job connects, and for how long ------------------------------------

PAYLOAD = {"title": "T", "body": "B", "url": "", "tag": "t", "kind": "crisis"}


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc:APA91b",  # Chrome, Android
        "https://fcm.googleapis.com/wp/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAA",  # Firefox
        "https://web.push.apple.com/QGt3dQ",  # Safari, iPhone
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",  # Edge
        "https://FCM.googleapis.com:443/fcm/send/x",
    ],
)
def test_the_browsers_push_services_are_reached(endpoint, monkeypatch):
    monkeypatch.delenv("SOLNA_PUSH_HOSTS", raising=False)
    assert sender.endpoint_kind(endpoint) == "service"


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://169.254.169.254/latest/meta-data/",  # cloud metadata
        "https://10.0.0.5:8443/admin",
        "https://[::1]:8080/",
        "https://0x7f000001/",
        "https://2130706433/",
        "https://localhost:8080/Plone/@@overview-controlpanel",
        "http://localhost:8080/Plone",  # plain http, not listed
        "https://intranet-db/",  # an internal name
        "https://fcm.googleapis.com:8443/fcm/send/x",  # another port
        "http://fcm.googleapis.com/fcm/send/x",  # plain http
        "https://fcm.googleapis.com.evil.example/x",
        "https://evilpush.apple.com/x",
        "https://push.apple.com.evil.example/x",
        "https://notify.windows.com@10.0.0.5/x",
        "https://fcm.googleapis.com\\@10.0.0.5/x",
        "https://fcm.googleapis.com%2f@10.0.0.5/x",
        "ftp://fcm.googleapis.com/x",
        "https://fcm.googleapis.com/x y",
        "https://fcm.googleapis.com:99999/x",
    ],
)
def test_no_other_address_is_reached(endpoint, monkeypatch):
    """SSRF: the job posts to an endpoint any member's browser sent."""
    monkeypatch.setenv("SOLNA_PUSH_HOSTS", "push.intern.solna.se, localhost:8081")
    assert sender.endpoint_kind(endpoint) is None


def test_hosts_listed_by_the_operator_are_reached(monkeypatch):
    monkeypatch.setenv(
        "SOLNA_PUSH_HOSTS", "push.intern.solna.se, localhost:8081, [::1]:8082, x/y"
    )
    assert sender.endpoint_kind("http://push.intern.solna.se:9000/p") == "listed"
    assert sender.endpoint_kind("https://push.intern.solna.se/p") == "listed"
    assert sender.endpoint_kind("http://localhost:8081/push/1") == "listed"
    assert sender.endpoint_kind("http://[::1]:8082/push/1") == "listed"
    assert sender.endpoint_kind("http://localhost:8082/push/1") is None
    assert sender.endpoint_kind("http://127.0.0.1:8081/push/1") is None
    monkeypatch.delenv("SOLNA_PUSH_HOSTS")
    assert sender.endpoint_kind("http://localhost:8081/push/1") is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("142.250.74.10", True),
        ("2a00:1450:400f:80d::200a", True),
        ("10.0.0.5", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("192.168.1.1", False),
        ("0.0.0.0", False),  # noqa: S104 - an address judged, not bound
        ("240.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("64:ff9b::a00:5", False),  # NAT64 of 10.0.0.5
        ("2002:a00:5::1", False),  # 6to4
    ],
)
def test_what_is_a_public_address(address, public):
    assert sender.is_public(address) is public


def test_the_job_never_connects_where_it_may_not(push_service, monkeypatch):
    """Not a push service's host (the stand-in by another name): refused
    before connecting; a push service's name resolving to an internal
    address (a hijacked or split DNS) too; both dropped (400), not
    retried, the subscription not removed."""
    public, headers = _signer(push_service)
    phone = push_service.subscription(public)
    other_name = {
        **phone,
        "endpoint": phone["endpoint"].replace("localhost", "127.0.0.1"),
    }
    google = {**phone, "endpoint": "https://fcm.googleapis.com/fcm/send/abc"}
    looked_up = []

    def internal(host, port, *args):
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port))]

    monkeypatch.setattr(fetching, "getaddrinfo", internal)

    def no_connection(self):
        raise AssertionError("connected")

    monkeypatch.setattr(sender.Sender, "_session", no_connection)
    deliveries = [
        _delivery("other", other_name, PAYLOAD),
        _delivery("google", google, PAYLOAD),
    ]
    assert sender.send_all(deliveries, headers) == {"other": 400, "google": 400}
    assert looked_up == ["fcm.googleapis.com"]
    assert push_service.hits == 0
    assert script.tally([400, 400])["refused"] == 2  # "dropped D"


def test_a_redirect_is_not_followed(push_service):
    """A push service (or what poses as one) that answers 302/307 to an
    internal address: the job does not go there, the message is dropped."""
    internal = PushService()  # not in SOLNA_PUSH_HOSTS: stands for 10.0.0.5
    try:
        public, headers = _signer(push_service)
        moved, temporary = (push_service.subscription(public) for _ in range(2))
        push_service.redirect(moved, f"{internal.origin}/push/x", 302)
        push_service.redirect(temporary, f"{internal.origin}/push/y", 307)
        deliveries = [
            _delivery("moved", moved, PAYLOAD),
            _delivery("temporary", temporary, PAYLOAD),
        ]
        results = sender.send_all(deliveries, headers)
        assert results == {"moved": 302, "temporary": 307}
        assert internal.hits == 0
        assert script.tally(results.values()) == {
            "sent": 0,
            "removed": 0,
            "retrying": 0,
            "refused": 2,
        }
    finally:
        internal.stop()


def test_a_trickling_push_service_does_not_hold_the_batch(push_service):
    """A push service that sends its answer one byte every 0.3 s (each
    within the 1-s timeout between bytes, the whole in a minute): past its
    2-s deadline it is reported 0 (tried later), the others are sent, and
    the batch does not wait for it."""
    public, headers = _signer(push_service)
    phones = [push_service.subscription(public) for _ in range(6)]
    push_service.trickle(phones[0], 0.3)
    deliveries = [_delivery(f"d{n}", p, PAYLOAD) for n, p in enumerate(phones)]
    started = time.monotonic()
    with sender.Sender(workers=4, timeout=1, deadline=2) as push:
        results = push.send_all(deliveries, headers)
        took = time.monotonic() - started
        # The next batch still has its workers.
        again = push.send_all([_delivery("next", phones[1], PAYLOAD)], headers)
    assert results == {"d0": 0, **{f"d{n}": 201 for n in range(1, 6)}}
    assert took < 3.5, took
    assert again == {"next": 201}
    assert len(push_service.messages(phones[1])) == 2


def test_a_stuck_request_does_not_keep_the_job_from_ending(push_service):
    """The job's process ends at once after a batch with a request stuck
    past its deadline (the thread it runs in does not keep it alive)."""
    public, headers = _signer(push_service)
    phone = push_service.subscription(public)
    push_service.trickle(phone, 0.3)
    job = (
        "import json, sys\n"
        "from solna.intranet.push import sender\n"
        "given = json.load(sys.stdin)\n"
        "print(json.dumps(sender.send_all(given['deliveries'], given['vapid'],"
        " timeout=1, deadline=1.5)))\n"
    )
    given = {"deliveries": [_delivery("stuck", phone, PAYLOAD)], "vapid": headers}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", job],
        input=json.dumps(given),
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "SOLNA_PUSH_HOSTS": push_service.hosts},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"stuck": 0}
    assert time.monotonic() - started < 10  # the whole answer takes 70 s


def test_one_push_service_gets_a_share_of_the_workers(push_service):
    """At most ``per_host`` requests to one push service at a time: four
    slow messages to it with two allowed take two rounds."""
    public, headers = _signer(push_service)
    phones = [push_service.subscription(public) for _ in range(4)]
    for phone in phones:
        push_service.slow(phone, 0.6)
    deliveries = [_delivery(f"d{n}", p, PAYLOAD) for n, p in enumerate(phones)]
    started = time.monotonic()
    results = sender.send_all(deliveries, headers, workers=4, per_host=2)
    assert results == {f"d{n}": 201 for n in range(4)}
    assert time.monotonic() - started >= 1.2


# -- the site, the job and the push service ------------------------------------

#: Who turns push on (their unit in the news fixture): Solgläntan (A),
#: Ekbacken (B), HR (no unit).
SUBSCRIBERS = ("olle.medarbetare", "red.a", "red.b", "hr.red")
#: The job's account: only the role Push Sender (no group, no other role).
JOB = "push.jobb"


def _stockholm():
    from solna.intranet.dates import zone

    return zone()


def _working_hours():
    """A moment (seconds) at or after now that is outside the quiet hours
    (by default 18–07 and all weekend: quiet_hours.py): now itself on a
    weekday from 07.00 to 17.00, else the next weekday's 08.00 (at most
    three days ahead; a hold for the quiet hours does not use up a
    delivery's TTL)."""
    now = datetime.datetime.now(_stockholm())
    if now.weekday() < 5 and 7 <= now.hour < 17:
        return now.timestamp()
    day = now.date() + datetime.timedelta(days=1 if now.hour >= 7 else 0)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(
        day, datetime.time(8), tzinfo=_stockholm()
    ).timestamp()


def _quiet_hours():
    """A moment (seconds) at or after now in the quiet hours: now (plus a
    minute) from 18.00 to 07.00, else 18.30 today."""
    now = datetime.datetime.now(_stockholm()) + datetime.timedelta(minutes=1)
    if now.hour >= 18 or now.hour < 7:
        return now.timestamp()
    return datetime.datetime.combine(
        now.date(), datetime.time(18, 30), tzinfo=_stockholm()
    ).timestamp()


@pytest.fixture
def working_hours(monkeypatch):
    """The queue's clock runs from a working hour (see _working_hours), so
    that what is not crisis news is not held for the quiet hours whenever
    the test runs."""
    shift = _working_hours() - time.time()
    clock = types.SimpleNamespace(time=lambda: time.time() + shift)
    monkeypatch.setattr(queue, "time", clock)
    return shift


@pytest.fixture
def phones(workplace_news, push_service, monkeypatch):
    """SUBSCRIBERS turn push on over REST, as push.js does: the key from
    ``@aviseringar``, the subscription from the (stand-in) push service.
    The job runs as JOB, an account with the role Push Sender (README).
    Returns {login: the browser's subscription JSON}."""
    create_staff({JOB: ()})
    api.user.grant_roles(username=JOB, roles=["Push Sender"])
    monkeypatch.setenv("SOLNA_JOB_USER", JOB)
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", PASSWORD)
    portal = api.portal.get()
    vapid.install(portal)  # also done by the profile (setup.py)
    transaction.commit()
    url = portal.absolute_url()
    found = {}
    for login in SUBSCRIBERS:
        member = session(login)
        key = member.get(f"{url}/@aviseringar").json()["public_key"]
        found[login] = push_service.subscription(key)
        answer = member.post(f"{url}/@push-prenumeration", json=found[login])
        assert answer.status_code == 201, answer.text
    return found


def _received(push_service, phones):
    """{login: [(kind, url)]} of what each phone received."""
    return {
        login: sorted((m["kind"], m["url"]) for m in push_service.messages(phone))
        for login, phone in phones.items()
    }


def test_crisis_and_must_read_news_reach_the_phones_they_concern(
    phones, push_service, working_hours, capsys
):
    """Crisis news for all staff reaches every phone, must-read news for
    Solgläntan only its staff's; nothing else was pushed. Each payload
    has exactly a title, a short text and a relative URL (and the tag and
    kind the service worker uses)."""
    portal_url = api.portal.get().absolute_url()
    assert script.main([portal_url]) == 0
    assert capsys.readouterr().out == (
        "sent 6, removed 0 expired subscriptions, retrying 0\n"
    )
    crisis, must_read = (
        ("crisis", "nyheter/kris"),
        ("mustread", "nyheter/las-solglantan"),
    )
    assert _received(push_service, phones) == {
        "olle.medarbetare": sorted([crisis, must_read]),
        "red.a": sorted([crisis, must_read]),
        "red.b": [crisis],
        "hr.red": [crisis],
    }
    (payload,) = [
        p for p in push_service.messages(phones["red.b"]) if p["kind"] == "crisis"
    ]
    assert set(payload) == PAYLOAD_KEYS
    assert payload["title"].endswith("Kris")
    assert len(payload["title"]) <= 60
    assert 0 < len(payload["body"]) <= 120
    assert payload["tag"]
    assert not payload["url"].startswith(("/", "http"))
    assert push_service.refused == []
    # Nothing is sent twice.
    push_service.clear()
    assert script.main([portal_url]) == 0
    assert capsys.readouterr().out.startswith("sent 0,")
    assert push_service.received == []


def test_a_gone_phone_is_removed_and_others_still_get_theirs(
    phones, push_service, working_hours, capsys
):
    portal_url = api.portal.get().absolute_url()
    push_service.answer(phones["red.b"], 410)
    assert script.main([portal_url]) == 0
    assert capsys.readouterr().out == (
        "sent 5, removed 1 expired subscriptions, retrying 0\n"
    )
    assert session("red.b").get(f"{portal_url}/@aviseringar").json()["items"] == []
    assert len(session("hr.red").get(f"{portal_url}/@aviseringar").json()["items"]) == 1
    assert push_service.messages(phones["hr.red"])
    # A failing push service: tried again later, not lost.
    push_service.clear()
    transaction.begin()
    _publish_crisis("ny-kris")
    push_service.answer(phones["hr.red"], 503)
    assert script.main([portal_url]) == 0
    assert capsys.readouterr().out == (
        "sent 2, removed 0 expired subscriptions, retrying 1\n"
    )


def _publish_crisis(id, **fields):
    folder = api.portal.get()["nyheter"]
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=folder,
            type="News Item",
            id=id,
            title="Vattenläcka",
            audience_all=True,
            priority="kris",
            **fields,
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    return item


def test_nothing_for_what_a_member_may_not_see(phones, push_service, working_hours):
    """A notice about a draft reaches its owner's phone, never the phone of
    a colleague who may not open the draft; crisis news retracted before
    the job ran reaches nobody."""
    portal = api.portal.get()
    transaction.begin()
    # Sent now: what the fixture published.
    assert script.main([portal.absolute_url(), "--limit", "2"]) == 0
    push_service.clear()
    transaction.begin()
    unit = portal["bou"]["solglantan"]
    with api.env.adopt_user(username="red.a"):
        draft = api.content.create(container=unit, type="News Item", title="Utkast")
    assert not api.user.has_permission("View", username="olle.medarbetare", obj=draft)
    queue.enqueue(
        "review",
        draft,
        ["red.a", "olle.medarbetare"],
        title="Granskning",
        text="Ett utkast väntar.",
    )
    retracted = _publish_crisis("indragen")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(retracted, transition="retract")
    transaction.commit()
    assert script.main([portal.absolute_url()]) == 0
    assert _received(push_service, phones) == {
        "olle.medarbetare": [],
        "red.a": [("review", queue.relative_url(draft))],
        "red.b": [],
        "hr.red": [],
    }


def test_quiet_hours_hold_must_read_news_until_seven(phones, push_service):
    """At night only crisis news is sent; the must-read news waits until
    07.00 Stockholm time (the queue's ``now`` fixed, the job's steps called
    directly: the HTTP route is tested above)."""
    night = _quiet_hours()
    morning = settings.quiet_until(
        datetime.datetime.fromtimestamp(night, datetime.UTC)
    ).timestamp()

    def run(now):
        transaction.begin()
        answer = queue.claim(500, now=now)
        transaction.commit()
        headers = {o: vapid.authorization(f"{o}/") for o in answer["vapid"]}
        results = sender.send_all(answer["deliveries"], headers)
        transaction.begin()
        queue.report(results, now=now)
        transaction.commit()
        return results

    push_service.clear()
    assert len(run(night)) == 4
    assert {
        login: kinds for login, kinds in _received(push_service, phones).items()
    } == {login: [("crisis", "nyheter/kris")] for login in SUBSCRIBERS}
    push_service.clear()
    assert run(morning - 60) == {}  # 06.59: still quiet
    assert len(run(morning + 60)) == 2
    assert _received(push_service, phones) == {
        "olle.medarbetare": [("mustread", "nyheter/las-solglantan")],
        "red.a": [("mustread", "nyheter/las-solglantan")],
        "red.b": [],
        "hr.red": [],
    }


def test_the_job_says_what_waits_and_why_it_cannot_send(
    phones, push_service, working_hours, capsys, monkeypatch
):
    portal_url = api.portal.get().absolute_url()
    assert script.main([portal_url, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("waiting: events 2,")  # the crisis and must-read news
    assert push_service.received == []
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", "fel")
    assert script.main([portal_url]) == 1
    assert "set SOLNA_JOB_USER and SOLNA_JOB_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("SOLNA_JOB_USER", "olle.medarbetare")  # staff: no
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", PASSWORD)
    assert script.main([portal_url]) == 1
    assert ": 401 " in capsys.readouterr().err
    # Nor a Webbredaktör (Site Administrator): the outbox hands out every
    # member's endpoint and keys, only the job's account gets it.
    monkeypatch.setenv("SOLNA_JOB_USER", "webbred")
    assert script.main([portal_url]) == 1
    err = capsys.readouterr().err
    assert ": 401 " in err
    # ...and it says whose account it needs: not a Webbredaktör's.
    assert "with the role Push Sender" in err
    assert "Webbredaktör" not in err
    assert script.main([portal_url, "--dry-run"]) == 1
    assert ": 401 " in capsys.readouterr().err
    assert push_service.received == []


def test_the_worker_sends_what_comes_and_is_quiet_otherwise(
    phones, push_service, working_hours, capsys, monkeypatch
):
    """``--watch``: run, wait, run again until stopped; a line only for a
    run that sent something; a failing round does not stop it."""
    portal_url = api.portal.get().absolute_url()
    rounds = []

    def pause(seconds):
        rounds.append(seconds)
        if len(rounds) == 1:
            monkeypatch.setenv("SOLNA_JOB_PASSWORD", "fel")
        elif len(rounds) == 2:
            monkeypatch.setenv("SOLNA_JOB_PASSWORD", PASSWORD)
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(script, "pause", pause)
    assert script.main([portal_url, "--watch", "5"]) == 0
    assert rounds == [5, 5, 5]
    output = capsys.readouterr()
    assert output.out == "sent 6, removed 0 expired subscriptions, retrying 0\n"
    assert "401" in output.err
