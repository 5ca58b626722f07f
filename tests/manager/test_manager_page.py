"""Chefens sida: a manager sees, for their own units only, who has read the
must-read news, what waits for their review or moderation and which pages
are overdue; and publishes news to their unit in one step."""

from lxml import html
from plone import api
from tests.fixtures.comments import comment
from tests.fixtures.comments import set_moderation
from tests.fixtures.http import browser
from tests.fixtures.http import page
from tests.fixtures.http import portal_url
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.staff import create_as
from tests.fixtures.workplace import appoint_manager

import datetime
import pytest
import re
import transaction


def manager_data(login):
    response = rest(login).get(f"{portal_url()}/@chefens-sida")
    assert response.status_code == 200
    return response.json()


def completion(login):
    return {
        item["@id"].rsplit("/", 1)[1]: (
            item["confirmed"],
            item["total"],
            [p["fullname"] for p in item["not_confirmed"]],
        )
        for item in manager_data(login)["must_read"]
    }


@pytest.fixture
def must_read_everywhere(workplace_news):
    """Must-read news for all staff too; olle confirmed Solgläntan's."""
    from tests.fixtures.news import publish_news

    publish_news(
        workplace_news["places"],
        "las-alla",
        {"audience_all": True},
        {"must_read": True},
    )
    transaction.commit()
    item = workplace_news["news"]["las-solglantan"]
    assert rest("olle.medarbetare").post(f"{item.absolute_url()}/@jag-har-last").ok
    return workplace_news


def test_completion_counts_only_the_managers_own_staff(must_read_everywhere):
    assert completion("chef.a") == {
        "las-solglantan": (1, 3, ["Chef A", "Red A"]),
        "las-alla": (0, 3, ["Chef A", "Olle Medarbetare", "Red A"]),
    }
    # Ekbacken's manager: not Solgläntan's item, and only Ekbacken's staff.
    assert completion("chef.b") == {"las-alla": (0, 2, ["Chef B", "Red B"])}
    # Someone who manages nothing sees nothing.
    data = manager_data("olle.medarbetare")
    assert data["units"] == []
    assert data["must_read"] == []


def test_completion_on_the_page(must_read_everywhere):
    doc = page("chef.a", f"{portal_url()}/@@chefens-sida")
    items = doc.xpath('//article[contains(@class, "solna-completion-item")]')
    figures = {
        item.xpath(".//h3//a")[0].get("href").rsplit("/", 1)[1]: (
            text(item.xpath('.//*[@class="solna-completion-figures"]')[0]),
            [
                text(li)
                for li in item.xpath('.//ul[@class="mb-0 solna-not-confirmed"]/li')
            ],
        )
        for item in items
    }
    assert figures["las-solglantan"] == ("1 av 3 har läst", ["Chef A", "Red A"])
    assert "Olle Medarbetare" not in str(
        page("chef.b", f"{portal_url()}/@@chefens-sida").text_content()
    )
    doc = page("olle.medarbetare", f"{portal_url()}/@@chefens-sida")
    assert "Du är inte chef för någon enhet." in text(doc.xpath("//main")[0])


def test_waiting_for_review_moderation_and_overdue_in_own_units(workplace_news):
    places = workplace_news["places"]
    # A news item Red A sends to Chef A.
    draft = create_as("red.a", places["a"], "News Item", "Utflykt på fredag")
    with api.env.adopt_user(username="red.a"):
        api.content.transition(draft, transition="submit")
    # Ekbacken's draft waits for Chef B.
    other = create_as("red.b", places["b"], "News Item", "Ekbackens julfest")
    with api.env.adopt_user(username="red.b"):
        api.content.transition(other, transition="submit")
    # Solgläntan's unit page was due for review last week.
    places["a"].review_date = datetime.date.today() - datetime.timedelta(7)
    places["a"].reindexObject()
    # Comments are held in Solgläntan.
    with api.env.adopt_roles(["Manager"]):
        published = api.content.create(
            container=places["a"], type="News Item", title="Luciafirande"
        )
        api.content.transition(published, to_state="published")
    transaction.commit()
    set_moderation(places["a"], "premoderated")
    comment("olle.medarbetare", published, "Vi tar med lussekatter!")

    data = manager_data("chef.a")
    assert [i["title"] for i in data["awaiting_review"]] == ["Utflykt på fredag"]
    assert [(c["item_title"], c["held"]) for c in data["comments"]] == [
        ("Luciafirande", True)
    ]
    assert [i["title"] for i in data["overdue"]] == ["Solgläntan"]
    assert data["overdue"][0]["days_overdue"] == 7

    other_manager = manager_data("chef.b")
    assert [i["title"] for i in other_manager["awaiting_review"]] == [
        "Ekbackens julfest"
    ]
    assert other_manager["comments"] == []
    assert other_manager["overdue"] == []

    doc = page("chef.a", f"{portal_url()}/@@chefens-sida")
    assert "Utflykt på fredag" in text(
        doc.xpath('//section[contains(@class,"solna-waiting")]')[0]
    )
    assert "lussekatter" in text(
        doc.xpath('//section[contains(@class,"solna-held-comments")]')[0]
    )
    assert "7 dagar" in text(
        doc.xpath('//section[contains(@class,"solna-overdue")]')[0]
    )


def quick_news(login, **data):
    s = browser(login)
    url = f"{portal_url()}/@@chefens-sida"
    return s.post(url, data={"_authenticator": token(s, url), **data})


def test_quick_news_is_published_to_the_unit(workplace_news):
    deadline = (datetime.date.today() + datetime.timedelta(3)).isoformat()
    response = quick_news(
        "chef.a",
        unit=api.content.get_uuid(workplace_news["places"]["a"]),
        title="Planeringsdag på måndag",
        text="Förskolan är stängd.\n\nVi ses kl. 8.",
        must_read="1",
        deadline=deadline,
    )
    assert "Publicerad: Planeringsdag på måndag" in response.text
    transaction.begin()
    (brain,) = api.content.find(Title="Planeringsdag på måndag")
    item = brain.getObject()
    assert item.__parent__ == workplace_news["places"]["a"]
    assert api.content.get_state(item) == "published"
    assert item.audience_all is False
    assert item.audience_units == [api.content.get_uuid(workplace_news["places"]["a"])]
    assert item.must_read is True
    assert item.must_read_deadline.isoformat() == deadline
    assert item.text.raw == "<p>Förskolan är stängd.</p><p>Vi ses kl. 8.</p>"
    # It reaches Solgläntan's staff (as must-read), not Ekbacken's.
    feed = rest("olle.medarbetare").get(f"{portal_url()}/@mitt-intranat").json()
    assert "Planeringsdag på måndag" in [i["title"] for i in feed["must_read"]]
    feed = rest("red.b").get(f"{portal_url()}/@mitt-intranat").json()
    everything = [
        i["title"] for part in ("crisis", "must_read", "news") for i in feed[part]
    ]
    assert "Planeringsdag på måndag" not in everything
    # Chefens sida: how many have read it, and by when, without "har läst
    # läs senast" (issue 18, fourth trial).
    doc = page("chef.a", f"{portal_url()}/@@chefens-sida")
    (line,) = [
        text(p)
        for p in doc.xpath('//article[contains(@class, "solna-completion-item")]//p')
        if "Planeringsdag" in text(p.getparent()) and "har läst" in text(p)
    ]
    assert re.fullmatch(r"\d+ av \d+ har läst \(läses senast \d{1,2} \S+ \d{4}\)", line)


def test_quick_news_errors_in_swedish_keep_what_was_written(workplace_news):
    response = quick_news(
        "chef.a",
        unit=api.content.get_uuid(workplace_news["places"]["b"]),  # not theirs
        title="",
        text="Glöm inte reflexvästarna.",
        deadline="2020-01-01",
    )
    doc = html.fromstring(response.text)
    errors = [text(e) for e in doc.xpath('//div[contains(@class, "invalid-feedback")]')]
    assert errors == [
        "Välj en av dina enheter.",
        "Skriv en rubrik.",
        "Datumet har redan passerat.",
    ]
    (textarea,) = doc.xpath('//textarea[@name="text"]')
    assert textarea.text == "Glöm inte reflexvästarna."
    # Over REST too, Ekbacken is refused; and a body that is no object.
    response = rest("chef.a").post(
        f"{portal_url()}/@chefens-sida",
        json={
            "unit": api.content.get_uuid(workplace_news["places"]["b"]),
            "title": "Till Ekbacken",
            "text": "Hej",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["errors"] == {"unit": "Välj en av dina enheter."}
    transaction.begin()
    found = api.content.find(Title="Till Ekbacken")
    assert [b for b in found if b.Title == "Till Ekbacken"] == []
    # Not a manager: nothing to publish to.
    response = rest("olle.medarbetare").post(
        f"{portal_url()}/@chefens-sida",
        json={
            "unit": api.content.get_uuid(workplace_news["places"]["a"]),
            "title": "X",
            "text": "Y",
        },
    )
    assert response.status_code == 400


def test_bad_json_gets_a_swedish_400(workplace_news):
    response = rest("chef.a").post(f"{portal_url()}/@chefens-sida", json=["x"])
    assert response.status_code == 400
    assert "JSON-objekt" in response.json()["message"]  # plone.rest's shape
    response = rest("chef.a").post(f"{portal_url()}/@chefens-sida", json={})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Skriv en rubrik."
    response = rest("chef.a").post(
        f"{portal_url()}/@chefens-sida",
        json={
            "unit": api.content.get_uuid(workplace_news["places"]["a"]),
            "title": 42,
            "text": "Hej",
            "must_read": "false",
            "deadline": "2026-13-40",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["errors"] == {
        "title": "Skriv en rubrik.",
        "deadline": "Ange datumet som ÅÅÅÅ-MM-DD.",
    }


def test_a_forvaltning_manager_sees_the_units_under_it(must_read_everywhere):
    """The manager of Barn och utbildning has Solgläntan's and Ekbacken's
    staff; a manager whose entry lost its login has nothing."""
    bou = must_read_everywhere["places"]["a"].__parent__
    with api.env.adopt_roles(["Manager"]):
        chef = appoint_manager(bou, "webbred")
        bou.reindexObject()
    transaction.commit()
    assert completion("webbred") == {
        "las-solglantan": (1, 3, ["Chef A", "Red A"]),
        "las-alla": (
            0,
            5,
            ["Chef A", "Chef B", "Olle Medarbetare", "Red A", "Red B"],
        ),
    }
    assert [u["title"] for u in manager_data("webbred")["units"]] == [
        "Barn och utbildning"
    ]
    # The entry's login changes (the unit is not reindexed): no longer theirs.
    chef.userid = "someone.else"
    transaction.commit()
    assert manager_data("webbred")["units"] == []
    assert manager_data("webbred")["must_read"] == []
