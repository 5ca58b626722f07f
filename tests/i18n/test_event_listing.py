"""Evenemangslista (plone.app.event's event_listing, offered in Välj vy) in
Swedish (issue 18, fourth trial, finding 10: "Future events", "Past",
"iCal" on the site's start page once an editor chose it)."""

from datetime import datetime
from datetime import timedelta
from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import text

import pytz
import transaction


def test_evenemangslista_is_swedish(site):
    zone = pytz.timezone("Europe/Stockholm")
    start = zone.localize(
        datetime.now().replace(hour=14, minute=0, second=0, microsecond=0)
    )
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=site["a"], type="Folder", title="Kalender"
        )
        api.content.create(
            container=folder,
            type="Event",
            title="Arbetsplatsträff",
            start=start + timedelta(days=3),
            end=start + timedelta(days=3, hours=1),
        )
        for obj in folder.objectValues():
            api.content.transition(obj, to_state="published")
        api.content.transition(folder, to_state="published")
        folder.setLayout("event_listing")
    transaction.commit()

    answer = browser("webbred").get(folder.absolute_url())
    assert answer.status_code == 200, answer.status_code
    page = html.fromstring(answer.text)
    heading = text(page.cssselect("h1")[0])
    links = [text(a) for a in page.cssselect(".mode_selector a")]
    shown = text(page.cssselect("#content")[0])
    assert heading == "Kommande evenemang"
    assert links == ["Tidigare", "Kalender (iCal)"]
    assert page.cssselect(".mode_ical")[0].get("title") == (
        "Hämta till din kalender (iCal-fil)"
    )
    assert "Arbetsplatsträff" in shown
    assert " till " in text(page.cssselect(".documentByLine")[0])
    for english in ("Future events", "Past", "iCal format", " from ", " to "):
        assert english not in shown

    past = html.fromstring(
        browser("webbred").get(f"{folder.absolute_url()}?mode=past").text
    )
    assert text(past.cssselect("h1")[0]) == "Tidigare evenemang"
    assert text(past.cssselect(".mode_selector a")[0]) == "Kommande"
