"""What is pushed, to whom: crisis and must-read news to their audience,
replies, mentions and moderation, items waiting for review, a case's new
status; never to someone who may not View the item (a draft, a secret
community) or whose settings say no; quiet hours hold all but crisis news.
What happened is done over HTTP as staff do it; the queue is then read
as the sending job reads it (queue.claim)."""

from DateTime import DateTime
from plone import api
from solna.intranet.push import queue
from solna.intranet.push import settings
from solna.intranet.push import setup as push_setup
from solna.intranet.push import subscriptions
from tests.fixtures.comments import comment
from tests.fixtures.comments import set_moderation
from tests.fixtures.news import PROFILES
from tests.fixtures.news import publish_news
from tests.fixtures.news import set_profile
from tests.fixtures.staff import create_as
from zoneinfo import ZoneInfo

import datetime
import json
import pytest
import transaction


STOCKHOLM = ZoneInfo("Europe/Stockholm")
SUBSCRIBED = ("olle.medarbetare", "red.a", "red.b", "chef.a", "chef.b")


def tomorrow(hour, days=1):
    """Seconds since the epoch at ``hour`` o'clock Stockholm time, ``days``
    days from now (always in the future, so what is queued now is ready)."""
    day = datetime.datetime.now(STOCKHOLM).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=STOCKHOLM
    ).timestamp()


@pytest.fixture
def push_site(site, functional_portal):
    """The workplace with profiles (tests/fixtures/news.py) and a phone with
    push on for each of SUBSCRIBED (an app's subscription: no device)."""
    push_setup.install(functional_portal)
    for login, (unit, profession) in PROFILES.items():
        set_profile(login, api.content.get_uuid(site[unit]), profession)
    for login in SUBSCRIBED:
        subscriptions.subscribe(
            login, None, f"https://push.example.net/{login}", "p256dh", "auth"
        )
    transaction.commit()
    return site


def pushed(now):
    """[(login, payload)] the job gets at ``now`` (all of it), reported
    sent."""
    transaction.begin()
    found, results = [], {}
    while True:
        answer = queue.claim(limit=500, now=now)
        for delivery in answer["deliveries"]:
            login = delivery["endpoint"].rsplit("/", 1)[-1]
            found.append((login, json.loads(delivery["payload"])))
            results[delivery["id"]] = 201
        if not answer["more"]:
            break
    queue.report(results, now=now)
    transaction.commit()
    return sorted(found, key=lambda pair: pair[0])


def who(found, kind=None):
    return sorted(login for login, p in found if kind in (None, p["kind"]))


def test_crisis_news_reaches_its_audience_also_at_night(push_site):
    publish_news(push_site, "kris", {"audience_all": True}, {"priority": "kris"})
    transaction.commit()
    found = pushed(tomorrow(20))
    assert who(found, "crisis") == sorted(SUBSCRIBED)
    _login, payload = found[0]
    assert payload == {
        "title": "Kris: Kris",
        "body": "Läs mer på intranätet.",
        "url": "nyheter/kris",
        "tag": payload["tag"],
        "kind": "crisis",
    }
    assert pushed(tomorrow(21)) == []  # once


def test_must_read_news_waits_for_seven_and_reaches_only_its_unit(push_site):
    item = publish_news(
        push_site,
        "las-solglantan",
        {"audience_units": ["a"]},
        {"must_read": True, "must_read_deadline": "in 1 day"},
    )
    item.setDescription("Nya rutiner för hämtning från och med måndag.")
    transaction.commit()
    assert pushed(tomorrow(20)) == []  # quiet hours: held
    transaction.begin()
    assert queue.waiting(tomorrow(20))["later"] == 3
    found = pushed(tomorrow(7, days=2))
    assert who(found) == ["chef.a", "olle.medarbetare", "red.a"]
    assert found[0][1]["title"] == "Måste läsas: Las solglantan"


def test_a_future_publishing_date_is_kept(push_site):
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=push_site["news"],
            type="News Item",
            id="senare",
            title="Kris senare",
            audience_all=True,
            priority="kris",
        )
        item.setEffectiveDate(DateTime(tomorrow(12, days=3)))
        api.content.transition(item, to_state="published")
    transaction.commit()
    assert pushed(tomorrow(12, days=2)) == []
    assert who(pushed(tomorrow(12, days=3) + 60)) == sorted(SUBSCRIBED)


def test_nothing_for_a_draft_or_what_was_retracted(push_site):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=push_site["news"],
            type="News Item",
            id="utkast",
            title="Utkast",
            audience_all=True,
            priority="kris",
        )
    transaction.commit()
    transaction.begin()
    assert queue.waiting()["events"] == 0  # a draft queues nothing
    item = publish_news(push_site, "ater", {"audience_all": True}, {"must_read": True})
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, transition="retract")
    transaction.commit()
    assert pushed(tomorrow(12)) == []  # nobody may View it any more


def test_settings_that_say_no(push_site):
    settings.save("olle.medarbetare", {"mustread": False})
    settings.save("red.a", {"mustread": False})
    publish_news(push_site, "las", {"audience_units": ["a"]}, {"must_read": True})
    transaction.commit()
    assert who(pushed(tomorrow(12))) == ["chef.a"]
    # Crisis news has no switch.
    publish_news(push_site, "kris", {"audience_units": ["a"]}, {"priority": "kris"})
    transaction.commit()
    assert who(pushed(tomorrow(12))) == ["chef.a", "olle.medarbetare", "red.a"]


def test_replies_and_mentions_without_comment_text(push_site):
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="olle.medarbetare").setMemberProperties(
            {"fullname": "Olle Medarbetare"}
        )
    item = create_as("red.a", push_site["a"], "News Item", "Sommarfest")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
    transaction.commit()
    comment("chef.b", item, "Hemlig kommentar till @olle.medarbetare om grillen")
    found = pushed(tomorrow(12))
    assert [(login, p["kind"]) for login, p in found] == [
        ("olle.medarbetare", "mention"),
        ("red.a", "reply"),
    ]
    for _login, payload in found:
        assert "grillen" not in json.dumps(payload, ensure_ascii=False)
        assert "Chef B" not in json.dumps(payload, ensure_ascii=False)
        assert payload["url"].startswith("bou/solglantan/sommarfest#")
    assert found[0][1]["body"] == "I en kommentar på ”Sommarfest”."
    # Replies and mentions off: nothing.
    settings.save("red.a", {"replies": False})
    transaction.commit()
    comment("olle.medarbetare", item, "Jag tar med kol.")
    assert who(pushed(tomorrow(12))) == ["chef.b"]


def test_a_mention_in_a_secret_community_stays_inside(push_site):
    with api.env.adopt_roles(["Manager"]):
        community = api.content.create(
            container=api.portal.get()["natverk"],
            type="solna.Community",
            id="hemligt",
            title="Hemliga gruppen",
            members=["red.a"],
            moderators=["chef.a"],
        )
        api.content.transition(community, transition="make_secret")
    topic = create_as("red.a", community, "solna.Topic", "Hemligt ämne", text="Hm")
    transaction.commit()
    comment("chef.a", topic, "Vad tycker @olle.medarbetare?")
    assert who(pushed(tomorrow(12))) == ["red.a"]


def test_held_comments_reach_the_moderator(push_site):
    item = create_as("red.a", push_site["a"], "News Item", "Utflykt")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
    transaction.commit()
    set_moderation(push_site["a"], "premoderated")
    comment("olle.medarbetare", item, "Får man ta med hund?")
    found = pushed(tomorrow(12))
    assert [(login, p["kind"]) for login, p in found] == [("chef.a", "moderation")]
    assert found[0][1]["title"] == "Väntar på moderering"


def test_sent_for_review_reaches_the_reviewers(push_site):
    page = create_as("red.a", push_site["a"], "Document", "Rutin för hämtning")
    with api.env.adopt_user(username="red.a"):
        api.content.transition(page, transition="submit")
    transaction.commit()
    found = pushed(tomorrow(12))
    assert "chef.a" in who(found, "review")
    assert not {"olle.medarbetare", "red.a", "red.b", "chef.b"} & set(who(found))
    payload = dict(found)["chef.a"]
    assert payload["body"] == "”Rutin för hämtning” väntar på din granskning."
    assert payload["url"] == "bou/solglantan/rutin-for-hamtning"


def test_a_case_status_reaches_its_submitter(push_site):
    from solna.intranet.forms.cases import CaseStore
    from solna.intranet.forms.handling import change_status

    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(
            container=api.portal.get(), type="EasyForm", id="ledighet", title="Ledighet"
        )
        case = CaseStore(form).add("olle.medarbetare", {"fran": "2027-01-10"})
    with api.env.adopt_user(username="handlaggare"):
        change_status(form, case.id, "klar", "Beviljad")
    transaction.commit()
    found = pushed(tomorrow(12))
    assert found == [
        (
            "olle.medarbetare",
            {
                "title": "Mina ärenden",
                "body": "Ditt ärende ”Ledighet” har fått status: Klar.",
                "url": "@@mina-arenden",
                "tag": found[0][1]["tag"],
                "kind": "case",
            },
        )
    ]
