"""News written in a unit is for that unit unless someone who may address
all staff says otherwise; only Kommunikatörer and Webbredaktörer may choose
Alla medarbetare, on every route (the add form, REST, quick news)."""

from lxml import html
from plone import api
from tests.fixtures.http import session

import transaction


def create(login, place, **fields):
    created = session(login).post(
        place.absolute_url(), json={"@type": "News Item", "title": "Nytt", **fields}
    )
    assert created.status_code == 201, created.text
    return created.json()["@id"]


def audience(url):
    transaction.begin()
    portal_url = api.portal.get().absolute_url()
    item = api.content.get(path=url[len(portal_url) :])
    return item.audience_all, list(item.audience_units or ())


def test_news_in_a_unit_is_for_that_unit(site):
    unit_a = site["a"].UID()
    # A unit's editor: for the unit, and cannot address all staff.
    assert audience(create("red.a", site["a"])) == (False, [unit_a])
    assert audience(create("red.a", site["a"], audience_all=True)) == (
        False,
        [unit_a],
    )
    # The unit's manager likewise.
    assert audience(create("chef.a", site["a"], audience_all=True)) == (
        False,
        [unit_a],
    )
    # A Kommunikatör writing in the unit: for the unit, unless they choose.
    assert audience(create("kommunikator", site["a"])) == (False, [unit_a])
    assert audience(create("kommunikator", site["a"], audience_all=True))[0] is True
    # Outside every unit (the news folder): all staff, for those who may.
    assert audience(create("webbred", site["news"])) == (True, [])


def test_the_add_form_offers_all_staff_only_to_those_who_may(site):
    def add_form(login, place):
        s = session(login)
        s.headers["Accept"] = "text/html"
        page = s.get(f"{place.absolute_url()}/++add++News Item")
        assert page.status_code == 200, login
        return html.fromstring(page.text)

    editor = add_form("red.a", site["a"])
    assert not editor.xpath('//input[contains(@name, "audience_all")]')
    chosen = editor.xpath(
        '//select[contains(@name, "audience_units")]//option[@selected]/@value'
    )
    assert chosen == [site["a"].UID()]
    communicator = add_form("kommunikator", site["a"])
    assert communicator.xpath('//input[contains(@name, "audience_all")]')
