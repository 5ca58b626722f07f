"""The push queue as the sending job sees it, over REST: @push-utkorg
(GET a dry run that writes nothing, POST claim with leases) and
@push-kvitton (2xx done, 404/410 the subscription removed, 429/5xx/0
retried a few times, then dropped); only the job's account may call them."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet.push import queue
from solna.intranet.push import setup as push_setup
from solna.intranet.push import subscriptions
from tests.fixtures.http import session
from tests.fixtures.staff import create_staff
from zoneinfo import ZoneInfo

import datetime
import json
import pytest
import requests
import time
import transaction
import types


STOCKHOLM = ZoneInfo("Europe/Stockholm")
TUESDAY = 1


@pytest.fixture
def site(functional_portal):
    """Two members with push on (app subscriptions), a job account (the
    role Push Sender) and a published page."""
    create_staff({"anna.lindqvist": (), "bo.ek": (), "jobb": ()})
    api.user.grant_roles(username="jobb", roles=["Push Sender"])
    push_setup.install(functional_portal)
    for login in ("anna.lindqvist", "bo.ek"):
        subscriptions.subscribe(
            login, None, f"https://push.example.net/{login}", "p256dh", "auth"
        )
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=functional_portal, type="Document", id="sida", title="Sida"
        )
        api.content.transition(page, to_state="published")
    transaction.commit()
    return functional_portal


def job():
    s = requests.Session()
    s.auth = ("jobb", "Hemligt-losen-1")
    s.headers["Accept"] = "application/json"
    return s


def url(name):
    return f"{api.portal.get().absolute_url()}/{name}"


def enqueue(kind="case", urgent=True, **extra):
    transaction.begin()
    queue.enqueue(
        kind,
        None,
        ["anna.lindqvist", "bo.ek"],
        title="Mina ärenden",
        text="Ditt ärende har fått status: Klar.",
        url="@@mina-arenden",
        urgent=urgent,  # (True: not held, whatever the hour the test runs)
        **extra,
    )
    transaction.commit()


def claim(limit=500):
    answer = job().post(url("@push-utkorg"), json={"limit": limit}, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()


def report(results):
    answer = job().post(url("@push-kvitton"), json={"results": results}, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()


def subscribed():
    transaction.begin()
    return sorted(
        login for login in ("anna.lindqvist", "bo.ek") if subscriptions.of(login)
    )


def test_claim_hands_out_deliveries_with_their_vapid_header(site):
    enqueue()
    dry = job().get(url("@push-utkorg"), timeout=60).json()
    assert dry["dry_run"] is True
    assert dry["events"] == 1
    assert dry["ready"] == 0
    answer = claim()
    assert answer["more"] is False
    deliveries = sorted(answer["deliveries"], key=lambda d: d["endpoint"])
    assert [d["endpoint"] for d in deliveries] == [
        "https://push.example.net/anna.lindqvist",
        "https://push.example.net/bo.ek",
    ]
    first = deliveries[0]
    assert first["keys"] == {"p256dh": "p256dh", "auth": "auth"}
    assert first["urgency"] == "high"
    assert 0 < first["ttl"] <= 24 * 3600
    assert len(first["topic"]) <= 32
    assert json.loads(first["payload"]) == {
        "title": "Mina ärenden",
        "body": "Ditt ärende har fått status: Klar.",
        "url": "@@mina-arenden",
        "tag": first["topic"],
        "kind": "case",
    }
    (header,) = answer["vapid"].values()
    assert list(answer["vapid"]) == ["https://push.example.net"]
    assert header.startswith("vapid t=")
    assert ", k=" in header
    # Leased: not handed out again until reported or the lease ends.
    assert claim()["deliveries"] == []
    counts = report({d["id"]: 201 for d in deliveries})
    assert counts["sent"] == 2
    assert job().get(url("@push-utkorg"), timeout=60).json()["later"] == 0


def test_a_lease_runs_out(site):
    enqueue()
    first = claim()["deliveries"]
    transaction.begin()
    later = queue.claim(now=time.time() + queue.LEASE + 1)
    transaction.commit()
    assert len(later["deliveries"]) == 2
    # The first lease's ids are no longer valid.
    assert report({d["id"]: 201 for d in first})["unknown"] == 2


def test_gone_subscriptions_are_removed_and_failures_retried(site):
    enqueue()
    deliveries = {d["endpoint"].rsplit("/", 1)[-1]: d for d in claim()["deliveries"]}
    counts = report(
        {deliveries["anna.lindqvist"]["id"]: 410, deliveries["bo.ek"]["id"]: 503}
    )
    assert counts == {
        "@id": url("@push-kvitton"),
        "sent": 0,
        "removed": 1,
        "retrying": 1,
        "dropped": 0,
        "unknown": 0,
    }
    assert subscribed() == ["bo.ek"]
    assert claim()["deliveries"] == []  # waits before the retry
    now = time.time()
    for attempt in range(1, queue.MAX_ATTEMPTS):
        now += queue.RETRY_AFTER * 2**attempt
        transaction.begin()
        (again,) = queue.claim(now=now)["deliveries"]
        counts = queue.report({again["id"]: 0}, now=now)  # a network error
        transaction.commit()
    assert counts["dropped"] == 1
    transaction.begin()
    assert queue.waiting(now + 10**6) == {
        "events": 0,
        "events_later": 0,
        "ready": 0,
        "later": 0,
    }
    assert subscribed() == ["bo.ek"]  # kept: only 404/410 remove


def test_404_removes_too_and_other_refusals_are_dropped(site):
    enqueue()
    ids = [d["id"] for d in claim()["deliveries"]]
    counts = report({ids[0]: 404, ids[1]: 413})
    assert (counts["removed"], counts["dropped"]) == (1, 1)
    assert len(subscribed()) == 1


def test_a_claim_in_parts(site):
    enqueue()
    first = claim(limit=1)
    assert len(first["deliveries"]) == 1
    assert first["more"] is True
    second = claim(limit=1)
    assert len(second["deliveries"]) == 1
    assert second["more"] is False


def test_the_dry_run_writes_nothing(site):
    enqueue()
    db = site._p_jar.db()
    before = db.lastTransaction()
    assert job().get(url("@push-utkorg"), timeout=60).status_code == 200
    assert db.lastTransaction() == before


def test_only_the_job_may_call_and_bad_bodies_are_refused_in_swedish(site):
    member = session("anna.lindqvist")
    for method, name in (("GET", "@push-utkorg"), ("POST", "@push-utkorg")):
        assert member.request(method, url(name), json={}, timeout=60).status_code in (
            401,
            403,
        )
    assert member.post(url("@push-kvitton"), json={"results": {}}).status_code in (
        401,
        403,
    )
    for limit in (0, 1001, "5", True):
        answer = job().post(url("@push-utkorg"), json={"limit": limit}, timeout=60)
        assert answer.status_code == 400
        assert answer.json()["error"]["message"] == (
            "Ange limit som ett heltal från 1 till 1000."
        )
    for results in ([], {"x": "201"}, {"x": True}, None):
        answer = job().post(url("@push-kvitton"), json={"results": results}, timeout=60)
        assert answer.status_code == 400
        assert "Skicka resultaten som" in answer.json()["error"]["message"]
    owner = requests.get(
        url("@push-utkorg"),
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert owner.status_code == 200


def test_a_deleted_account_leaves_nothing_waiting(site):
    enqueue()
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="bo.ek")
    transaction.commit()
    assert [d["endpoint"] for d in claim()["deliveries"]] == [
        "https://push.example.net/anna.lindqvist"
    ]


def next_tuesday(hour, minute=0):
    """Seconds at ``hour``:``minute`` Stockholm time on the next Tuesday."""
    day = datetime.datetime.now(STOCKHOLM).date() + datetime.timedelta(days=1)
    while day.weekday() != TUESDAY:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=STOCKHOLM
    ).timestamp()


@pytest.fixture
def clock(monkeypatch):
    """The queue's clock, set by the test (``clock.now``)."""
    state = types.SimpleNamespace(now=time.time())
    monkeypatch.setattr(queue, "time", types.SimpleNamespace(time=lambda: state.now))
    return state


def run(now, answers=None):
    """Claim at ``now`` and report ``answers`` (a status for every
    delivery, if given). Returns the deliveries' endpoints' logins."""
    transaction.begin()
    handed = queue.claim(now=now)["deliveries"]
    if answers is not None:
        queue.report({d["id"]: answers for d in handed}, now=now)
    transaction.commit()
    return sorted(d["endpoint"].rsplit("/", 1)[-1] for d in handed)


def test_a_retry_waits_for_the_end_of_the_quiet_hours(site, clock):
    clock.now = next_tuesday(17, 58)
    enqueue(urgent=False)
    assert run(clock.now, 429) == ["anna.lindqvist", "bo.ek"]
    assert run(clock.now + 61, 429) == ["anna.lindqvist", "bo.ek"]  # 17.59
    # The next try would be 18.01: quiet hours, so it waits until 07.00.
    for later in (4, 16, 12 * 60):  # 18.02, 18.14, 05.58
        assert run(clock.now + later * 60) == []
    morning = next_tuesday(7) + 24 * 3600
    assert run(morning - 60) == []
    assert run(morning + 60, 201) == ["anna.lindqvist", "bo.ek"]
    transaction.begin()
    assert queue.waiting(morning + 10**6)["later"] == 0


def test_an_ended_lease_waits_for_the_end_of_the_quiet_hours(site, clock):
    clock.now = next_tuesday(17, 59)
    enqueue(urgent=False)
    assert run(clock.now) == ["anna.lindqvist", "bo.ek"]  # never reported
    assert run(clock.now + queue.LEASE + 60) == []  # 18.02: quiet
    morning = next_tuesday(7) + 24 * 3600
    assert run(morning + 60) == ["anna.lindqvist", "bo.ek"]


def test_urgent_retries_are_not_held(site, clock):
    clock.now = next_tuesday(17, 59)
    enqueue(urgent=True)
    assert run(clock.now, 503) == ["anna.lindqvist", "bo.ek"]
    assert run(clock.now + 61) == ["anna.lindqvist", "bo.ek"]  # 18.00


def test_events_older_than_their_ttl_are_dropped(site, clock):
    """A reply (TTL 12 hours) queued at 09.00 that the job first sees at
    21.01 is not sent; one it saw at 20.59 waits for the morning."""
    clock.now = next_tuesday(9)
    enqueue("reply", urgent=False)
    transaction.begin()
    assert queue.waiting(clock.now + 12 * 3600 - 60)["events"] == 1
    assert queue.waiting(clock.now + 12 * 3600 + 60)["events"] == 0
    assert run(clock.now + 12 * 3600 + 60) == []
    morning = next_tuesday(7) + 24 * 3600
    assert run(morning + 60) == []
    enqueue("reply", urgent=False)
    assert run(clock.now + 12 * 3600 - 60) == []  # 20.59: expanded, held
    assert run(morning + 60) == ["anna.lindqvist", "bo.ek"]


def test_announced_news_of_items_gone_or_old_is_forgotten(site):
    transaction.begin()
    uid = api.content.get_uuid(site["sida"])
    announced = queue._part("announced", create=True)
    announced[f"mustread:{uid}"] = time.time()
    announced[f"crisis:{uid}"] = time.time() - (queue.ANNOUNCED_DAYS + 1) * 86400
    announced["mustread:" + "0" * 32] = time.time()  # an item deleted since
    transaction.commit()
    claim()
    transaction.begin()
    assert list(queue._part("announced")) == [f"mustread:{uid}"]
