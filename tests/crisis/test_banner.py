"""The crisis banner and its answers over HTTP: only members in the
audience see it; Jag har sett detta / Jag är i säkerhet / Jag behöver
hjälp are stored per person from the banner's form and REST; "Jag behöver
hjälp" mails her manager (real SMTP) and gives him a notice; refusals are
Swedish and store nothing."""

from lxml import html
from plone import api
from solna.intranet.crisis import answers
from solna.intranet.crisis import help
from solna.intranet.crisis.state import end
from solna.intranet.push import queue
from tests.fixtures.http import browser
from tests.fixtures.http import page
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for
from tests.fixtures.news import PROFILES
from tests.fixtures.news import publish_news
from tests.fixtures.news import set_profile

import datetime
import pytest
import requests
import transaction


BANNER = '//div[@id="solna-crisis-banner"]/section[@role="alert"]'


@pytest.fixture
def crises(site):
    """Profiles as in fixtures/news.py; a crisis for Solgläntan that asks
    whether staff are safe ("brand"), one for all staff that does not
    ("vatten", newer); committed."""
    for login, (unit, profession) in PROFILES.items():
        set_profile(login, api.content.get_uuid(site[unit]), profession)
    with api.env.adopt_roles(["Manager"]):
        olle = api.content.create(
            container=site["a"],
            type="solna.Person",
            title="Olle Medarbetare",
            first_name="Olle",
            last_name="Medarbetare",
            userid="olle.medarbetare",
            mobile="070-765 43 21",
        )
        api.content.transition(olle, to_state="published")
    found = {
        "brand": publish_news(
            site,
            "brand",
            {"audience_units": ["a"]},
            {
                "priority": "kris",
                "crisis_asks_safety": True,
                "description": "Utrym Solgläntan, samling på gården.",
            },
            hours_ago=2,
        ),
        "vatten": publish_news(
            site,
            "vatten",
            {"audience_all": True},
            {"priority": "kris", "description": "Koka vattnet."},
            hours_ago=1,
        ),
    }
    transaction.commit()
    return found


def banners(login, url):
    return page(login, url).xpath(BANNER)


def post_form(login, item, answer, came_from):
    s = browser(login)
    return s.post(
        f"{item.absolute_url()}/@@kris-svar",
        data={
            "_authenticator": token(s, item.absolute_url()),
            "answer": answer,
            "came_from": came_from,
        },
    )


def test_banner_only_for_the_audience_and_until_answered(crises, smtp):
    portal_url = api.portal.get().absolute_url()
    unit_url = api.portal.get()["bou"]["solglantan"].absolute_url()
    found = banners("olle.medarbetare", unit_url)
    # Newest first, "Kris: <titel>", a link to the item, the buttons asked.
    assert [text(b.xpath(".//h2")[0]) for b in found] == ["Kris: Vatten", "Kris: Brand"]
    assert found[1].xpath(".//h2/a/@href") == [crises["brand"].absolute_url()]
    assert text(found[1].xpath(".//p")[0]) == "Utrym Solgläntan, samling på gården."
    assert [text(b) for b in found[1].xpath(".//button")] == [
        "Jag har sett detta",
        "Jag är i säkerhet",
        "Jag behöver hjälp",
    ]
    assert [text(b) for b in found[0].xpath(".//button")] == ["Jag har sett detta"]
    # Ekbacken: only the crisis for all staff; Anonymous (the login page): none.
    assert [text(b.xpath(".//h2")[0]) for b in banners("red.b", portal_url)] == [
        "Kris: Vatten"
    ]
    login_page = html.fromstring(requests.get(f"{portal_url}/login", timeout=60).text)
    assert login_page.xpath(BANNER) == []
    # REST @kris, as an app polls it.
    mine = rest("olle.medarbetare").get(f"{portal_url}/@kris").json()["items"]
    assert [(c["title"], c["asks_safety"], c["status"], c["done"]) for c in mine] == [
        ("Vatten", False, "none", False),
        ("Brand", True, "none", False),
    ]
    assert mine[1]["@id"] == crises["brand"].absolute_url()
    assert [
        c["title"] for c in rest("red.b").get(f"{portal_url}/@kris").json()["items"]
    ] == ["Vatten"]

    # Jag har sett detta on the banner: back where she was, thanked; the
    # crisis that asks for nothing more goes, the safety one stays.
    answer = post_form("olle.medarbetare", crises["vatten"], "seen", unit_url)
    assert answer.url == unit_url
    assert "Tack! Du har markerat att du har sett krisinformationen." in answer.text
    doc = html.fromstring(answer.text)
    assert [text(b.xpath(".//h2")[0]) for b in doc.xpath(BANNER)] == ["Kris: Brand"]
    answer = post_form("olle.medarbetare", crises["brand"], "seen", unit_url)
    assert [
        text(b.xpath(".//h2")[0]) for b in html.fromstring(answer.text).xpath(BANNER)
    ] == ["Kris: Brand"]
    # The item shows what she answered.
    box = page("olle.medarbetare", crises["brand"].absolute_url()).xpath(
        '//section[contains(@class, "solna-crisis-answer")]'
    )
    assert "Du svarade Jag har sett detta kl." in text(box[0])
    # Another site as came_from: back to the item instead.
    answer = post_form(
        "olle.medarbetare", crises["vatten"], "seen", "https://example.com/"
    )
    assert answer.url == crises["vatten"].absolute_url()

    # Jag behöver hjälp: her manager (chef.a) gets a mail at once, with her
    # name, phone and the crisis, and a notice; her banner goes.
    smtp.clear()
    answer = post_form("olle.medarbetare", crises["brand"], "help", portal_url)
    assert "din chef har fått veta att du behöver hjälp" in answer.text
    assert html.fromstring(answer.text).xpath(BANNER) == []
    assert wait_for(lambda: smtp.to("chef.a@solna.example"))
    (mail,) = smtp.to("chef.a@solna.example")
    assert mail["Subject"] == "Behöver hjälp: Olle Medarbetare"
    body = mail.get_body().get_content()
    assert "Olle Medarbetare (Solgläntan) har svarat Jag behöver hjälp" in body
    assert "Telefon: 070-765 43 21" in body
    assert crises["brand"].absolute_url() in body
    assert [rcpts for rcpts, _m in smtp.messages] == [("chef.a@solna.example",)]
    notices = rest("chef.a").get(f"{portal_url}/@notiser").json()["items"]
    help_notices = [n for n in notices if n["kind"] == "help"]
    assert [(n["kind_title"], n["title"], n["text"]) for n in help_notices] == [
        ("Behöver hjälp", "Olle Medarbetare", "Brand")
    ]
    # And an urgent push to his phones (none here: the event waits in the
    # queue, naming nobody).
    transaction.begin()
    (event,) = [
        e for tree in queue._event_trees() for e in tree.values() if e["kind"] == "help"
    ]
    assert event["recipients"] == ("chef.a",)
    assert event["urgent"] is True
    assert "Olle" not in event["title"] + event["text"]
    # Nobody else is told: chef.b has no such notice.
    assert not [
        n
        for n in rest("chef.b").get(f"{portal_url}/@notiser").json()["items"]
        if n["kind"] == "help"
    ]
    # Now she is safe (REST): the answer is replaced, the notice goes.
    ok = rest("olle.medarbetare").post(
        f"{crises['brand'].absolute_url()}/@kris-svar", json={"answer": "safe"}
    )
    assert ok.status_code == 200
    assert (ok.json()["status"], ok.json()["done"]) == ("safe", True)
    start = rest("olle.medarbetare").get(f"{portal_url}/@mitt-intranat").json()
    assert [(c["title"], c["status"]) for c in start["kris"]] == [
        ("Vatten", "seen"),
        ("Brand", "safe"),
    ]
    assert not [
        n
        for n in rest("chef.a").get(f"{portal_url}/@notiser").json()["items"]
        if n["kind"] == "help"
    ]
    assert banners("olle.medarbetare", portal_url) == []

    # Help again within 15 minutes (help, safe, help): the notice shows her
    # again, but her manager is not mailed or pushed a second time.
    answer = post_form("olle.medarbetare", crises["brand"], "help", portal_url)
    assert "din chef har fått veta att du behöver hjälp" in answer.text
    assert [
        (n["title"], n["text"])
        for n in rest("chef.a").get(f"{portal_url}/@notiser").json()["items"]
        if n["kind"] == "help"
    ] == [("Olle Medarbetare", "Brand")]
    assert len(smtp.messages) == 1
    transaction.begin()
    assert [
        e for tree in queue._event_trees() for e in tree.values() if e["kind"] == "help"
    ] == [event]
    # Once the 15 minutes have passed, a new call for help is told again.
    uid = crises["brand"].UID()
    record = answers.answers(uid)["olle.medarbetare"]
    record[help.TOLD] -= datetime.timedelta(minutes=16)
    answers.answers(uid)["olle.medarbetare"] = dict(record)
    transaction.commit()
    post_form("olle.medarbetare", crises["brand"], "safe", portal_url)
    post_form("olle.medarbetare", crises["brand"], "help", portal_url)
    assert wait_for(lambda: len(smtp.to("chef.a@solna.example")) == 2)
    assert len(smtp.messages) == 2


def test_refusals_store_nothing(crises):
    brand, vatten = crises["brand"], crises["vatten"]
    api_ = rest("red.b")
    # Outside the audience: 403, in Swedish.
    refused = api_.post(f"{brand.absolute_url()}/@kris-svar", json={"answer": "seen"})
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "Den här krisinformationen är inte riktad till dig, så du behöver inte svara."
    )
    # Bad input.
    refused = api_.post(f"{vatten.absolute_url()}/@kris-svar", json=["seen"])
    assert refused.status_code == 400
    assert "JSON-objekt" in refused.json()["message"]
    for body in ({"answer": "kanske"}, {}):
        refused = api_.post(f"{vatten.absolute_url()}/@kris-svar", json=body)
        assert refused.status_code == 400
        assert refused.json()["error"]["message"] == (
            'Svara med "answer": "seen", "safe" eller "help".'
        )
    # Safe when the crisis does not ask.
    refused = api_.post(f"{vatten.absolute_url()}/@kris-svar", json={"answer": "safe"})
    assert refused.status_code == 400
    assert "frågar inte om du är i säkerhet" in refused.json()["error"]["message"]
    # The form says it too.
    answer = post_form("red.b", brand, "seen", api.portal.get().absolute_url())
    assert "Den här krisinformationen är inte riktad till dig" in answer.text
    # An ended crisis: no answer, no banner.
    transaction.begin()
    end(vatten, "admin")
    transaction.commit()
    refused = api_.post(f"{vatten.absolute_url()}/@kris-svar", json={"answer": "seen"})
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == (
        "Det här är inget pågående krisläge: inget svar behövs."
    )
    assert banners("red.b", api.portal.get().absolute_url()) == []
    assert api_.get(f"{api.portal.get().absolute_url()}/@kris").json()["items"] == []
    transaction.begin()
    assert dict(answers.answers(brand.UID())) == {}
    assert dict(answers.answers(vatten.UID())) == {}
    # A crisis she may not view (a draft): 404, as if it did not exist.
    with api.env.adopt_roles(["Manager"]):
        draft = api.content.create(
            container=brand.__parent__,
            type="News Item",
            id="utkast",
            title="Utkast",
            priority="kris",
        )
    transaction.commit()
    refused = api_.post(f"{draft.absolute_url()}/@kris-svar", json={"answer": "seen"})
    assert refused.status_code == 404
    # A news item that is not a crisis.
    news = publish_news(
        {"news": brand.__parent__, "a": api.portal.get()["bou"]["solglantan"]},
        "vanlig",
        {"audience_all": True},
        {},
    )
    transaction.commit()
    refused = api_.post(f"{news.absolute_url()}/@kris-svar", json={"answer": "seen"})
    assert refused.status_code == 400


def test_without_a_crisis_a_page_works_out_no_audience(site):
    """With no crisis active a member's page neither works out her
    audience nor searches for crises meant for it (crisis/state.py
    ``any_active``); one raised for later is active from its time, with
    no change of the catalog in between; raised now, it is on the next
    page."""
    from DateTime import DateTime
    from solna.intranet.crisis import state
    from unittest import mock

    for login, (unit, profession) in PROFILES.items():
        set_profile(login, api.content.get_uuid(site[unit]), profession)
    later = publish_news(
        site,
        "storm",
        {"audience_all": True},
        {"priority": "kris", "description": "Stormvarning."},
        hours_ago=-2,  # from two hours ahead
    )
    transaction.commit()
    unit_url = site["a"].absolute_url()
    with mock.patch.object(
        state, "search_active", side_effect=state.search_active
    ) as searched:
        assert banners("olle.medarbetare", unit_url) == []
    assert searched.call_count == 0
    assert not state.any_active()
    assert state.any_active(DateTime() + 3 / 24)
    assert not state.any_active(later.effective_date - 1 / 24 / 60)

    publish_news(
        site,
        "brand",
        {"audience_all": True},
        {"priority": "kris", "description": "Utrym huset."},
    )
    transaction.commit()
    found = banners("olle.medarbetare", unit_url)
    assert [text(b.xpath(".//h2")[0]) for b in found] == ["Kris: Brand"]
