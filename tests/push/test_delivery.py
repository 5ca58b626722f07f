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
from tests.fixtures.http import session
from tests.fixtures.push import PushService
from tests.fixtures.staff import PASSWORD

import datetime
import http_ece
import json
import pytest
import socket
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


def test_each_answer_is_reported_and_none_stops_the_others(push_service):
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
        nowhere = {**ok, "endpoint": f"http://localhost:{free.getsockname()[1]}/push/x"}
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


# -- the site, the job and the push service ------------------------------------

#: Who turns push on (their unit in the news fixture): Solgläntan (A),
#: Ekbacken (B), HR (no unit).
SUBSCRIBERS = ("olle.medarbetare", "red.a", "red.b", "hr.red")


def _stockholm():
    from solna.intranet.dates import zone

    return zone()


def _working_hours():
    """A moment (seconds) at or after now that is outside the quiet hours:
    now itself from 07.00 to 17.00 Stockholm time, else the next 08.00
    (at most 15 hours ahead, so nothing queued now has expired)."""
    now = datetime.datetime.now(_stockholm())
    if 7 <= now.hour < 17:
        return now.timestamp()
    day = now.date() + datetime.timedelta(days=1 if now.hour >= 17 else 0)
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
    Returns {login: the browser's subscription JSON}."""
    monkeypatch.setenv("SOLNA_JOB_USER", "webbred")
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
