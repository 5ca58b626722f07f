"""Scheduled publishing: a published item with a publish date in the future
is not visible to staff until then, and an item whose expiry date has passed
leaves listings and its address; editors still reach both.

Plone's catalog counts publishing dates in whole minutes, so the test lets
the next minute begin: it moves the clock the site reads (DateTime's "now",
which the catalog's publishing dates and the item's address check ask) to
just after it, instead of waiting for it (40 seconds on average)."""

from DateTime import DateTime
from plone import api
from tests.fixtures.http import session

import sys
import time
import transaction


def _published_news(places, title, **dates):
    with api.env.adopt_roles(["Manager"]):
        news = api.content.create(
            container=places["news"], type="News Item", title=title, audience_all=True
        )
        for name, value in dates.items():
            getattr(news, name)(value)
        api.content.transition(news, to_state="published")
        news.reindexObject()
    transaction.commit()
    return news.absolute_url()


def titles_found(login, portal_url):
    found = session(login).get(
        f"{portal_url}/@search", params={"portal_type": "News Item"}
    )
    return sorted(item["title"] for item in found.json()["items"])


def next_minute():
    """The start of the next minute at least ten seconds away (seconds)."""
    now = time.time()
    boundary = (now // 60 + 1) * 60
    return boundary if boundary - now >= 10 else boundary + 60


def test_an_item_appears_and_expires_on_time(functional_portal, site, monkeypatch):
    portal_url = functional_portal.absolute_url()
    boundary = next_minute()
    appears = _published_news(
        site, "Ny lönerevision", setEffectiveDate=DateTime(boundary + 1)
    )
    later = _published_news(
        site, "Julbord på stadshuset", setEffectiveDate=DateTime(boundary + 86400)
    )
    expires = _published_news(
        site, "Anmälan till friskvård", setExpirationDate=DateTime(boundary - 1)
    )
    staff = session("olle.medarbetare")

    # Before: staff do not see what appears later, nor at its address.
    assert titles_found("olle.medarbetare", portal_url) == ["Anmälan till friskvård"]
    assert staff.get(appears).status_code == 404
    assert staff.get(later).status_code == 404
    assert staff.get(expires).status_code == 200
    # The communicators (editors) do, to check what is coming.
    assert len(titles_found("kommunikator", portal_url)) == 3
    assert session("kommunikator").get(later).status_code == 200

    ahead = max(0.0, boundary + 1.5 - time.time())
    clock = sys.modules["DateTime.DateTime"]  # the module, not the class
    monkeypatch.setattr(clock, "_system_time", lambda: time.time() + ahead)
    assert DateTime().millis() / 1000 >= boundary + 1.5
    # On time: the first appears, the other has expired; tomorrow's waits.
    assert titles_found("olle.medarbetare", portal_url) == ["Ny lönerevision"]
    assert staff.get(appears).status_code == 200
    assert staff.get(expires).status_code == 404
    assert staff.get(later).status_code == 404
    # The classic page says "not found" too.
    staff.headers["Accept"] = "text/html"
    assert staff.get(later).status_code == 404
    assert session("kommunikator").get(expires).status_code == 200
