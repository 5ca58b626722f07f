"""REST @sok (the page's results, order and facets) and @sok-forslag (the
as-you-type suggestions) over HTTP (tests/fixtures/organisation.py's site)."""

from lxml import html
from tests.fixtures.http import browser
from tests.fixtures.http import get
from tests.fixtures.http import session

import requests


def test_sok_is_the_page_in_json(organisation_site):
    site = organisation_site
    olle = session("olle.medarbetare")
    answer = olle.get(f"{site}/++api++/@sok", params={"q": "semester"})
    assert answer.status_code == 200
    data = answer.json()
    tree = html.fromstring(get(f"{site}/@@search?SearchableText=semester").text)
    page = [
        a.get("href") for a in tree.cssselect("#search-results .solna-search-title")
    ]
    assert [item["@id"] for item in data["items"]] == page
    assert data["items_total"] == len(page)
    assert {"type", "unit", "category", "date"} == set(data["facets"])
    types = {e["value"]: e for e in data["facets"]["type"]}
    assert types["solna.Rule"]["count"] == 1
    assert types["solna.Rule"]["title"] == "Regel"
    assert data["suggestion"] is None
    assert data["corrected"] is False
    # A filter, as on the page.
    rules = olle.get(
        f"{site}/++api++/@sok", params={"q": "semester", "type": "solna.Rule"}
    ).json()
    assert [i["@id"] for i in rules["items"]] == [f"{site}/forvaltning/semester"]
    assert rules["items"][0]["type_title"] == "Regel"
    # A person: the card's fields.
    people = olle.get(f"{site}/++api++/@sok", params={"q": "lediga platser"}).json()
    (maja,) = people["items"]
    assert maja["phone"] == "08-746 12 30"
    assert maja["job_title"] == "Förskolechef"
    # A misspelling: the suggestion's results.
    fixed = olle.get(f"{site}/++api++/@sok", params={"q": "semestr"}).json()
    assert fixed["suggestion"] == "semester"
    assert fixed["corrected"] is True
    assert f"{site}/forvaltning/semester" in [i["@id"] for i in fixed["items"]]
    # Nobody logged in: refused.
    anonymous = requests.get(
        f"{site}/++api++/@sok",
        params={"q": "semester"},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert anonymous.status_code == 401
    # In Swedish, not Zope's "You are not authorized to access this resource."
    assert anonymous.json()["message"] == "Logga in för att se det här."
    missing = olle.get(f"{site}/++api++/finns-inte")
    assert missing.status_code == 404
    assert missing.json()["message"] == (
        f"Det finns inget på adressen {site}/++api++/finns-inte."
    )
    # Plone's feed links in <head>: no bytes' repr ("b'RSS 2.0'").
    home = html.fromstring(browser("olle.medarbetare").get(site).text)
    feeds = [link.get("title") for link in home.cssselect("link[rel=alternate]")]
    assert feeds
    assert all("b'" not in title for title in feeds), feeds
    assert any(title.endswith(" - RSS 2.0") for title in feeds), feeds


def test_suggestions(organisation_site):
    site = organisation_site
    olle = session("olle.medarbetare")

    def suggested(q):
        answer = olle.get(f"{site}/++api++/@sok-forslag", params={"q": q})
        assert answer.status_code == 200
        return answer.json()["items"]

    (maja,) = suggested("maj")
    assert maja["title"] == "Maja Berg"
    assert maja["@type"] == "solna.Person"
    assert maja["job_title"] == "Förskolechef"
    titles = [i["title"] for i in suggested("semes")]
    assert "Hur många semesterdagar har jag?" in titles
    assert "Semester" in titles
    assert "Maja Berg" in [i["title"] for i in suggested("Ma")]  # 2: a prefix
    assert suggested("s") == []  # fewer than two characters
    assert suggested("sofia") == []  # protected
