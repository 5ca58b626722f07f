"""Mitt intranät: two members in different units and professions see exactly
the news meant for them, each with the reason why, in the page and in REST
@mitt-intranat alike."""

from plone import api
from tests.fixtures.http import page
from tests.fixtures.http import portal_url
from tests.fixtures.http import session as rest
from tests.fixtures.http import text

import pytest
import transaction


SECTIONS = {
    "crisis": "solna-crisis",
    "must_read": "solna-must-read-list",
    "news": "solna-news",
}

#: (member, section) → {news id: reasons}
EXPECTED = {
    "olle.medarbetare": {
        "crisis": {"kris": ["till alla medarbetare"]},
        "must_read": {"las-solglantan": ["för att du arbetar på Solgläntan"]},
        "news": {
            "alla": ["till alla medarbetare"],
            "for-solglantan": ["för att du arbetar på Solgläntan"],
            "for-forskollarare": ["för att du är förskollärare"],
        },
    },
    "red.b": {
        "crisis": {"kris": ["till alla medarbetare"]},
        "must_read": {},
        "news": {
            "alla": ["till alla medarbetare"],
            "for-ekbacken": ["för att du arbetar på Ekbacken"],
            "for-barnskotare-i-bou": [
                "för att du är barnskötare inom Barn och utbildning"
            ],
        },
    },
}


def page_feed(login):
    """{section: [(news id, [reasons])]} as the start page shows it."""
    doc = page(login, portal_url())
    feed = {}
    for name, css in SECTIONS.items():
        feed[name] = [
            (
                item.xpath(".//h3//a")[0].get("href").rsplit("/", 1)[1],
                [
                    text(li)
                    for li in item.xpath('.//details[@class="solna-why small"]//li')
                ],
            )
            for item in doc.xpath(f'//section[contains(@class, "{css}")]//article')
        ]
    return feed


def rest_feed(login):
    data = rest(login).get(f"{portal_url()}/@mitt-intranat").json()
    return {
        name: [(item["@id"].rsplit("/", 1)[1], item["reasons"]) for item in data[name]]
        for name in SECTIONS
    }


@pytest.mark.parametrize("login", sorted(EXPECTED))
def test_each_member_sees_exactly_their_own_news_with_reasons(workplace_news, login):
    feed = page_feed(login)
    for section, expected in EXPECTED[login].items():
        assert dict(feed[section]) == expected, section


@pytest.mark.parametrize("login", sorted(EXPECTED))
def test_rest_returns_the_same_feed_as_the_page(workplace_news, login):
    assert rest_feed(login) == page_feed(login)


def test_news_newest_first_and_crisis_on_top(workplace_news):
    feed = page_feed("olle.medarbetare")
    assert [i for i, _ in feed["news"]] == [
        "alla",
        "for-solglantan",
        "for-forskollarare",
    ]
    doc = page("olle.medarbetare", portal_url())
    sections = [
        s.get("class")
        for s in doc.xpath('//div[contains(@class,"solna-start")]//section')
    ]
    assert "solna-crisis" in sections[0]


def test_news_for_hr_reaches_nobody_in_preschools(workplace_news):
    for login in EXPECTED:
        everything = [i for items in rest_feed(login).values() for i, _ in items]
        assert "for-hr" not in everything


def test_visa_alla_nyheter_pages_all_of_it(workplace_news):
    doc = page("red.b", portal_url())
    (link,) = doc.xpath('//a[normalize-space()="Visa alla nyheter"]')
    mine = page("red.b", link.get("href"))
    listed = {a.get("href").rsplit("/", 1)[1] for a in mine.xpath("//article//h3//a")}
    assert listed == {"kris", "alla", "for-ekbacken", "for-barnskotare-i-bou"}
    everything = page("red.b", link.get("href") + "?alla=1")
    listed = {
        a.get("href").rsplit("/", 1)[1] for a in everything.xpath("//article//h3//a")
    }
    assert listed == set(workplace_news["news"])
    data = rest("red.b").get(f"{portal_url()}/@nyheter").json()
    assert {i["@id"].rsplit("/", 1)[1] for i in data["items"]} == {
        "kris",
        "alla",
        "for-ekbacken",
        "for-barnskotare-i-bou",
    }


def test_unit_card_with_manager_and_phone(workplace_news):
    unit = workplace_news["places"]["a"]
    unit.phone = "08-746 10 00"
    unit.visiting_address = "Skogsvägen 3"
    unit.manager.to_object.phone = "08-746 10 01"
    transaction.commit()
    doc = page("olle.medarbetare", portal_url())
    (card,) = doc.xpath('//section[contains(@class, "solna-unit-card")]')
    assert "Solgläntan" in text(card)
    assert "Chef A" in text(card)
    assert "Skogsvägen 3" in text(card)
    tels = [a.get("href") for a in card.xpath(".//a[starts-with(@href, 'tel:')]")]
    assert tels == ["tel:087461001", "tel:087461000"]
    card = rest("olle.medarbetare").get(f"{portal_url()}/@mitt-intranat").json()["unit"]
    assert card["manager"]["fullname"] == "Chef A"
    assert card["tel"] == "tel:087461000"


def test_shortcuts_and_chefens_sida_for_managers(workplace_news):
    def shortcuts(login):
        doc = page(login, portal_url())
        return [
            text(a) for a in doc.xpath('//nav[contains(@class,"solna-shortcuts")]//a')
        ]

    assert shortcuts("olle.medarbetare") == [
        "Blanketter och e-tjänster",
        "Mina ärenden",
        "Anställningsvillkor: frågor och svar",
        "Hitta kontakt",
        "Nätverk",
    ]
    assert "Chefens sida" not in shortcuts("chef.a")
    # A manager has their page at the top instead.
    (link,) = page("chef.a", portal_url()).xpath(
        '//a[contains(@class, "solna-manager-link")]'
    )
    assert text(link) == "Chefens sida"
    assert (
        page("olle.medarbetare", portal_url()).xpath(
            '//a[contains(@class, "solna-manager-link")]'
        )
        == []
    )
    assert (
        rest("olle.medarbetare")
        .get(f"{portal_url()}/@mitt-intranat")
        .json()["manager_page"]
        is None
    )


def test_latest_activity_in_my_communities(workplace_news):
    from solna.intranet.dialogue.communities.membership import join
    from solna.intranet.dialogue.setup import create_communities_folder

    with api.env.adopt_roles(["Manager"]):
        folder = create_communities_folder()
        mine = api.content.create(
            container=folder, type="solna.Community", id="mitt", title="Mitt nätverk"
        )
        other = api.content.create(
            container=folder, type="solna.Community", id="annat", title="Annat nätverk"
        )
        join(mine, "olle.medarbetare")
        for community, title in ((mine, "Utedagar"), (other, "Inte för Olle")):
            api.content.create(container=community, type="solna.Topic", title=title)
    transaction.commit()
    data = rest("olle.medarbetare").get(f"{portal_url()}/@mitt-intranat").json()
    assert [e["title"] for e in data["communities"]] == ["Utedagar"]
    doc = page("olle.medarbetare", portal_url())
    (section,) = doc.xpath('//section[contains(@class, "solna-activity")]')
    assert "Utedagar" in text(section)
    assert "Inte för Olle" not in text(section)
    assert (
        rest("red.b").get(f"{portal_url()}/@mitt-intranat").json()["communities"] == []
    )


def test_start_page_news_come_from_the_last_month(workplace_news):
    """The start page asks for the last 30 days' news; older news only
    when the month brought fewer than ten."""
    from tests.fixtures.news import publish_news

    places = workplace_news["places"]
    publish_news(places, "gammal", {"audience_all": True}, {}, hours_ago=40 * 24)
    transaction.commit()

    def news_ids():
        data = rest("olle.medarbetare").get(f"{portal_url()}/@mitt-intranat").json()
        return [i["@id"].rsplit("/", 1)[1] for i in data["news"]]

    assert news_ids()[-1] == "gammal"  # a quiet month: the old one shows
    for n in range(10):
        publish_news(places, f"ny-{n}", {"audience_all": True}, {}, hours_ago=20 + n)
    transaction.commit()
    assert "gammal" not in news_ids()
    assert len(news_ids()) == 10


def test_scheduled_and_expired_news_stay_off_without_a_date_range(
    workplace_news, date_ranges
):
    """Mitt intranät finds the news in effect without asking the catalog for
    a publishing-date range over all news (catalog.search, issue 21): news
    scheduled for tomorrow and news that expired yesterday do not show, the
    scheduled ones do not crowd out the ten newest, and none of the page's
    queries reads Plone's effectiveRange index."""
    from DateTime import DateTime
    from tests.fixtures.news import publish_news

    places = workplace_news["places"]
    for n in range(12):
        publish_news(
            places, f"ny-{n}", {"audience_all": True}, {}, hours_ago=(n + 1) / 20
        )
    for n in range(12):
        publish_news(
            places, f"senare-{n}", {"audience_all": True}, {}, hours_ago=-24 - n
        )
    expired = publish_news(places, "utgangen", {"audience_all": True}, {})
    expired.setExpirationDate(DateTime() - 1)
    expired.reindexObject()
    transaction.commit()

    date_ranges.clear()  # what setting up asked
    data = rest("olle.medarbetare").get(f"{portal_url()}/@mitt-intranat").json()
    news = [i["@id"].rsplit("/", 1)[1] for i in data["news"]]
    assert news == [f"ny-{n}" for n in range(10)]
    assert date_ranges == []


def test_colleagues_share_the_feed_but_never_what_they_may_not_see(
    workplace_news, monkeypatch
):
    """The news lists of Mitt intranät are kept in memory for colleagues
    with the same audience and the same rights (issue 21): a second
    förskollärare at Solgläntan is served without a news query, a
    Webbredaktör who may see news scheduled for tomorrow sees it, and the
    staff member asking after her with the same audience does not."""
    from Products.ZCatalog.ZCatalog import ZCatalog
    from tests.fixtures.news import publish_news
    from tests.fixtures.news import set_profile
    from tests.fixtures.staff import create_staff

    places = workplace_news["places"]
    publish_news(places, "imorgon", {"audience_all": True}, {}, hours_ago=-24)
    solglantan = api.content.get_uuid(places["a"])
    create_staff({"olle.kollega": ()})
    set_profile("olle.kollega", solglantan, "forskollarare")
    set_profile("webbred", solglantan, "forskollarare")
    transaction.commit()

    def news_ids(login):
        data = rest(login).get(f"{portal_url()}/@mitt-intranat").json()
        return [i["@id"].rsplit("/", 1)[1] for i in data["news"]]

    assert "imorgon" in news_ids("webbred")
    olle = news_ids("olle.medarbetare")
    assert "imorgon" not in olle
    assert "alla" in olle

    asked = []
    original = ZCatalog.searchResults

    def searchResults(self, query=None, **kw):
        asked.append({**(query or {}), **kw})
        return original(self, query, **kw)

    monkeypatch.setattr(ZCatalog, "searchResults", searchResults)
    assert news_ids("olle.kollega") == olle
    # (The crisis banner of every page asks for itself.)
    assert not [q for q in asked if "audience" in q and "crisis_open" not in q]
