"""A rule's working copy as HR meets it (issue 18): its address is
"semester-arbetskopia", not "copy_of_semester"; the menu, forms and
messages of check-out, check-in and cancelling say the same thing in one
set of Swedish words (no "Upphäv" beside "Avbryt", no "containern", the
check-in note is an Ändringsanteckning as in History); check-in keeps the
rule's own address and the next check-out gets the same name again."""

from lxml import html
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.rules import published_rule

import pytest


@pytest.fixture
def rule(site):
    return published_rule(site, "Semester", "<p>Du har 25 semesterdagar.</p>")


def page(response):
    doc = html.fromstring(response.text)
    return {
        "h1": text(doc.cssselect("h1")[0]) if doc.cssselect("h1") else "",
        "text": text(doc.cssselect("#content")[0]),
        "messages": [text(m) for m in doc.cssselect(".portalMessage")],
        "actions": [text(a) for a in doc.cssselect("#plone-contentmenu-actions a")],
        "doc": doc,
    }


def check_out(s, url):
    form = page(s.get(f"{url}/@@content-checkout"))
    assert "containern" not in form["text"]
    assert "En arbetskopia skapas bredvid originalet." in form["text"]
    location = form["doc"].cssselect("input[name=checkout_location]")[0].get("value")
    return s.post(
        f"{url}/@@content-checkout",
        data={
            "form.button.Checkout": "1",
            "checkout_location": location,
            "_authenticator": token(s, url),
        },
    )


def test_the_working_copy_is_named_and_spoken_of_in_swedish(site, rule):
    hr = site["hr"].absolute_url()
    s = browser("hr.red")
    done = check_out(s, rule)
    assert done.url.split("?")[0].rstrip("/") == f"{hr}/semester-arbetskopia"
    copy = page(done)
    assert any("Arbetskopian är skapad." in m for m in copy["messages"])
    assert any("Detta är en arbetskopia av Semester" in m for m in copy["messages"])
    assert "Avbryt utcheckning" in copy["actions"]
    assert not [a for a in copy["actions"] if "Upphäv" in a]
    assert "copy_of" not in s.get(f"{rule}/@workingcopy").text
    cancel = page(s.get(f"{hr}/semester-arbetskopia/@@content-cancel-checkout"))
    assert cancel["h1"] == "Avbryt utcheckningen av Semester"

    # HR's reviewer checks it in with a note, named as in History.
    url = f"{hr}/semester-arbetskopia"
    assert session("hr.red").post(f"{url}/@workflow/submit").ok
    g = browser("hr.gransk")
    form = page(g.get(f"{url}/@@content-checkin"))
    assert "Ändringsanteckning" in form["text"]
    assert "revisionsändamål" not in form["text"]
    checked_in = g.post(
        f"{url}/@@content-checkin",
        data={
            "form.button.Checkin": "1",
            "checkin_message": "28 dagar från 2027",
            "_authenticator": token(g, url),
        },
    )
    assert checked_in.url.split("?")[0].rstrip("/") == rule
    assert "Arbetskopian är incheckad och har ersatt originalet." in " ".join(
        page(checked_in)["messages"]
    )
    assert session("hr.red").get(url).status_code == 404

    # The next check-out (over REST too) gets the same name, and cancelling
    # says so in the same words.
    again = session("hr.red").post(f"{rule}/@workingcopy")
    assert again.status_code == 201, again.text
    assert again.json()["@id"] == f"{hr}/semester-arbetskopia"
    cancelled = s.post(
        f"{url}/@@content-cancel-checkout",
        data={"form.button.Cancel": "1", "_authenticator": token(s, url)},
    )
    assert "Utcheckningen är avbruten och arbetskopian borttagen." in " ".join(
        page(cancelled)["messages"]
    )


def test_a_folder_and_an_item_get_our_copiers(portal):
    """Folderish items get our copier too: it replaces plone.app.iterate's
    for the same interface in overrides.zcml (registered beside iterate's in
    configure.zcml, the two conflicted when Zope started)."""
    from plone import api
    from plone.app.iterate.interfaces import IObjectCopier
    from solna.intranet.workflow.iterate import Copier
    from solna.intranet.workflow.iterate import FolderishCopier

    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", title="Mapp")
        page = api.content.create(container=folder, type="Document", title="Sida")
    assert type(IObjectCopier(folder)) is FolderishCopier
    assert type(IObjectCopier(page)) is Copier
