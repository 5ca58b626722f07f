"""Uppföljning (issue 19): Krisledning sees exact counts per unit of a
crisis's audience, grouped under the förvaltning, and who needs help with a
phone link; a unit's manager sees only her own staff's names, per status,
on Chefens sida and in REST; nobody else sees any of it.

The world (fixtures/news.py): Solgläntan (A: Olle Medarbetare, Red A, Chef
A) and Ekbacken (B: Red B, Chef B) in Barn och utbildning; Webbred has no
unit. The crisis is meant for Barn och utbildning and asks whether staff
are safe. Answers:

==========  ===================  =========
member      answered             status
==========  ===================  =========
olle        help, then safe      safe
red.a       help                 help
chef.a      (nothing)            none
red.b       seen                 seen
chef.b      safe                 safe
webbred     seen (not meant      (not counted)
            for him)
hr.red      (nothing; not meant  (not counted)
            for him)
==========  ===================  =========
"""

from plone import api
from solna.intranet.crisis import answers
from tests.fixtures.http import browser
from tests.fixtures.http import page
from tests.fixtures.http import portal_url
from tests.fixtures.http import session
from tests.fixtures.http import text
from tests.fixtures.news import publish_news

import datetime
import pytest
import transaction


KRISLEDNING = "kommunikator"


def at(minutes_ago):
    return datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=minutes_ago)


def person(unit, login, first, last, **phones):
    with api.env.adopt_roles(["Manager"]):
        entry = api.content.create(
            container=unit,
            type="solna.Person",
            title=f"{first} {last}",
            first_name=first,
            last_name=last,
            userid=login,
            **phones,
        )
        api.content.transition(entry, to_state="published")
    return entry


@pytest.fixture
def crisis(workplace_news):
    places = workplace_news["places"]
    api.group.add_user(groupname="krisledning", username=KRISLEDNING)
    item = publish_news(
        places,
        "brand-i-bou",
        {"audience_units": ["bou"]},
        {"priority": "kris", "crisis_asks_safety": True},
    )
    only_a = publish_news(
        places, "kris-solglantan", {"audience_units": ["a"]}, {"priority": "kris"}
    )
    # Phones in the directory: Red A's mobile, Chef A's desk phone (her
    # entry as manager, made by the workplace).
    person(places["a"], "red.a", "Red", "A", mobile="070-123 45 67")
    chef_a = places["a"].manager.to_object
    chef_a.phone = "08-746 10 00"
    chef_a.reindexObject()
    person(places["b"], "red.b", "Red", "B", mobile="073-555 00 11")
    uid = item.UID()
    answers.record(uid, "olle.medarbetare", "help", now=at(30))
    answers.record(uid, "olle.medarbetare", "safe", now=at(10))
    answers.record(uid, "red.a", "help", now=at(20))
    answers.record(uid, "red.b", "seen", now=at(15))
    answers.record(uid, "chef.b", "safe", now=at(5))
    answers.record(uid, "webbred", "seen", now=at(5))
    transaction.commit()
    return {"item": item, "only_a": only_a, "places": places}


def followup(login, item):
    return session(login).get(f"{item.absolute_url()}/@kris-uppfoljning")


def figures(counts):
    return {k: v for k, v in counts.items() if v}


def test_krisledning_counts_are_exact_per_unit(crisis):
    answer = followup(KRISLEDNING, crisis["item"])
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["view"] == "krisledning"
    assert data["totals"] == {"help": 1, "safe": 2, "seen": 1, "none": 1, "total": 5}
    assert [
        (
            g["title"],
            figures(g["counts"]),
            [(u["title"], figures(u["counts"])) for u in g["units"]],
        )
        for g in data["groups"]
    ] == [
        (
            "Barn och utbildning",
            {"help": 1, "safe": 2, "seen": 1, "none": 1, "total": 5},
            [
                ("Ekbacken", {"safe": 1, "seen": 1, "total": 2}),
                ("Solgläntan", {"help": 1, "safe": 1, "none": 1, "total": 3}),
            ],
        )
    ]
    # Who needs help: Red A (Olle was in need but is safe now), with her
    # mobile as a labelled tel: link.
    assert [(p["fullname"], p["unit"]) for p in data["help"]] == [
        ("Red A", "Solgläntan")
    ]
    assert data["help"][0]["phones"] == [
        {
            "kind": "mobile",
            "number": "070-123 45 67",
            "tel": "tel:0701234567",
            "label": "Ring Red A, mobil 070-123 45 67",
        }
    ]

    # The page says the same, without JavaScript.
    doc = page(KRISLEDNING, f"{crisis['item'].absolute_url()}/@@uppfoljning")
    table = doc.xpath('//table[contains(@class, "solna-followup-table")]')[0]
    headers = [text(th) for th in table.xpath(".//thead//th")]
    assert headers == [
        "Enhet",
        "Behöver hjälp",
        "I säkerhet",
        "Har sett",
        "Inte svarat",
        "Totalt",
    ]
    rows = [
        [text(cell) for cell in row.xpath("./th|./td")]
        for row in table.xpath(".//tbody/tr|.//tfoot/tr")
    ]
    assert rows == [
        ["Barn och utbildning", "1", "2", "1", "1", "5"],
        ["Ekbacken", "0", "1", "1", "0", "2"],
        ["Solgläntan", "1", "1", "0", "1", "3"],
        ["Alla i målgruppen", "1", "2", "1", "1", "5"],
    ]
    (helped,) = doc.xpath('//ul[contains(@class, "solna-help-list")]/li')
    assert text(helped.xpath('.//*[@class="solna-help-name"]')[0]) == "Red A"
    (call,) = helped.xpath(".//a[starts-with(@href, 'tel:')]")
    assert call.get("href") == "tel:0701234567"
    assert call.get("aria-label") == "Ring Red A, mobil 070-123 45 67"
    assert "Behöver hjälp (1)" in text(doc.xpath("//main")[0])
    # The optional refresh (every 20 s, from REST) is served.
    (script,) = doc.xpath('//script[contains(@src, "followup.js")]')
    assert browser(KRISLEDNING).get(script.get("src")).status_code == 200
    followup_root = doc.xpath('//*[@class="solna-crisis-followup"]')[0]
    assert followup_root.get("data-rest").endswith("/@kris-uppfoljning")

    # Real time: a new answer shows on the next request.
    answers.record(crisis["item"].UID(), "chef.a", "help")
    transaction.commit()
    again = followup(KRISLEDNING, crisis["item"]).json()
    assert again["totals"] == {"help": 2, "safe": 2, "seen": 1, "none": 0, "total": 5}
    assert [p["fullname"] for p in again["help"]] == ["Red A", "Chef A"]

    # Krisläge lists both crises, each linking to its follow-up; the crisis
    # item links there for Krisledning.
    doc = page(KRISLEDNING, f"{portal_url()}/@@krislage")
    links = {
        text(a): a.get("href")
        for a in doc.xpath('//ul[@class="list-group solna-krislage"]//a')
    }
    assert links["Brand i bou"] == f"{crisis['item'].absolute_url()}/@@uppfoljning"
    assert "Kris solglantan" in links
    item_page = page(KRISLEDNING, crisis["item"].absolute_url())
    assert item_page.xpath(
        f'//a[@href="{crisis["item"].absolute_url()}/@@uppfoljning"]'
    )


def test_the_manager_sees_only_her_own_staff(crisis):
    data = followup("chef.a", crisis["item"]).json()
    assert data["view"] == "chef"
    assert data["counts"] == {"help": 1, "safe": 1, "seen": 0, "none": 1, "total": 3}
    names = {
        s["status"]: [p["fullname"] for p in s["people"]] for s in data["statuses"]
    }
    assert names == {
        "help": ["Red A"],
        "none": ["Chef A"],
        "safe": ["Olle Medarbetare"],
        "seen": [],
    }
    assert [s["title"] for s in data["statuses"]] == [
        "Behöver hjälp",
        "Inte svarat",
        "I säkerhet",
        "Har sett",
    ]
    phones = {
        p["fullname"]: [(n["tel"], n["label"]) for n in p["phones"]]
        for s in data["statuses"]
        for p in s["people"]
    }
    assert phones == {
        "Red A": [("tel:0701234567", "Ring Red A, mobil 070-123 45 67")],
        "Chef A": [("tel:087461000", "Ring Chef A, telefon 08-746 10 00")],
        "Olle Medarbetare": [],
    }
    other = followup("chef.b", crisis["item"]).json()
    assert {
        s["status"]: [p["fullname"] for p in s["people"]] for s in other["statuses"]
    } == {
        "help": [],
        "none": [],
        "safe": ["Chef B"],
        "seen": ["Red B"],
    }
    # A crisis meant only for Solgläntan: nothing for Ekbacken's manager.
    assert followup("chef.b", crisis["only_a"]).status_code == 404

    # Chefens sida: the same names, with tel: links, for her units only
    # (the workplace's own crisis "Kris", for all staff, is there too).
    sections = crisis_sections("chef.a")
    assert set(sections) == {"Kris: Brand i bou", "Kris: Kris solglantan", "Kris: Kris"}
    ours = sections["Kris: Brand i bou"]
    listed = {
        block.get("data-status"): [
            text(n) for n in block.xpath('.//*[@class="solna-crisis-person-name"]')
        ]
        for block in ours.xpath(".//div[@data-status]")
    }
    assert listed == {
        "help": ["Red A"],
        "none": ["Chef A"],
        "safe": ["Olle Medarbetare"],
        "seen": [],
    }
    calls = {
        a.get("href"): a.get("aria-label")
        for a in ours.xpath(".//a[starts-with(@href, 'tel:')]")
    }
    assert calls == {
        "tel:0701234567": "Ring Red A, mobil 070-123 45 67",
        "tel:087461000": "Ring Chef A, telefon 08-746 10 00",
    }
    sections_b = crisis_sections("chef.b")
    assert set(sections_b) == {"Kris: Brand i bou", "Kris: Kris"}
    crisis_b = text(sections_b["Kris: Brand i bou"])
    assert "Red B" in crisis_b
    assert "Red A" not in crisis_b
    assert "Olle" not in crisis_b
    rest = session("chef.a").get(f"{portal_url()}/@chefens-sida").json()["crises"]
    by_title = {c["title"]: c for c in rest}
    assert by_title["Brand i bou"]["counts"] == data["counts"]
    assert by_title["Brand i bou"]["statuses"] == data["statuses"]


def crisis_sections(login):
    doc = page(login, f"{portal_url()}/@@chefens-sida")
    return {
        text(s.xpath(".//h2")[0]): s
        for s in doc.xpath('//section[contains(@class, "solna-manager-crisis")]')
    }


@pytest.mark.parametrize("login", ["red.a", "olle.medarbetare"])
def test_others_are_refused(crisis, login):
    """A Redaktör (in the audience, the unit's editor) and a Medarbetare."""
    item = crisis["item"]
    answer = followup(login, item)
    assert answer.status_code == 404
    assert answer.json()["error"]["message"] == (
        "Här finns ingen uppföljning som du får se."
    )
    for url in (f"{item.absolute_url()}/@@uppfoljning", f"{portal_url()}/@@krislage"):
        refused = browser(login).get(url, allow_redirects=False)
        assert refused.status_code in (302, 401, 403, 404), url
        assert "Red A" not in refused.text
    item_page = page(login, item.absolute_url())
    assert not item_page.xpath('//a[contains(@href, "@@uppfoljning")]')
    # News that is no crisis has no follow-up, for Krisledning either.
    plain = crisis["places"]["news"]["alla"]
    assert followup(KRISLEDNING, plain).status_code == 404


def test_lookups_stay_small(crisis, monkeypatch):
    """Chefens sida reads the profiles once for all its crises; phone
    numbers are looked up only in the listed people's own units (none
    without a unit), waking no other directory entry."""
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
    from solna.intranet.crisis.followup import counts
    from solna.intranet.crisis.followup import phones
    from solna.intranet.crisis.followup import Profiles
    from solna.intranet.manager.page import ManagerPage
    from zope.globalrequest import getRequest

    reads, woken = [], []
    read, wake = Profiles._read, AbstractCatalogBrain._unrestrictedGetObject

    def counted_read(self):
        if self._sheets is None:
            reads.append(self)
        return read(self)

    def counted_wake(self):
        woken.append(self.getPath())
        return wake(self)

    monkeypatch.setattr(Profiles, "_read", counted_read)
    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", counted_wake)
    request = getRequest()
    with api.env.adopt_user("chef.a"):
        found = ManagerPage(request).crises()
    assert len(found) == 3  # Brand i bou, Kris solglantan, the workplace's Kris
    assert len(reads) == 1
    unit_a = "/".join(crisis["places"]["a"].getPhysicalPath())
    people = [path for path in woken if "/bou/" in path and path != unit_a]
    assert people
    assert all(p.rsplit("/", 1)[0] == unit_a for p in people)

    # Nobody with a unit: nothing is looked up.
    woken.clear()
    with api.env.adopt_user(KRISLEDNING):
        assert phones(["red.a", "red.b"], request, str, []) == {}
        assert woken == []
        data = counts(crisis["item"], request)
    assert [p["fullname"] for p in data["help"]] == ["Red A"]
    assert data["help"][0]["phones"][0]["number"] == "070-123 45 67"
    entries = [p for p in woken if "/bou/" in p]
    assert entries
    assert all(p.rsplit("/", 1)[0] == unit_a for p in entries)
