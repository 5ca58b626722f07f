"""Tysta timmar (quiet_hours.py, mail.py): mail that is not crisis mail
waits for the end of the member's quiet hours (default 18–07 and weekends;
her own hours when she works shifts) and then comes as one mail; the job
solna-mail delivers it. Push and mail share the one setting. Through a real
SMTP server, with the quiet hours' clock set by the test."""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet import mail
from solna.intranet import quiet_hours
from solna.intranet.dates import zone
from solna.intranet.push import settings as push_settings
from tests.fixtures.http import session
from tests.fixtures.mail import set_clock
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import PASSWORD

import datetime
import pytest
import requests
import transaction


def day(weekday, hour, minute=0):
    """Next week's ``weekday`` (Monday 0) at ``hour``:``minute`` Stockholm
    time, aware, in UTC."""
    today = datetime.datetime.now(zone()).date()
    date = today + datetime.timedelta(days=7 - today.weekday() + weekday)
    at = datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=zone())
    return at.astimezone(datetime.UTC)


WEDNESDAY, THURSDAY, SATURDAY = 2, 3, 5
NO_FREE_TIME = "Lämna minst en timme i veckan utanför tysta timmar."


def job(portal_url):
    answer = requests.post(
        f"{portal_url}/@skicka-epost",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def send_for_review(places, title):
    """red.a writes a news item in Solgläntan and sends it for review: the
    review mail goes to chef.a and kommunikator."""
    created = session("red.a").post(
        places["a"].absolute_url(), json={"@type": "News Item", "title": title}
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    sent = session("red.a").post(f"{url}/@workflow/submit", json={})
    assert sent.status_code == 200, sent.text
    return url


def test_review_mail_at_19_waits_until_07_and_comes_as_one_mail(
    site, smtp, monkeypatch
):
    portal_url = api.portal.get().absolute_url()
    move = set_clock(monkeypatch, day(WEDNESDAY, 19))
    first = send_for_review(site, "Sommarfest")
    move(day(WEDNESDAY, 19, 30))
    second = send_for_review(site, "Julfest")
    assert smtp.messages == []  # held, not sent (mail.settle waited)
    move(day(THURSDAY, 6, 55))
    assert job(portal_url)["delivered"] == 0
    assert smtp.messages == []
    move(day(THURSDAY, 7, 0))
    answer = job(portal_url)
    assert answer["delivered"] == 2  # chef.a and kommunikator
    assert answer["messages"] == 4
    assert wait_for(lambda: len(smtp.messages) >= 2)
    (bundle,) = smtp.to("chef.a@solna.example")
    assert bundle["Subject"] == "2 meddelanden från intranätet"
    body = bundle.get_content()
    assert "De här meddelandena kom under dina tysta timmar" in body
    assert "1. Att granska: Sommarfest" in body
    assert "2. Att granska: Julfest" in body
    assert first in body
    assert second in body
    assert body.count("Solna intranät") == 1  # one signature
    smtp.clear()
    assert job(portal_url)["delivered"] == 0  # once
    assert smtp.messages == []


def test_one_held_mail_comes_as_itself(site, smtp, monkeypatch):
    portal_url = api.portal.get().absolute_url()
    move = set_clock(monkeypatch, day(SATURDAY, 12))  # the weekend is quiet
    send_for_review(site, "Höstfest")
    assert smtp.messages == []
    move(day(SATURDAY + 2, 7, 5))  # Monday morning
    assert job(portal_url)["delivered"] == 2
    assert wait_for(lambda: len(smtp.messages) >= 2)
    (message,) = smtp.to("chef.a@solna.example")
    assert message["Subject"] == "Att granska: Höstfest"


def test_her_own_shift_hours_are_honoured(site, smtp, monkeypatch):
    """chef.a works shifts: nights, quiet 08.00–16.00 and all Thursday;
    kommunikator keeps the defaults."""
    portal_url = api.portal.get().absolute_url()
    changed = session("chef.a").patch(
        f"{portal_url}/@tysta-timmar",
        json={
            "settings": {"shift": True, "start": "08:00", "end": "16:00", "days": [3]}
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["settings"]["shift"] is True
    move = set_clock(monkeypatch, day(WEDNESDAY, 10))
    send_for_review(site, "Vårfest")
    assert wait_for(lambda: len(smtp.messages) >= 1)
    assert [r for rcpts, _m in smtp.messages for r in rcpts] == [
        "kommunikator@solna.example"  # her working day; chef.a sleeps
    ]
    smtp.clear()
    move(day(WEDNESDAY, 16, 0))
    assert job(portal_url)["delivered"] == 1
    assert wait_for(lambda: len(smtp.messages) >= 1)
    assert smtp.to("chef.a@solna.example")[0]["Subject"] == "Att granska: Vårfest"
    smtp.clear()
    # Saturday is a working day for her, not for kommunikator.
    move(day(SATURDAY, 20))
    send_for_review(site, "Lördagsöppet")
    assert wait_for(lambda: len(smtp.messages) >= 1)
    assert [r for rcpts, _m in smtp.messages for r in rcpts] == ["chef.a@solna.example"]
    # And all of her day off (Thursday) is quiet.
    transaction.begin()
    hours = quiet_hours.get("chef.a")
    assert quiet_hours.quiet(day(THURSDAY, 20), hours)
    assert quiet_hours.quiet_until(day(THURSDAY, 20), hours) == day(THURSDAY + 1, 0)


def test_work_address_even_in_quiet_hours_by_her_choice(site, smtp, monkeypatch):
    portal_url = api.portal.get().absolute_url()
    answer = session("chef.a").patch(
        f"{portal_url}/@tysta-timmar", json={"settings": {"work_mail": True}}
    )
    assert answer.status_code == 200, answer.text
    set_clock(monkeypatch, day(WEDNESDAY, 21))
    send_for_review(site, "Kvällsgranskning")
    assert wait_for(lambda: len(smtp.messages) >= 1)
    assert [r for rcpts, _m in smtp.messages for r in rcpts] == ["chef.a@solna.example"]
    transaction.begin()
    assert [e["userid"] for _k, e in mail.held()] == ["kommunikator"]


def test_asked_for_and_security_mail_goes_at_once(site, smtp, monkeypatch):
    set_clock(monkeypatch, day(WEDNESDAY, 23))
    transaction.begin()
    mail.send_to(["anna@example.se"], "Din kod", "123456", asked=True)
    mail.send_to(["anna@example.se"], "Någon försökte logga in", "Text", now=True)
    mail.send_to(["ny@example.se"], "Inbjudan", "Välkommen")  # an invitation
    transaction.commit()
    assert wait_for(lambda: len(smtp.messages) >= 2)
    assert sorted(m["Subject"] for m in smtp.to("anna@example.se")) == [
        "Din kod",
        "Någon försökte logga in",
    ]
    assert smtp.to("ny@example.se") == []
    transaction.begin()
    assert [e["address"] for _k, e in mail.held()] == ["ny@example.se"]


def test_the_page_and_rest_one_setting_for_push_and_mail(site, smtp):
    portal_url = api.portal.get().absolute_url()
    s = requests.Session()
    s.auth = ("olle.medarbetare", PASSWORD)
    page = html.fromstring(s.get(f"{portal_url}/@@tysta-timmar", timeout=60).text)
    text = " ".join(page.text_content().split())
    for words in (
        "Tysta timmar",
        "Jag jobbar skift",
        "Tyst hela lördagen och söndagen",
        "Skicka e-post till min jobbadress även under tysta timmar",
        "Krismeddelanden som gäller dig kommer alltid direkt",
    ):
        assert words in text
    (form,) = page.xpath('//form[@id="solna-quiet-hours"]')
    data = dict(form.form_values())
    assert data["start"] == "18:00"
    assert data["end"] == "07:00"
    assert "weekends" in data  # on by default
    # The push page links it.
    push_page = s.get(f"{portal_url}/@@aviseringar", timeout=60).text
    assert "@@tysta-timmar" in push_page
    # Saving through the form: her own hours, no quiet weekends.
    data.pop("weekends")
    data["start"] = "20:00"
    data["solna-quiet-save"] = "1"
    saved = s.post(form.get("action"), data=data, timeout=60)
    assert "Dina tysta timmar är sparade." in saved.text
    # The form refuses settings that leave no time at all, in Swedish.
    refused = s.post(
        form.get("action"),
        data=[*data.items(), ("shift", "1"), *(("days:list", d) for d in range(7))],
        timeout=60,
    )
    again = html.fromstring(refused.text)
    assert NO_FREE_TIME in " ".join(again.text_content().split())
    # ... and shows what she typed, not what is stored: nothing is lost.
    (form_again,) = again.xpath('//form[@id="solna-quiet-hours"]')
    typed = form_again.form_values()
    assert ("shift", "1") in typed or "shift" in dict(typed)
    assert len([v for k, v in typed if k.startswith("days")]) == 7
    assert dict(typed)["start"] == "20:00"
    # A time that is no time comes back as typed, with the error.
    refused = s.post(form.get("action"), data={**data, "end": "kväll"}, timeout=60)
    assert "Ange tiderna som TT:MM" in refused.text
    (form_again,) = html.fromstring(refused.text).xpath(
        '//form[@id="solna-quiet-hours"]'
    )
    assert dict(form_again.form_values())["end"] == "kväll"
    transaction.begin()
    assert quiet_hours.get("olle.medarbetare")["start"] == "20:00"
    assert quiet_hours.get("olle.medarbetare")["shift"] is False
    # One setting: push sees the same weekends.
    assert push_settings.get("olle.medarbetare")["weekends"] is False
    # REST: GET, and bad input refused in Swedish with nothing saved.
    rest = session("olle.medarbetare")
    answer = rest.get(f"{portal_url}/@tysta-timmar").json()
    assert answer["settings"]["start"] == "20:00"
    assert answer["crisis_always"] is True
    for body, message in (
        ({"settings": {"start": "25:99"}}, "Ange tiderna som TT:MM"),
        ({"settings": {"days": [9]}}, "veckodagsnummer"),
        ({"settings": {"spam": True}}, "Det finns ingen inställning spam."),
        ({"start": "19:00"}, "Ange inställningarna som"),
        # No time left in a week: held mail would wait for ever.
        ({"settings": {"shift": True, "days": list(range(7))}}, NO_FREE_TIME),
        (
            {
                "settings": {
                    "start": "07:00",
                    "end": "07:00",
                    "shift": True,
                    "days": [0, 1, 2, 3, 4, 5, 6],
                }
            },
            "börjar och slutar på samma klockslag",
        ),
        ({"settings": {"start": "08:00", "end": "08:00"}}, "samma klockslag"),
        ({"settings": {"end": "19:50", "weekends": True}}, NO_FREE_TIME),  # 50 min
    ):
        refused = rest.patch(f"{portal_url}/@tysta-timmar", json=body)
        assert refused.status_code == 400
        assert message in refused.json()["error"]["message"]
    transaction.begin()
    assert quiet_hours.get("olle.medarbetare")["start"] == "20:00"
    # Back to the defaults: nothing stored.
    rest.patch(
        f"{portal_url}/@tysta-timmar",
        json={"settings": {"start": "18:00", "weekends": True}},
    )
    transaction.begin()
    from zope.annotation.interfaces import IAnnotations

    assert "olle.medarbetare" not in IAnnotations(api.portal.get())[quiet_hours.KEY]


@pytest.mark.parametrize(
    ("moment", "hours", "until"),
    [
        ("2026-12-02 12:00", {}, None),
        ("2026-12-02 19:00", {}, "2026-12-03 07:00"),
        ("2026-12-04 19:00", {}, "2026-12-07 07:00"),  # Friday: the weekend
        ("2026-12-05 12:00", {"weekends": False}, None),
        ("2026-12-02 12:00", {"start": "08:00", "end": "16:00"}, "2026-12-02 16:00"),
        ("2026-12-02 12:00", {"start": "07:00", "end": "07:00"}, None),
        ("2026-12-05 12:00", {"shift": True, "days": [1]}, None),  # Saturday
        ("2026-12-07 19:00", {"shift": True, "days": [1]}, "2026-12-09 07:00"),
    ],
)
def test_quiet_until(portal, moment, hours, until):
    def at(text):
        return datetime.datetime.fromisoformat(text).replace(tzinfo=zone())

    assert quiet_hours.quiet_until(at(moment), hours) == (at(until) if until else None)


def test_her_quiet_hours_and_held_mail_go_with_the_account(site, smtp, monkeypatch):
    portal_url = api.portal.get().absolute_url()
    answer = session("chef.a").patch(
        f"{portal_url}/@tysta-timmar", json={"settings": {"start": "17:00"}}
    )
    assert answer.status_code == 200, answer.text
    set_clock(monkeypatch, day(WEDNESDAY, 20))
    send_for_review(site, "Nyårsfest")
    transaction.begin()
    assert sorted(e["userid"] for _k, e in mail.held()) == ["chef.a", "kommunikator"]
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="chef.a")
    transaction.commit()
    assert [e["userid"] for _k, e in mail.held()] == ["kommunikator"]
    assert quiet_hours.get("chef.a") == quiet_hours.DEFAULTS
    from zope.annotation.interfaces import IAnnotations

    assert "chef.a" not in IAnnotations(api.portal.get())[quiet_hours.KEY]


def test_held_mail_goes_after_a_week_whatever_her_hours_say(site, smtp, monkeypatch):
    """Hours stored before settings that leave no free time were refused
    (quiet every day): her held mail still goes, a week after it came."""
    from solna.intranet.storage import annotation

    portal_url = api.portal.get().absolute_url()
    annotation(api.portal.get(), quiet_hours.KEY, create=True)["chef.a"] = dict(
        quiet_hours.DEFAULTS, shift=True, days=tuple(range(7))
    )
    transaction.commit()
    move = set_clock(monkeypatch, day(WEDNESDAY, 19))
    send_for_review(site, "Vinterfest")
    move(day(THURSDAY, 7))
    assert job(portal_url)["delivered"] == 1
    assert wait_for(lambda: len(smtp.messages) >= 1)
    assert [r for rcpts, _m in smtp.messages for r in rcpts] == [
        "kommunikator@solna.example"
    ]
    smtp.clear()
    move(day(WEDNESDAY + 7, 18, 55))
    assert job(portal_url)["delivered"] == 0  # still held, not yet a week
    assert smtp.messages == []
    move(day(WEDNESDAY + 7, 19, 5))  # a week after it came (and the job ran)
    assert job(portal_url)["delivered"] == 1
    assert wait_for(lambda: len(smtp.messages) >= 1)
    assert smtp.to("chef.a@solna.example")[0]["Subject"] == "Att granska: Vinterfest"


def test_held_mail_follows_her_changed_hours(site, smtp, monkeypatch):
    """chef.a's review mail waits in her quiet hours; when she moves their
    start later, so that it is no longer quiet for her, the next run of the
    job delivers it (not tomorrow at 07.00)."""
    portal_url = api.portal.get().absolute_url()
    move = set_clock(monkeypatch, day(WEDNESDAY, 17))
    changed = session("chef.a").patch(
        f"{portal_url}/@tysta-timmar", json={"settings": {"start": "16:00"}}
    )
    assert changed.status_code == 200, changed.text
    send_for_review(site, "Vårfest")
    assert not smtp.to("chef.a@solna.example")  # held for her
    move(day(WEDNESDAY, 17, 5))
    back = session("chef.a").patch(
        f"{portal_url}/@tysta-timmar", json={"settings": {"start": "18:00"}}
    )
    assert back.json()["quiet_now"] is False
    assert job(portal_url)["delivered"] >= 1
    assert wait_for(lambda: len(smtp.to("chef.a@solna.example")) == 1)
