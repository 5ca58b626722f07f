"""Mina favoriter: staff save any page with the star under its title and
find it on Mitt intranät (and in REST @favoriter); each member's own."""

from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import page
from tests.fixtures.http import portal_url
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.http import token

import transaction


def star(s, obj, remove=False):
    data = {"_authenticator": token(s, obj.absolute_url())}
    if remove:
        data["remove"] = "1"
    return s.post(f"{obj.absolute_url()}/@@favoriter", data=data)


def favorites_on_start_page(login):
    doc = page(login, portal_url())
    (section,) = doc.xpath('//section[contains(@class, "solna-favorites")]')
    return [text(a) for a in section.xpath(".//a")]


def test_save_a_page_and_find_it_on_the_start_page(workplace_news):
    places = workplace_news["places"]
    s = browser("olle.medarbetare")
    response = star(s, places["b"])
    assert "Sparad i Mina favoriter." in response.text
    buttons = html.fromstring(response.text).xpath(
        '//form[contains(@class,"solna-favorite")]//button'
    )
    assert [text(b) for b in buttons] == ["★ Ta bort från Mina favoriter"]
    star(s, workplace_news["news"]["alla"])
    assert favorites_on_start_page("olle.medarbetare") == ["Alla", "Ekbacken"]
    data = rest("olle.medarbetare").get(f"{portal_url()}/@favoriter").json()
    assert [i["title"] for i in data["items"]] == ["Alla", "Ekbacken"]
    # Another member's favourites are their own.
    assert favorites_on_start_page("red.b") == []
    # Removed again.
    star(s, places["b"], remove=True)
    assert favorites_on_start_page("olle.medarbetare") == ["Alla"]


def test_rest_save_and_remove(workplace_news):
    uid = api.content.get_uuid(workplace_news["places"]["a"])
    api_session = rest("red.b")
    response = api_session.post(f"{portal_url()}/@favoriter", json={"UID": uid})
    assert response.status_code == 201
    assert [i["UID"] for i in response.json()["items"]] == [uid]
    response = api_session.post(f"{portal_url()}/@favoriter", json={"UID": "nope"})
    assert response.status_code == 400
    assert (
        response.json()["error"]["message"] == "Det finns ingen sådan sida att spara."
    )
    assert api_session.delete(f"{portal_url()}/@favoriter/{uid}").status_code == 204
    assert api_session.get(f"{portal_url()}/@favoriter").json()["items"] == []


def test_a_page_no_longer_visible_is_not_listed(workplace_news):
    places = workplace_news["places"]
    with api.env.adopt_roles(["Manager"]):
        draft = api.content.create(
            container=places["a"], type="Document", id="utkast", title="Utkast"
        )
        api.content.transition(draft, to_state="published")
    transaction.commit()
    star(browser("olle.medarbetare"), draft)
    assert favorites_on_start_page("olle.medarbetare") == ["Utkast"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(draft, to_state="archived")
    transaction.commit()
    assert favorites_on_start_page("olle.medarbetare") == []


def test_the_old_address_of_the_star_still_saves(workplace_news):
    """@@favorit was the star's address before it took the name of the list
    (@@favoriter, REST @favoriter): a page open since then still works."""
    s = browser("olle.medarbetare")
    place = workplace_news["places"]["b"]
    data = {"_authenticator": token(s, place.absolute_url())}
    response = s.post(f"{place.absolute_url()}/@@favorit", data=data)
    assert "Sparad i Mina favoriter." in response.text
    assert favorites_on_start_page("olle.medarbetare") == ["Ekbacken"]


def test_the_star_is_only_on_content(site):
    """Issue 18: "Spara i Mina favoriter" stood on Personlig information and
    the dashboard (Plone's pages on the site root: saving one saved the
    start page). It stays on a unit's and a news item's page."""
    for address in ("@@personal-information", "dashboard", ""):
        shown = browser("olle.medarbetare").get(f"{portal_url()}/{address}")
        assert shown.status_code == 200, address
        assert "Spara i Mina favoriter" not in text(html.fromstring(shown.text)), (
            address
        )
    unit = page("olle.medarbetare", site["a"].absolute_url())
    assert "Spara i Mina favoriter" in text(unit)
