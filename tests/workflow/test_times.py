"""Times staff can trust: a date-time a person types means Stockholm time,
in the edit form and over REST, in winter and in summer; an explicit
offset is kept; REST gives back the same instant. Times shown are
Stockholm time in Swedish ("29 dec. 2026 kl. 18.11"). The test process
runs in UTC, as a server in a container does."""

from lxml import html
from plone import api
from tests.fixtures.comments import comment
from tests.fixtures.http import session

import datetime
import pytest
import re
import transaction


#: What is typed, and the instant it means (UTC), winter and summer time.
SEASONS = {
    "winter": ("2027-01-15T17:21", datetime.datetime(2027, 1, 15, 16, 21)),
    "summer": ("2027-07-15T17:21", datetime.datetime(2027, 7, 15, 15, 21)),
}


def utc(value):
    """REST's ISO date-time as a naive UTC datetime."""
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)


def effective_of(url):
    return utc(session("webbred").get(url).json()["effective"])


def create_news(place, **fields):
    created = session("webbred").post(
        place.absolute_url(), json={"@type": "News Item", "title": "Tid", **fields}
    )
    assert created.status_code == 201, created.text
    return created.json()["@id"]


@pytest.mark.parametrize("season", sorted(SEASONS))
def test_rest_without_an_offset_means_stockholm(site, season):
    typed, instant = SEASONS[season]
    url = create_news(site["news"], effective=typed, expires=typed)
    assert effective_of(url) == instant
    patched = session("webbred").patch(url, json={"effective": typed})
    assert patched.status_code == 204, patched.text
    assert effective_of(url) == instant
    assert utc(session("webbred").get(url).json()["expires"]) == instant


def test_explicit_offsets_are_kept(site):
    url = create_news(site["news"], effective="2027-01-15T17:21:00+01:00")
    assert effective_of(url) == datetime.datetime(2027, 1, 15, 16, 21)
    session("webbred").patch(url, json={"effective": "2027-01-15T17:21:00Z"})
    assert effective_of(url) == datetime.datetime(2027, 1, 15, 17, 21)
    bad = session("webbred").patch(url, json={"effective": "i morgon"})
    assert bad.status_code == 400
    assert "ÅÅÅÅ" in bad.text or "YYYY" in bad.text or "2027-01-31T17:30" in bad.text


@pytest.mark.parametrize("season", sorted(SEASONS))
def test_publishing_with_a_date_over_rest_means_stockholm(site, season):
    typed, instant = SEASONS[season]
    url = create_news(site["news"])
    published = session("webbred").post(
        f"{url}/@workflow/publish", json={"effective": typed}
    )
    assert published.status_code == 200, published.text
    assert effective_of(url) == instant


@pytest.mark.parametrize("season", sorted(SEASONS))
def test_the_edit_form_means_stockholm_and_shows_it_back(site, season):
    typed, instant = SEASONS[season]
    url = create_news(site["news"])
    s = session("webbred")
    s.headers["Accept"] = "text/html"
    page = html.fromstring(s.get(f"{url}/@@edit").text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.save"]]')
    fields = dict(form.form_values())
    (name,) = [n for n in fields if n.endswith(".effective")]
    fields[name] = typed
    fields["form.buttons.save"] = "Spara"
    saved = s.post(form.get("action"), data=fields)
    assert saved.status_code == 200
    assert effective_of(url) == instant
    again = html.fromstring(s.get(f"{url}/@@edit").text)
    (shown,) = again.xpath(f'//input[@name="{name}"]')
    assert shown.get("value").startswith(typed)


def test_times_are_shown_in_stockholm_time_in_swedish(site, news):
    """Comment times on the page and in REST, the moderation queue and the
    notices: "15 jan. 2027 kl. 17.21" style, never UTC."""
    comment("olle.medarbetare", news, "Klockan?")
    transaction.begin()
    from plone.app.discussion.interfaces import IConversation

    (posted,) = IConversation(news).getComments()
    posted.creation_date = datetime.datetime(2027, 1, 15, 16, 21, tzinfo=datetime.UTC)
    posted.solna_reports = [
        {
            "reporter": "red.b",
            "reason": "Test",
            "time": datetime.datetime(2027, 7, 15, 15, 21, tzinfo=datetime.UTC),
        }
    ]
    posted.reindexObject()
    transaction.commit()
    page = session("red.b")
    page.headers["Accept"] = "text/html"
    assert "15 jan. 2027 kl. 17.21" in page.get(news.absolute_url()).text
    listed = session("red.b").get(f"{news.absolute_url()}/@comments").json()
    assert listed["items"][0]["creation_date_display"] == "15 jan. 2027 kl. 17.21"
    queue = session("chef.a").get(f"{site['a'].absolute_url()}/@moderering").json()
    (entry,) = queue["items"]
    assert entry["created_display"] == "15 jan. 2027 kl. 17.21"
    assert entry["reports"][0]["time_display"] == "15 juli 2027 kl. 17.21"
    notices = session("olle.medarbetare").get(
        f"{api.portal.get().absolute_url()}/@notiser"
    )
    for notice in notices.json()["items"]:
        assert " kl. " in notice["time_display"]


def test_plones_own_dates_are_stockholm_time_in_swedish(site):
    """The byline's dates (Plone's ulocalized_time), and Plone's date
    formats everywhere: never the server's UTC, never ISO."""
    from DateTime import DateTime
    from plone.base.i18nl10n import ulocalized_time
    from solna.intranet.dates import display_date

    url = create_news(site["news"])
    s = session("webbred")
    s.headers["Accept"] = "text/html"
    byline = html.fromstring(s.get(url).text).xpath('//*[@id="section-byline"]')
    text = " ".join(byline[0].text_content().split())
    assert display_date(DateTime()) in text  # "Senast ändrad 29 nov. 2026"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
    transaction.begin()
    portal = api.portal.get()
    moment = DateTime("2027-07-15T15:21:00+00:00")
    assert ulocalized_time(moment, long_format=True, context=portal) == (
        "15 juli 2027 kl. 17.21"
    )
    assert ulocalized_time(moment, context=portal) == "15 juli 2027"
    assert ulocalized_time(moment, time_only=True, context=portal) == "17.21"


def test_one_swedish_format_for_a_date_and_for_a_date_and_time(site):
    """Issue 18: staff pages showed "1 dec. 2026 11:32", "1 dec 2026 kl.
    11.32" and "2026-11-30". One format for a date and time, one for a
    date (dates.py: Språkrådet's "kl." and 11.32, CLDR's Swedish month
    abbreviations with their full stop, as browsers write them)."""
    from solna.intranet.dates import display
    from solna.intranet.dates import display_date

    moment = datetime.datetime(2026, 12, 1, 10, 32, tzinfo=datetime.UTC)
    assert display(moment, language="sv") == "1 dec. 2026 kl. 11.32"
    assert display_date(moment, language="sv") == "1 dec. 2026"
    assert display_date(datetime.date(2026, 11, 30), language="sv") == "30 nov. 2026"
    months = [
        display_date(datetime.date(2027, m, 1), language="sv").split(" ")[1]
        for m in range(1, 13)
    ]
    assert months == [
        "jan.", "feb.", "mars", "apr.", "maj", "juni",
        "juli", "aug.", "sep.", "okt.", "nov.", "dec.",
    ]  # fmt: skip


def test_a_shown_time_follows_the_sites_zone_and_language(portal):
    """``display`` keeps what it wrote per date, clock time and language
    (a listing shows the same moments on every view): a changed zone in
    Site Setup shows the same moment at the new zone's clock time, and
    English is written in English."""
    from solna.intranet.dates import display

    moment = datetime.datetime(2026, 12, 29, 17, 11, tzinfo=datetime.UTC)
    assert display(moment, language="sv") == "29 dec. 2026 kl. 18.11"
    assert display(moment, language="sv") == "29 dec. 2026 kl. 18.11"
    assert display(moment, language="en") == "29 Dec 2026, 18:11"
    api.portal.set_registry_record("plone.portal_timezone", "Europe/London")
    assert display(moment, language="sv") == "29 dec. 2026 kl. 17.11"
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Stockholm")
    assert display(moment, language="sv") == "29 dec. 2026 kl. 18.11"


def test_a_zope_datetime_in_stockholms_zone_is_shown_at_its_time(site):
    """A DateTime in the named zone Europe/Stockholm (how ``zope_datetime``
    keeps publishing dates) read 14.56 for 14.49: DateTime's
    ``asdatetime`` gives such a zone pytz's local mean time (+00:53)."""
    from DateTime import DateTime
    from solna.intranet.dates import display
    from solna.intranet.dates import zope_datetime

    typed = datetime.datetime(2026, 12, 1, 14, 49)
    assert display(zope_datetime(typed), language="sv") == "1 dec. 2026 kl. 14.49"
    summer = DateTime("2027-07-15T17:21:00+02:00").toZone("Europe/Stockholm")
    assert display(summer, language="sv") == "15 juli 2027 kl. 17.21"
