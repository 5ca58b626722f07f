"""Only Krisledning raises a crisis, on every route; ending it records when
and by whom; a crisis reaches its audience only (notices, Mitt intranät,
push).

The workplace (tests/fixtures/workplace.py) plus ``kris.ledare``, a member
of Krisledning and of nothing else."""

from lxml import html
from plone import api
from solna.intranet.crisis.state import active
from solna.intranet.crisis.state import ended
from solna.intranet.dialogue.notices.notices import notices
from solna.intranet.personal.feed import news_feed
from solna.intranet.personal.feed import Reader
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for
from tests.fixtures.news import publish_news
from tests.fixtures.news import set_profile
from tests.fixtures.staff import create_staff

import datetime
import json
import pytest
import transaction


REFUSED = "Bara Krisledning kan publicera krisinformation."
LEADER = "kris.ledare"


@pytest.fixture
def crisis_site(site):
    """The workplace, Krisledning's member, a normal news item of Solgläntan
    and a Kris item of Solgläntan in draft (set by a script, as only a
    crisis raised elsewhere could be)."""
    create_staff({LEADER: ("krisledning",)})
    with api.env.adopt_roles(["Manager"]):
        normal = api.content.create(
            container=site["a"], type="News Item", id="utflykt", title="Utflykt"
        )
        api.content.transition(normal, to_state="published")
        draft = api.content.create(
            container=site["a"],
            type="News Item",
            id="larm",
            title="Larm i köket",
            priority="kris",
        )
    transaction.commit()
    return {**site, "normal": normal, "draft": draft}


def titles(container):
    transaction.begin()
    return [obj.Title() for obj in container.objectValues()]


def edit_form_post(login, item, values):
    s = browser(login)
    doc = html.fromstring(s.get(f"{item.absolute_url()}/@@edit").text)
    fields = {
        i.get("name"): i.get("value") or ""
        for i in doc.xpath('//form[@id="form"]//input[@name]')
        if i.get("type") not in ("checkbox", "radio", "submit", "file")
    }
    fields.update({**values, "form.buttons.save": "Spara"})
    return s.post(f"{item.absolute_url()}/@@edit", data=fields)


def test_a_redaktor_cannot_raise_a_crisis_on_any_route(crisis_site):
    unit, normal, draft = crisis_site["a"], crisis_site["normal"], crisis_site["draft"]
    # REST: creating and changing.
    created = session("red.a").post(
        unit.absolute_url(),
        json={"@type": "News Item", "title": "Falsklarm", "priority": "kris"},
    )
    assert created.status_code == 403, created.text
    assert REFUSED in created.json()["message"]
    assert "Falsklarm" not in titles(unit)
    patched = session("red.a").patch(normal.absolute_url(), json={"priority": "kris"})
    assert patched.status_code == 403, patched.text
    assert REFUSED in patched.json()["message"]
    transaction.begin()
    assert normal.priority == "normal"
    # Quick news on Chefens sida, REST and page.
    portal = api.portal.get().absolute_url()
    quick = {"title": "Snabbkris", "text": "Alla ut.", "unit": unit.UID()}
    answer = session("chef.a").post(
        f"{portal}/@chefens-sida", json={**quick, "priority": "kris"}
    )
    assert answer.status_code == 400, answer.text
    assert REFUSED in answer.json()["error"]["message"]
    s = browser("chef.a")
    answer = s.post(
        f"{portal}/@@chefens-sida",
        data={
            **quick,
            "priority": "kris",
            "_authenticator": token(s, f"{portal}/@@chefens-sida"),
        },
    )
    assert REFUSED in answer.text
    assert "Snabbkris" not in titles(unit)
    # The unit's Chef may publish the unit's news, but not a Kris item:
    # the workflow bar (content_status_modify) says why on the item ...
    s = browser("chef.a")
    answer = s.post(
        f"{draft.absolute_url()}/content_status_modify",
        data={
            "workflow_action": "publish",
            "_authenticator": token(s, draft.absolute_url()),
        },
    )
    assert answer.status_code == 200
    assert answer.url.rstrip("/").endswith("/larm")
    assert REFUSED in answer.text
    # ... and so does REST @workflow.
    answer = session("chef.a").post(f"{draft.absolute_url()}/@workflow/publish")
    assert answer.status_code == 400
    assert REFUSED in answer.json()["error"]["message"]
    transaction.begin()
    assert api.content.get_state(draft) != "published"
    assert draft.EffectiveDate() == "None"  # nothing of the refusal was kept
    # Folder contents: the other selected item is published, the Kris one not.
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(container=unit, type="News Item", title="Annat")
    transaction.commit()
    answer = s.post(
        f"{unit.absolute_url()}/@@fc-workflow",
        data={
            "selection": json.dumps([draft.UID(), other.UID()]),
            "transition": "publish",
            "_authenticator": token(s, unit.absolute_url()),
        },
    )
    assert answer.status_code == 200, answer.text
    transaction.begin()
    assert api.content.get_state(other) == "published"
    assert api.content.get_state(draft) != "published"
    # Editing another field of a crisis item is fine for those who may edit it.
    answer = session("red.a").patch(draft.absolute_url(), json={"title": "Larm!"})
    assert answer.status_code == 204, answer.text
    # The edit form (last: opening it locks the item): the message under
    # the field, nothing saved.
    answer = edit_form_post(
        "red.a",
        normal,
        {
            "form.widgets.IRichTextBehavior.text": "<p>Hej</p>",
            "form.widgets.IPriority.priority:list": "kris",
            "form.widgets.IAudience.audience_units:list": [unit.UID()],
        },
    )
    assert answer.status_code == 200
    assert REFUSED in answer.text
    transaction.begin()
    assert normal.priority == "normal"


def test_krisledning_raises_in_its_folder_and_ends_it(crisis_site):
    portal = api.portal.get()
    folder = portal["krisinformation"]
    leader = session(LEADER)
    # Only in Krisinformation: not in a unit, not in Nyheter.
    for elsewhere in (crisis_site["a"], crisis_site["news"]):
        answer = leader.post(
            elsewhere.absolute_url(), json={"@type": "News Item", "title": "Fel"}
        )
        assert answer.status_code in (401, 403), (elsewhere, answer.status_code)
    created = leader.post(
        folder.absolute_url(), json={"@type": "News Item", "title": "Strömavbrott"}
    )
    assert created.status_code == 201, created.text
    assert created.json()["priority"]["token"] == "kris"  # the folder's default
    assert created.json()["audience_all"] is True
    url = created.json()["@id"]
    published = leader.post(f"{url}/@workflow/publish")
    assert published.status_code == 200, published.text
    transaction.begin()
    item = folder["stromavbrott"]
    assert item.UID() in {b.UID for b in active()}
    # A Webbredaktör raises one elsewhere too.
    answer = session("webbred").patch(
        crisis_site["normal"].absolute_url(), json={"priority": "kris"}
    )
    assert answer.status_code == 204, answer.text
    # Ending: not for others (403 in Swedish), 400 for news that is no crisis.
    answer = session("olle.medarbetare").post(f"{url}/@avsluta-krislage")
    assert answer.status_code == 403
    assert answer.json()["error"]["message"] == (
        "Bara Krisledning kan avsluta ett krisläge."
    )
    answer = session("olle.medarbetare").get(f"{url}/@@avsluta-krislage")
    assert answer.status_code in (401, 403, 404)
    not_crisis = leader.post(f"{portal['nyheter'].absolute_url()}/@avsluta-krislage")
    assert not_crisis.status_code in (400, 404)
    # The button on the item, the confirmation, then POST with the token.
    s = browser(LEADER)
    item_page = html.fromstring(s.get(url).text)
    (button,) = item_page.xpath('//a[contains(@href, "@@avsluta-krislage")]')
    assert text(button) == "Avsluta krisläge"
    confirm = html.fromstring(s.get(button.get("href")).text)
    assert confirm.xpath('//button[@name="form.buttons.end"]')
    no_token = s.post(f"{url}/@@avsluta-krislage", data={"form.buttons.end": "1"})
    assert no_token.status_code == 403
    transaction.begin()
    assert ended(item) is None  # no token: nothing changed
    answer = s.post(
        f"{url}/@@avsluta-krislage",
        data={"form.buttons.end": "1", "_authenticator": token(s, url)},
    )
    assert "Krisläget är avslutat." in answer.text
    transaction.begin()
    when, by = ended(item)
    assert by == LEADER
    assert item.UID() not in {b.UID for b in active()}
    # Everyone who views it sees when and by whom; REST says so too.
    line = text(
        html.fromstring(browser("olle.medarbetare").get(url).text).xpath(
            '//*[contains(@class, "solna-crisis-status")]'
        )[0]
    )
    assert line.startswith("Krisläget avslutades ")
    assert line.endswith(" av Kris Ledare.")
    status = session("olle.medarbetare").get(f"{url}/@avsluta-krislage").json()
    assert status["ended_by"] == LEADER
    assert status["ended_by_name"] == "Kris Ledare"
    assert status["active"] is False
    shown = datetime.datetime.fromisoformat(status["ended"])
    assert abs((shown - when).total_seconds()) < 1
    # Ending again keeps the first time; REST ends the Webbredaktör's.
    again = leader.post(f"{url}/@avsluta-krislage")
    assert again.json()["ended"] == status["ended"]
    webbred_item = crisis_site["normal"].absolute_url()
    answer = session("webbred").post(f"{webbred_item}/@avsluta-krislage")
    assert answer.status_code == 200, answer.text
    assert answer.json()["ended_by"] == "webbred"


def test_a_crisis_for_one_unit_reaches_that_unit_only(crisis_site):
    for login, unit in (("olle.medarbetare", "a"), ("red.b", "b")):
        set_profile(login, api.content.get_uuid(crisis_site[unit]), "barnskotare")
    item = publish_news(
        crisis_site,
        "vatten-ekbacken",
        {"audience_units": ["b"]},
        {"priority": "kris"},
    )
    transaction.commit()
    request = api.portal.get().REQUEST

    def reached(login):
        return {
            "notice": any(
                n["kind"] == "crisis" and n["url"] == item.absolute_url()
                for n in notices(login)
            ),
            "top": [c["UID"] for c in news_feed(Reader(login), request)["crisis"]],
        }

    assert reached("red.b") == {"notice": True, "top": [item.UID()]}
    assert reached("olle.medarbetare") == {"notice": False, "top": []}
    # Ended: it leaves the top of Mitt intranät (the notice stays history).
    answer = session(LEADER).post(f"{item.absolute_url()}/@avsluta-krislage")
    assert answer.status_code == 200, answer.text
    transaction.begin()
    assert reached("red.b")["top"] == []


def test_a_crisis_under_way_is_krisledning_s_alone(crisis_site, smtp):
    """Once published, a crisis is changed, retracted or deleted only by
    Krisledning: a Kommunikatör (Editor and Reviewer everywhere) and the
    unit's Chef are refused on every route, in Swedish, nothing changed;
    Krisledning widening the audience mails those added."""
    unit, other = crisis_site["a"], crisis_site["b"]
    set_profile("olle.medarbetare", unit.UID(), "")
    set_profile("red.b", other.UID(), "")
    transaction.commit()
    leader = session(LEADER)
    created = leader.post(
        api.portal.get()["krisinformation"].absolute_url(),
        json={
            "@type": "News Item",
            "title": "Gasläcka",
            "audience_all": False,
            "audience_units": [unit.UID()],
        },
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert leader.post(f"{url}/@workflow/publish").status_code == 200
    transaction.begin()
    item = api.content.get(path=url.split("/plone", 1)[1])
    assert item.UID() in {b.UID for b in active()}
    refused = "ändras bara av Krisledning"
    for login in ("kommunikator", "chef.a"):
        s = session(login)
        for body in (
            {"priority": "normal"},
            {"title": "Ingen fara"},
            {"audience_all": True},
        ):
            answer = s.patch(url, json=body)
            # (the Chef may not edit in Krisinformation at all: 401)
            assert answer.status_code in (401, 403), (login, body, answer.text)
            if login == "kommunikator":
                assert answer.status_code == 403
                assert refused in answer.json()["message"], answer.text
        for transition in ("retract", "reject"):
            answer = s.post(f"{url}/@workflow/{transition}", json={"comment": "x"})
            assert answer.status_code in (400, 401, 403), (login, transition)
        answer = s.delete(url)
        assert answer.status_code in (401, 403), (login, answer.status_code)
    # Krisledning widens it to Ekbacken: Ekbacken's staff are mailed then.
    assert wait_for(lambda: len(smtp.to("olle.medarbetare@solna.example")) == 1)
    assert not smtp.to("red.b@solna.example")
    answer = leader.patch(url, json={"audience_units": [unit.UID(), other.UID()]})
    assert answer.status_code == 204, answer.text
    assert wait_for(lambda: len(smtp.to("red.b@solna.example")) == 1)
    assert len(smtp.to("olle.medarbetare@solna.example")) == 1  # not again
    # The edit form says it under the field and keeps what was typed.
    answer = edit_form_post(
        "kommunikator",
        item,
        {
            "form.widgets.IDublinCore.title": "Ingen fara",
            "form.widgets.IPriority.priority:list": "kris",
            "form.widgets.IAudience.audience_units:list": [unit.UID()],
        },
    )
    page = html.fromstring(answer.text)
    errors = " ".join(
        text(e)
        for e in page.xpath(
            '//*[contains(@class, "invalid-feedback")'
            ' or contains(@class, "portalMessage")]'
        )
    )
    assert refused in errors, (answer.url, errors)
    assert "Ingen fara" in answer.text
    transaction.begin()
    assert item.Title() == "Gasläcka"
    assert item.UID() in {b.UID for b in active()}
    assert api.content.get_state(item) == "published"
    # Her refused edit left no lock that keeps Krisledning out.
    answer = leader.patch(url, json={"title": "Gasläcka på Solgläntan"})
    assert answer.status_code == 204, answer.text
    # Deleting from the page: told why, on the item, not Plone's error page.
    s = browser("kommunikator")
    answer = s.get(f"{url}/delete_confirmation")
    assert answer.url.rstrip("/") == url
    assert refused in " ".join(html.fromstring(answer.text).text_content().split())
