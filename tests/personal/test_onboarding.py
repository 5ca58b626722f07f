"""A member whose unit or profession is not set is asked to choose them on
Mitt intranät; they can skip it, and change them later."""

from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import page
from tests.fixtures.http import portal_url
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.http import token

import transaction


def onboarding(doc):
    return doc.xpath('//section[contains(@class, "solna-onboarding")]')


def choose(s, **data):
    url = f"{portal_url()}/@@valj-enhet"
    return s.post(url, data={"_authenticator": token(s, url), **data})


def test_member_without_a_unit_is_asked_to_choose_one(workplace_news):
    # webbred has neither unit nor profession: the feed is all staff's news.
    doc = page("webbred", portal_url())
    (section,) = onboarding(doc)
    assert "Var arbetar du?" in text(section)
    units = [o.text for o in section.xpath('.//select[@name="unit"]/option')]
    assert "Barn och utbildning › Solgläntan" in units
    # olle has both: not asked.
    assert onboarding(page("olle.medarbetare", portal_url())) == []
    data = rest("webbred").get(f"{portal_url()}/@mitt-intranat").json()
    assert data["onboarding"]["needed"] is True
    assert [i["@id"].rsplit("/", 1)[1] for i in data["news"]] == ["alla"]


def test_choosing_gives_the_feed_of_that_unit_and_profession(workplace_news):
    s = browser("webbred")
    ekbacken = api.content.get_uuid(workplace_news["places"]["b"])
    response = choose(s, unit=ekbacken, profession="barnskotare", save="1")
    assert response.status_code == 200
    assert "Nu visar Mitt intranät det som gäller dig" in response.text
    doc = html.fromstring(response.text)
    assert onboarding(doc) == []
    news = [
        a.get("href").rsplit("/", 1)[1]
        for a in doc.xpath('//section[contains(@class,"solna-news")]//h3//a')
    ]
    assert news == ["alla", "for-ekbacken", "for-barnskotare-i-bou"]
    transaction.begin()  # see what the server stored
    user = api.user.get(userid="webbred")
    assert user.getProperty("unit") == ekbacken
    assert user.getProperty("profession") == "barnskotare"


def test_bad_choice_gets_a_swedish_error_and_saves_nothing(workplace_news):
    s = browser("olle.medarbetare")
    response = choose(s, unit="no-such-unit", profession="barnskotare", save="1")
    doc = html.fromstring(response.text)
    (error,) = doc.xpath('//*[@id="solna-choice-unit-error"]')
    assert text(error) == "Välj en enhet i listan."
    # What was chosen stays chosen in the form; nothing is stored.
    (selected,) = doc.xpath('//select[@name="profession"]/option[@selected]')
    assert selected.get("value") == "barnskotare"
    transaction.begin()
    user = api.user.get(userid="olle.medarbetare")
    assert user.getProperty("profession") == "forskollarare"
    response = rest("olle.medarbetare").post(
        f"{portal_url()}/@valj-enhet",
        json={
            "unit": api.content.get_uuid(workplace_news["places"]["b"]),
            "profession": "astronaut",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Välj ett yrke i listan."


def test_skip_keeps_a_small_way_back(workplace_news):
    s = browser("webbred")
    response = choose(s, skip="1")
    doc = html.fromstring(response.text)
    assert onboarding(doc) == []
    (later,) = doc.xpath('//p[contains(@class, "solna-onboarding-later")]')
    assert "inte har valt enhet och yrke" in text(later)
    assert later.xpath(".//a")[0].get("href").endswith("/@@valj-enhet")
    # Skipping is remembered on the phone (a cookie), not stored in the site.
    assert s.cookies.get("solna_onboarding") == "1"
    transaction.begin()
    assert api.user.get(userid="webbred").getProperty("unit") == ""


def test_change_unit_later(workplace_news):
    s = browser("olle.medarbetare")
    doc = html.fromstring(s.get(portal_url()).text)
    (link,) = doc.xpath('//a[normalize-space()="Byt enhet eller yrke"]')
    form = html.fromstring(s.get(link.get("href")).text)
    (selected,) = form.xpath('//select[@name="unit"]/option[@selected]')
    assert selected.get("value") == api.content.get_uuid(workplace_news["places"]["a"])
    response = rest("olle.medarbetare").post(
        f"{portal_url()}/@valj-enhet",
        json={
            "unit": api.content.get_uuid(workplace_news["places"]["b"]),
            "profession": "forskollarare",
        },
    )
    assert response.status_code == 200
    feed = rest("olle.medarbetare").get(f"{portal_url()}/@mitt-intranat").json()
    assert feed["unit"]["title"] == "Ekbacken"
    assert "for-ekbacken" in [i["@id"].rsplit("/", 1)[1] for i in feed["news"]]


def test_both_unit_and_profession_are_needed(workplace_news):
    s = browser("webbred")
    ekbacken = api.content.get_uuid(workplace_news["places"]["b"])
    doc = html.fromstring(choose(s, unit=ekbacken, save="1").text)
    (error,) = doc.xpath('//*[@id="solna-choice-profession-error"]')
    assert text(error) == "Välj ditt yrke."
    (selected,) = doc.xpath('//select[@name="unit"]/option[@selected]')
    assert selected.get("value") == ekbacken
    transaction.begin()
    assert api.user.get(userid="webbred").getProperty("unit") == ""
    response = rest("webbred").post(f"{portal_url()}/@valj-enhet", json="x")
    assert response.status_code == 400
    assert "JSON-objekt" in response.json()["message"]  # plone.rest's shape
    response = rest("webbred").post(f"{portal_url()}/@valj-enhet", json={})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Välj din enhet."
