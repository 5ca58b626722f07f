"""Notiser: replies to those following a thread, mentions, the moderation
queue, join requests and crisis news reach the right members (never someone
who may not see the item), in the intranet and in an e-mail digest that
keeps quiet from 18 to 07 unless there is crisis news (real SMTP server)."""

from plone import api
from solna.intranet.dialogue.notices import notices
from tests.fixtures.comments import comment
from tests.fixtures.comments import set_moderation
from tests.fixtures.http import browser
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_as

import datetime
import transaction


def my_notices(login):
    s = browser(login)
    s.headers["Accept"] = "application/json"
    return s.get(f"{api.portal.get().absolute_url()}/@notiser").json()


def kinds(login):
    return [(n["kind"], n["title"]) for n in my_notices(login)["items"]]


def test_replies_and_mentions(site):
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="olle.medarbetare").setMemberProperties(
            {"fullname": "Olle Medarbetare"}
        )
    item = create_as("red.a", site["a"], "News Item", "Sommarfest")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
    transaction.commit()
    comment("olle.medarbetare", item, "Jag tar med grillen.")
    assert kinds("red.a") == [("reply", "Sommarfest")]
    assert kinds("olle.medarbetare") == []  # not about one's own comment
    comment("red.b", item, "Bra @Olle Medarbetare, jag tar kol!")
    assert kinds("olle.medarbetare") == [("mention", "Sommarfest")]
    assert [k for k, _t in kinds("red.a")] == ["reply", "reply"]
    # Unread in the header; marked read on request (a POST), not by looking.
    page = browser("red.a").get(api.portal.get().absolute_url()).text
    assert "Notiser" in page
    assert my_notices("red.a")["unread"] == 2
    s = browser("red.a")
    s.get(f"{api.portal.get().absolute_url()}/@@notiser")
    assert my_notices("red.a")["unread"] == 2
    s.post(
        f"{api.portal.get().absolute_url()}/@@notiser",
        data={"_authenticator": token(s, api.portal.get().absolute_url())},
    )
    assert my_notices("red.a")["unread"] == 0


def test_held_comments_reach_the_moderator(site, news):
    set_moderation(site["a"], "premoderated")
    comment("olle.medarbetare", news, "Får man ta med hund?")
    assert kinds("chef.a") == [("moderation", "Utflykt till Igelbäcken")]
    assert kinds("chef.b") == []


def test_secret_community_notices_stay_inside(site):
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
    # A mention of someone outside gives them nothing.
    comment("chef.a", topic, "Vad tycker @olle.medarbetare?")
    assert kinds("olle.medarbetare") == []
    assert kinds("red.a") == [("reply", "Hemligt ämne")]


def test_join_requests_reach_the_moderators(site):
    with api.env.adopt_roles(["Manager"]):
        community = api.content.create(
            container=api.portal.get()["natverk"],
            type="solna.Community",
            id="chefer",
            title="Chefsnätverket",
            moderators=["chef.a"],
        )
        api.content.transition(community, transition="close")
    transaction.commit()
    s = browser("olle.medarbetare")
    s.headers["Accept"] = "application/json"
    s.post(f"{community.absolute_url()}/++api++/@natverk", json={"action": "join"})
    assert kinds("chef.a") == [("join", "Chefsnätverket")]


def digests(smtp, address):
    """The digest mails (not the review mail the workflow also sends, nor
    the crisis mail itself, which crisis/outreach.py sends to the crisis's
    whole audience)."""
    return [
        m
        for m in smtp.to(address)
        if "notiser" in m["Subject"] or "nytt från intranätet" in m["Subject"]
    ]


def at(hour):
    """A moment at that hour tomorrow in Stockholm (taken as UTC+1; in
    summer an hour later, on the same side of Tysta timmar): after whatever
    the test writes now. (It was 1 December 2026, which became a time bomb
    at 08:00 that day.)"""
    tomorrow = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(1)
    return datetime.datetime(
        tomorrow.year, tomorrow.month, tomorrow.day, hour - 1, 0, tzinfo=datetime.UTC
    )


def test_digest_keeps_quiet_hours_except_for_crisis(site, smtp):
    for login in ("olle.medarbetare", "red.a"):
        api.user.get(username=login).setMemberProperties({"notice_digest": True})
    item = create_as("red.a", site["a"], "News Item", "Julbord")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
    transaction.commit()
    comment("olle.medarbetare", item, "Vegetariskt finns?")
    transaction.begin()
    # 20:00: quiet, the digest waits for the morning.
    assert notices.digest(now=at(20)) == {"mailed": 0, "held": 1}
    transaction.commit()
    assert not digests(smtp, "red.a@solna.example")
    # 08:00: mailed, once.
    assert notices.digest(now=at(8)) == {"mailed": 1, "held": 0}
    transaction.commit()
    assert wait_for(lambda: digests(smtp, "red.a@solna.example"))
    (mail,) = digests(smtp, "red.a@solna.example")
    assert mail["Subject"] == "1 nya notiser"
    assert "Julbord" in mail.get_content()
    assert notices.digest(now=at(9)) == {"mailed": 0, "held": 0}
    # Crisis news at 22:00 is mailed at once.
    with api.env.adopt_roles(["Manager"]):
        crisis = api.content.create(
            container=site["news"],
            type="News Item",
            title="Vattenläcka",
            priority="kris",
        )
        api.content.transition(crisis, to_state="published")
    transaction.commit()
    assert ("crisis", "Vattenläcka") in kinds("olle.medarbetare")
    # Links are made for the request (the address staff use), not stored.
    portal_url = api.portal.get().absolute_url()
    urls = [n["url"] for n in my_notices("olle.medarbetare")["items"]]
    assert urls
    assert all(url.startswith(portal_url) for url in urls)
    assert not [url for url in urls if "nohost" in url]
    transaction.begin()
    result = notices.digest(now=at(22))
    transaction.commit()
    assert result["mailed"] >= 1
    assert wait_for(lambda: digests(smtp, "olle.medarbetare@solna.example"))
    (mail,) = digests(smtp, "olle.medarbetare@solna.example")
    assert mail["Subject"] == "Kris: nytt från intranätet"
    # Those who did not ask for mail get none.
    assert not digests(smtp, "chef.b@solna.example")


def test_the_digest_job_runs_from_cron(site):
    from tests.fixtures.staff import PASSWORD

    import os
    import subprocess
    import sys

    def job(login):
        return subprocess.run(
            [
                os.path.join(
                    os.path.dirname(sys.executable), "solna-notification-digest"
                ),
                api.portal.get().absolute_url(),
                "--dry-run",
            ],
            env={**os.environ, "SOLNA_JOB_USER": login, "SOLNA_JOB_PASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            timeout=120,
        )

    done = job("webbred")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("would mail 0 members")
    assert job("olle.medarbetare").returncode == 1


def test_approval_through_plones_own_screens_tells_the_thread(site):
    from plone.app.discussion.interfaces import IConversation

    item = create_as("red.a", site["a"], "News Item", "Minibussen")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
    set_moderation(site["a"], "premoderated")
    comment("olle.medarbetare", item, "Vi kan köra minibussen.")
    assert kinds("red.a") == []  # held: nothing to tell yet
    transaction.begin()
    (held,) = IConversation(item).getComments()
    with api.env.adopt_user(username="chef.a"):
        api.content.transition(held, transition="publish")
    transaction.commit()
    assert kinds("red.a") == [("reply", "Minibussen")]


def next_wednesday(hour):
    """Next week's Wednesday at ``hour`` Stockholm time, aware, in UTC."""
    from solna.intranet.dates import zone

    today = datetime.datetime.now(zone()).date()
    day = today + datetime.timedelta(days=7 - today.weekday() + 2)
    at = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone())
    return at.astimezone(datetime.UTC)


def test_in_quiet_hours_only_an_active_crisis_goes_at_once(site, smtp, monkeypatch):
    """19:00: red.a has a reply and an ended crisis (they wait), then an
    active crisis comes: that goes at once, the rest at 07:00, once."""
    from solna.intranet import mail
    from solna.intranet.crisis import state
    from tests.fixtures.mail import set_clock

    api.user.get(username="red.a").setMemberProperties({"notice_digest": True})
    item = create_as("red.a", site["a"], "News Item", "Luciafika")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
        ended = api.content.create(
            container=site["news"], type="News Item", title="Stormen", priority="kris"
        )
        api.content.transition(ended, to_state="published")
        state.end(ended, "admin")
    transaction.commit()
    comment("olle.medarbetare", item, "Jag bakar lussekatter.")
    smtp.clear()  # the crisis mail of Stormen itself (crisis/outreach.py)
    evening = next_wednesday(19)
    move = set_clock(monkeypatch, evening)
    transaction.begin()
    assert notices.digest(now=evening) == {"mailed": 0, "held": 1}
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        active = api.content.create(
            container=site["news"], type="News Item", title="Brand", priority="kris"
        )
        api.content.transition(active, to_state="published")
    transaction.commit()
    transaction.begin()
    assert notices.digest(now=evening) == {"mailed": 1, "held": 0}
    transaction.commit()
    assert wait_for(lambda: digests(smtp, "red.a@solna.example"))
    (crisis,) = digests(smtp, "red.a@solna.example")
    assert crisis["Subject"] == "Kris: nytt från intranätet"
    body = crisis.get_content()
    assert "Brand" in body
    assert "Luciafika" not in body
    assert "Stormen" not in body
    smtp.clear()
    # 07:00: her quiet hours are over; the job delivers the rest.
    move(next_wednesday(19) + datetime.timedelta(hours=12))  # Thursday 07:00
    transaction.begin()
    assert mail.release()["delivered"] >= 1
    transaction.commit()
    assert wait_for(lambda: digests(smtp, "red.a@solna.example"))
    (rest,) = digests(smtp, "red.a@solna.example")
    assert rest["Subject"] == "2 nya notiser"
    body = rest.get_content()
    assert "Luciafika" in body
    assert "Stormen" in body
    assert "Brand" not in body
    # Nothing twice.
    transaction.begin()
    assert notices.digest(now=evening + datetime.timedelta(hours=13)) == {
        "mailed": 0,
        "held": 0,
    }


def test_the_unread_count_reads_no_publishing_dates_of_the_site(site, date_ranges):
    """The header's unread count (on every page) finds the member's notices
    without Plone's effectiveRange over every item of the site, whose cost
    grows with the site (catalog.search, issue 21); a crisis scheduled for
    tomorrow is no notice yet."""
    from DateTime import DateTime

    item = create_as("red.a", site["a"], "News Item", "Sommarfest")
    later = create_as("red.a", site["a"], "News Item", "Brandövning i morgon")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
        later.priority = "kris"
        later.audience_all = True
        later.setEffectiveDate(DateTime() + 1)
        api.content.transition(later, to_state="published")
        later.reindexObject()
    transaction.commit()
    comment("olle.medarbetare", item, "Jag tar med grillen.")

    date_ranges.clear()  # what setting up asked
    found = my_notices("red.a")
    assert found["unread"] == 1
    assert [(n["kind"], n["title"]) for n in found["items"]] == [
        ("reply", "Sommarfest")
    ]
    assert date_ranges == []


def test_the_notices_page_has_its_own_intro(site):
    """Issue 18: Notiser showed the site's description as its intro."""
    from lxml import html

    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        portal.setDescription("Solna stads intranät för alla medarbetare.")
    transaction.commit()
    page = html.fromstring(
        browser("red.a").get(f"{portal.absolute_url()}/@@notiser").text
    )
    (intro,) = page.cssselect("#content .solna-notices-intro")
    assert " ".join(intro.text_content().split()) == (
        "Här ser du när någon svarar dig, nämner dig eller skickar tillbaka det "
        "du har skrivit, vad som väntar på dig och när det är kris."
    )
    assert "Solna stads intranät för alla medarbetare." not in page.text_content()


def test_the_header_count_asks_the_catalog_once_until_it_changes(site, monkeypatch):
    """Every page shows the unread count: read from the catalog once, then
    from memory until the catalog changes, when a new reply counts at once."""
    item = create_as("red.a", site["a"], "News Item", "Sommarfest")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, to_state="published")
    transaction.commit()
    comment("olle.medarbetare", item, "Jag tar med grillen.")
    asked = []
    original = notices.search

    def counted(*args, **query):
        asked.append(query.get("portal_type") or query.get("notice_to"))
        return original(*args, **query)

    monkeypatch.setattr(notices, "search", counted)
    assert my_notices("red.a")["unread"] == 1
    first = len(asked)
    assert first
    assert my_notices("red.a")["unread"] == 1
    assert len(asked) == first  # nothing: not even the communities she moderates
    comment("red.b", item, "Jag tar kol!")
    assert my_notices("red.a")["unread"] == 2
    assert my_notices("olle.medarbetare")["unread"] == 1
