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
import time
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


def _quiet(seconds):
    return settings.quiet(datetime.datetime.fromtimestamp(seconds, datetime.UTC))


def _next(quiet):
    """The first quarter hour from a minute ahead that is (or is not) in
    the quiet hours: at most 13 hours ahead, so what is queued now has
    not expired then."""
    moment = time.time() + 60
    while _quiet(moment) != quiet:
        moment += 15 * 60
    return moment


def awake():
    """A moment soon outside the quiet hours (nothing is held then)."""
    return _next(quiet=False)


def evening():
    """A moment soon in the quiet hours."""
    return _next(quiet=True)


def morning_after(moment):
    """A minute after the quiet hours around ``moment`` end (07.01)."""
    at = datetime.datetime.fromtimestamp(moment, datetime.UTC)
    return settings.quiet_until(at).timestamp() + 60


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
    night = evening()
    found = pushed(night)
    assert who(found, "crisis") == sorted(SUBSCRIBED)
    _login, payload = found[0]
    assert payload == {
        "title": "Kris: Kris",
        "body": "Läs mer på intranätet.",
        "url": "nyheter/kris",
        "tag": payload["tag"],
        "kind": "crisis",
    }
    assert pushed(night + 3600) == []  # once


def test_must_read_news_waits_for_seven_and_reaches_only_its_unit(push_site):
    item = publish_news(
        push_site,
        "las-solglantan",
        {"audience_units": ["a"]},
        {"must_read": True, "must_read_deadline": "in 1 day"},
    )
    item.setDescription("Nya rutiner för hämtning från och med måndag.")
    transaction.commit()
    night = evening()
    assert pushed(night) == []  # quiet hours: held
    transaction.begin()
    assert queue.waiting(night)["later"] == 3
    found = pushed(morning_after(night))
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
    assert pushed(awake()) == []  # nobody may View it any more


def test_settings_that_say_no(push_site):
    settings.save("olle.medarbetare", {"mustread": False})
    settings.save("red.a", {"mustread": False})
    publish_news(push_site, "las", {"audience_units": ["a"]}, {"must_read": True})
    transaction.commit()
    assert who(pushed(awake())) == ["chef.a"]
    # Crisis news has no switch.
    publish_news(push_site, "kris", {"audience_units": ["a"]}, {"priority": "kris"})
    transaction.commit()
    assert who(pushed(awake())) == ["chef.a", "olle.medarbetare", "red.a"]


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
    found = pushed(awake())
    assert [(login, p["kind"]) for login, p in found] == [
        ("olle.medarbetare", "mention"),
        ("red.a", "reply"),
    ]
    for _login, payload in found:
        assert "grillen" not in json.dumps(payload, ensure_ascii=False)
        assert "Chef B" not in json.dumps(payload, ensure_ascii=False)
        assert payload["url"].startswith("bou/solglantan/sommarfest?kommentarer=alla#")
    assert found[0][1]["body"] == "I en kommentar på ”Sommarfest”."
    # Replies and mentions off: nothing.
    settings.save("red.a", {"replies": False})
    transaction.commit()
    comment("olle.medarbetare", item, "Jag tar med kol.")
    assert who(pushed(awake())) == ["chef.b"]


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
    assert who(pushed(awake())) == ["red.a"]


def test_held_comments_reach_the_moderator(push_site):
    item = create_as("red.a", push_site["a"], "News Item", "Utflykt")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
    transaction.commit()
    set_moderation(push_site["a"], "premoderated")
    comment("olle.medarbetare", item, "Får man ta med hund?")
    found = pushed(awake())
    assert [(login, p["kind"]) for login, p in found] == [("chef.a", "moderation")]
    assert found[0][1]["title"] == "Väntar på moderering"


def test_sent_for_review_reaches_the_reviewers(push_site):
    page = create_as("red.a", push_site["a"], "Document", "Rutin för hämtning")
    with api.env.adopt_user(username="red.a"):
        api.content.transition(page, transition="submit")
    transaction.commit()
    found = pushed(awake())
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
    found = pushed(awake())
    assert found == [
        (
            "olle.medarbetare",
            {
                "title": "Mina ärenden",
                "body": "Ett av dina ärenden har fått ny status: Klar.",
                "url": "@@mina-arenden",
                "tag": found[0][1]["tag"],
                "kind": "case",
            },
        )
    ]


def test_a_person_sent_for_review_is_not_named(push_site):
    with api.env.adopt_roles(["Manager"]):
        person = api.content.create(
            container=push_site["a"],
            type="solna.Person",
            id="kerstin-hemlig",
            title="Kerstin Hemlig",
            first_name="Kerstin",
            last_name="Hemlig",
            profession="forskollarare",
        )
        api.content.transition(person, transition="submit")
    transaction.commit()
    found = pushed(awake())
    assert "chef.a" in who(found, "review")
    payload = dict(found)["chef.a"]
    assert payload["body"] == "En person i katalogen väntar på din granskning."
    assert payload["url"] == "search?review_state=pending&portal_type=solna.Person"
    assert "kerstin" not in json.dumps(payload, ensure_ascii=False).lower()
    assert "hemlig" not in json.dumps(payload, ensure_ascii=False).lower()


def test_what_waited_for_the_morning_is_checked_again(push_site):
    """Held for the quiet hours at 20.00: by 07.00 one item was retracted,
    one deleted, one given another audience, and one member turned her
    switch off. Only what she may still see, and wants, goes out."""
    items = {
        name: publish_news(push_site, name, {"audience_units": ["a"]}, fields)
        for name, fields in (
            ("dras-tillbaka", {"must_read": True}),
            ("tas-bort", {"must_read": True}),
            ("byter-publik", {"must_read": True}),
            ("star-kvar", {"must_read": True}),
        )
    }
    transaction.commit()
    night = evening()
    assert pushed(night) == []  # held: 4 items × 3 members
    transaction.begin()
    assert queue.waiting(night)["later"] == 12
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(items["dras-tillbaka"], transition="retract")
        api.content.delete(items["tas-bort"])
        items["byter-publik"].audience_units = [api.content.get_uuid(push_site["b"])]
        items["byter-publik"].reindexObject()
    settings.save("red.a", {"mustread": False})
    transaction.commit()
    found = pushed(morning_after(night))
    assert sorted((login, p["url"]) for login, p in found) == [
        ("chef.a", "nyheter/star-kvar"),
        ("olle.medarbetare", "nyheter/star-kvar"),
    ]
    transaction.begin()
    assert queue.waiting(morning_after(night) + 7 * 86400) == {
        "events": 0,
        "events_later": 0,
        "ready": 0,
        "later": 0,
    }


def test_old_news_is_not_pushed_and_old_events_not_sent(push_site):
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=push_site["news"],
            type="News Item",
            id="gammal",
            title="Gammal kris",
            audience_all=True,
            priority="kris",
        )
        item.setEffectiveDate(DateTime() - queue.ANNOUNCED_DAYS - 1)
        api.content.transition(item, to_state="published")
    transaction.commit()
    transaction.begin()
    assert queue.waiting()["events"] == 0
    # Must-read news waits in the queue while the job does not run: after
    # its TTL (24 hours from publishing, the quiet hours not counted: at
    # most 61 hours) it is no longer sent.
    publish_news(push_site, "las", {"audience_all": True}, {"must_read": True})
    transaction.commit()
    transaction.begin()
    assert queue.waiting(awake())["events"] == 1
    late = time.time() + 4 * 86400
    assert queue.waiting(late)["events"] == 0  # the dry run
    assert pushed(late) == []
    transaction.begin()
    assert sum(len(tree) for tree in queue._event_trees()) == 0  # dropped


def test_nothing_for_must_read_news_she_has_confirmed_or_whose_date_has_passed(
    push_site,
):
    """Must-read news published in the evening waits for 07.00; Olle
    confirms he has read it before then, so the morning brings him
    nothing (his colleague still gets it). News whose read-by date has
    passed is no longer pushed at all."""
    from solna.intranet.news import confirmations

    item = publish_news(
        push_site,
        "las-hamtning",
        {"audience_units": ["a"]},
        {"must_read": True, "must_read_deadline": "in 1 day"},
    )
    transaction.commit()
    night = evening()
    assert pushed(night) == []  # held for the morning
    transaction.begin()
    confirmations.confirm(api.content.get_uuid(item), "olle.medarbetare")
    transaction.commit()
    found = who(pushed(morning_after(night)), "mustread")
    assert "olle.medarbetare" not in found
    assert "red.a" in found

    late = publish_news(
        push_site,
        "las-forsent",
        {"audience_units": ["a"]},
        {"must_read": True, "must_read_deadline": "in 1 day"},
    )
    late.must_read_deadline = datetime.date.today() - datetime.timedelta(days=1)
    transaction.commit()
    assert who(pushed(awake()), "mustread") == []
