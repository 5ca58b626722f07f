"""Must-read news: Jag har läst is stored per person with the time (only the
confirmation writes), and one reminder e-mail goes, before the read-by
date, to each member it is meant for who has not confirmed."""

from lxml import html
from plone import api
from solna.intranet.dates import display_date
from solna.intranet.news import script
from tests.fixtures.http import browser
from tests.fixtures.http import page
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for
from tests.fixtures.news import publish_news
from tests.fixtures.staff import PASSWORD

import datetime
import pytest
import transaction


@pytest.fixture
def item(workplace_news):
    """Must-read for Solgläntan, read by tomorrow."""
    return workplace_news["news"]["las-solglantan"]


def box(login, item):
    doc = page(login, item.absolute_url())
    found = doc.xpath('//section[contains(@class, "solna-must-read")]')
    return found[0] if found else None


def confirm(login, item):
    s = browser(login)
    return s.post(
        f"{item.absolute_url()}/@@jag-har-last",
        data={"_authenticator": token(s, item.absolute_url())},
    )


def last_transaction():
    return api.portal.get()._p_jar.db().lastTransaction()


def test_button_only_for_those_it_is_meant_for(item):
    found = box("olle.medarbetare", item)
    assert found is not None
    assert [b.text for b in found.xpath(".//button")] == ["Jag har läst"]
    assert "Läs senast" in text(found)
    assert box("red.b", item) is None  # Ekbacken: not meant for her
    assert box("olle.medarbetare", item.__parent__["alla"]) is None  # no must-read


def test_confirmation_is_stored_per_person_with_the_time(item):
    before = datetime.datetime.now(datetime.UTC)
    response = confirm("olle.medarbetare", item)
    assert "Tack! Din läsbekräftelse är sparad." in response.text
    found = html.fromstring(response.text).xpath(
        '//p[contains(@class,"solna-confirmed")]'
    )
    assert found
    assert "Du bekräftade att du läst den" in text(found[0])
    status = rest("olle.medarbetare").get(f"{item.absolute_url()}/@jag-har-last").json()
    assert datetime.datetime.fromisoformat(status["confirmed"]) >= before
    # Another member's status is their own.
    status = rest("red.a").get(f"{item.absolute_url()}/@jag-har-last").json()
    assert status["meant_for_you"] is True
    assert status["confirmed"] is None
    # The start page no longer asks olle to read it.
    feed = rest("olle.medarbetare").get(
        f"{api.portal.get().absolute_url()}/@mitt-intranat"
    )
    assert feed.json()["must_read"] == []


def test_a_second_confirmation_keeps_the_first_time(item):
    first = rest("olle.medarbetare").post(f"{item.absolute_url()}/@jag-har-last")
    assert first.status_code == 200
    second = rest("olle.medarbetare").post(f"{item.absolute_url()}/@jag-har-last")
    assert second.json()["confirmed"] == first.json()["confirmed"]


def test_confirming_what_is_not_meant_for_you_is_refused(item):
    response = rest("red.b").post(f"{item.absolute_url()}/@jag-har-last")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Den här nyheten är inte riktad till dig, så du behöver inte bekräfta den."
    )
    response = confirm("red.b", item)
    assert "inte riktad till dig" in response.text
    status = rest("red.b").get(f"{item.absolute_url()}/@jag-har-last").json()
    assert status["confirmed"] is None


def test_page_views_never_write(item):
    """Reading the item, the start page and Chefens sida (page and REST)
    leaves the database as it was; the confirmation is the one write."""
    portal_url = api.portal.get().absolute_url()
    confirm("olle.medarbetare", item)  # the store exists
    transaction.begin()
    before = last_transaction()
    for login in ("olle.medarbetare", "red.a", "chef.a", "webbred"):
        page(login, item.absolute_url())
        page(login, portal_url)
        page(login, f"{portal_url}/@@chefens-sida")
        page(login, f"{portal_url}/@@nyheter")
        for endpoint in ("@mitt-intranat", "@chefens-sida", "@favoriter"):
            assert rest(login).get(f"{portal_url}/{endpoint}").status_code == 200
        rest(login).get(f"{item.absolute_url()}/@jag-har-last")
    transaction.begin()
    assert last_transaction() == before
    confirm("red.a", item)
    transaction.begin()
    assert last_transaction() != before


def test_one_reminder_before_the_deadline(item, workplace_news, smtp):
    places = workplace_news["places"]
    later = publish_news(
        places,
        "las-senare",
        {"audience_units": ["a"]},
        {
            "must_read": True,
            "must_read_deadline": datetime.date.today() + datetime.timedelta(10),
        },
    )
    transaction.commit()
    confirm("olle.medarbetare", item)
    portal_url = api.portal.get().absolute_url()
    job = rest("webbred")
    # A dry run says who would be reminded and sends nothing.
    dry = job.get(f"{portal_url}/@paminn-maste-lasas").json()
    assert dry["items"] == [
        {"@id": item.absolute_url(), "reminded": ["chef.a", "red.a"]}
    ]
    assert smtp.messages == []
    sent = job.post(f"{portal_url}/@paminn-maste-lasas").json()
    assert sent["items"] == dry["items"]
    assert wait_for(lambda: len(smtp.messages) == 2)
    (message,) = smtp.to("red.a@solna.example")
    deadline = display_date(item.must_read_deadline, language="sv")  # "30 nov 2026"
    assert message["Subject"] == f"Läs senast {deadline}: {item.Title()}"
    assert item.absolute_url() in message.get_content()
    assert "Jag har läst" in message.get_content()
    # Who confirmed, or works elsewhere, or has a later date: no mail.
    for login in ("olle.medarbetare", "red.b", "chef.b"):
        assert smtp.to(f"{login}@solna.example") == []
    assert later.absolute_url() not in str([m.get_content() for _, m in smtp.messages])
    # One reminder: the next run sends nothing.
    smtp.clear()
    assert job.post(f"{portal_url}/@paminn-maste-lasas").json()["items"] == []
    assert smtp.messages == []
    # The later item's turn comes two days before its date.
    on = (datetime.date.today() + datetime.timedelta(8)).isoformat()
    dry = job.get(f"{portal_url}/@paminn-maste-lasas?date={on}").json()
    assert dry["items"] == [
        {
            "@id": later.absolute_url(),
            "reminded": ["chef.a", "olle.medarbetare", "red.a"],
        }
    ]


def test_reminders_are_for_site_administrators(item):
    portal_url = api.portal.get().absolute_url()
    response = rest("chef.a").post(f"{portal_url}/@paminn-maste-lasas")
    assert response.status_code == 401


def test_the_cron_job(item, smtp, monkeypatch, capsys):
    monkeypatch.setenv("SOLNA_JOB_USER", "webbred")
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", PASSWORD)
    portal_url = api.portal.get().absolute_url()
    assert script.main([portal_url, "--dry-run"]) == 0
    assert f"{item.absolute_url()}: would remind 3" in capsys.readouterr().out
    assert script.main([portal_url]) == 0
    assert f"{item.absolute_url()}: reminded 3" in capsys.readouterr().out
    assert wait_for(lambda: len(smtp.messages) == 3)


def test_confirmations_go_with_the_item_and_the_account(item):
    """Read confirmations are personal data: deleting the news item deletes
    them, and so does removing the account."""
    from solna.intranet.news import confirmations

    other = item.__parent__["alla"]
    with api.env.adopt_roles(["Manager"]):
        other.must_read = True
        other.reindexObject()
    transaction.commit()
    for news in (item, other):
        assert rest("olle.medarbetare").post(f"{news.absolute_url()}/@jag-har-last").ok
    assert rest("red.a").post(f"{item.absolute_url()}/@jag-har-last").ok
    transaction.begin()
    uid, other_uid = item.UID(), other.UID()
    confirmations.mark_reminded(uid, ["chef.a"])
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(item)
    assert confirmations.confirmations(uid) == {}
    assert confirmations.reminded(uid) == set()
    assert confirmations.confirmed_uids("olle.medarbetare") == {other_uid}
    assert confirmations.confirmed_uids("red.a") == set()
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="olle.medarbetare")
    assert confirmations.confirmations(other_uid) == {}
    assert confirmations.confirmed_uids("olle.medarbetare") == set()
