"""Pages stay small however many news items there are: navigation never lists
news, unit pages show only the latest few. (With the large data set, 20,000
news, `scripts/benchmark_pages.py` prints the same figures.)"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import requests
import transaction


MORE = 40  # news added to the unit and to the news folder each


def sizes(urls):
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    return [len(requests.get(url, auth=auth, timeout=60).content) for url in urls]


def add_news(container, start, count):
    with api.env.adopt_roles(["Manager"]):
        for i in range(start, start + count):
            item = api.content.create(
                container=container,
                type="News Item",
                id=f"nyhet-{i:04d}",
                title=f"Nyhet nummer {i:04d}",
            )
            api.content.transition(item, to_state="published")
    transaction.commit()


def test_pages_do_not_grow_with_the_number_of_news(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(
            container=portal, type="solna.Unit", id="enheten", title="Enheten"
        )
        news = api.content.create(
            container=portal, type="Folder", id="nyheter", title="Nyheter"
        )
        for obj in (unit, news):
            api.content.transition(obj, to_state="published")
    add_news(unit, 0, 5)  # for the unit (written in it)
    add_news(news, 5, 10)  # for all staff: the start page's list is full
    urls = [
        portal.absolute_url(),
        unit.absolute_url(),
        f"{unit.absolute_url()}/nyhet-0000",
    ]
    before = sizes(urls)
    # Many more than any page lists (a unit page the latest 5, the start
    # page 10): a list or a navigation that is not limited would grow by
    # 40 entries of some hundred bytes each, far past the 1,500 allowed.
    add_news(unit, 15, MORE)
    add_news(news, 15 + MORE, MORE)
    after = sizes(urls)
    for url, small, large in zip(urls, before, after, strict=True):
        assert large - small < 1500, (url, small, large)
        assert large < 80_000, (url, large)
