"""A working copy HR's reviewer cannot check in (issue 18, fourth trial,
finding 2): someone opened the copy's edit form and left it (the author
before sending it for review, or the reviewer, a phone's back button, a
second tab). The edit form locks the copy, and iterate's check-in, asked
while the copy is locked, raised "CheckinException: Not a checkout": a
500 error page for the reviewer, the status menu empty and the rule locked
in a working copy only IT could free.

Now the reviewer's check-in clears an edit lock left on the copy (the
check-in replaces the rule with the copy: the form left open has nothing to
save into), and a check-in that is refused for another reason says why in
Swedish, on the copy, with the rule still as it was."""

from lxml import html
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.rules import published_rule

import pytest


@pytest.fixture
def rule(site):
    return published_rule(site, "Arbetstid och schema", "<p>Heltid är 40 timmar.</p>")


def messages(response):
    doc = html.fromstring(response.text)
    return " ".join(text(m) for m in doc.cssselect(".portalMessage"))


def edit(s, url, **values):
    """Post the copy's edit form as the browser would, changing ``values``."""
    page = s.get(f"{url}/edit")
    assert page.status_code == 200, page.status_code
    (form,) = html.fromstring(page.text).xpath(
        '//form[.//*[@name="form.buttons.save"]]'
    )
    data = dict(form.form_values())
    data.update(values)
    data["form.buttons.save"] = "Spara"
    return s.post(form.get("action"), data=data)


def check_out(s, url):
    form = html.fromstring(s.get(f"{url}/@@content-checkout").text)
    location = form.cssselect("input[name=checkout_location]")[0].get("value")
    done = s.post(
        f"{url}/@@content-checkout",
        data={
            "form.button.Checkout": "1",
            "checkout_location": location,
            "_authenticator": token(s, url),
        },
    )
    return done.url.split("?")[0].rstrip("/")


def check_in(s, url, note=""):
    s.get(f"{url}/@@content-checkin")
    return s.post(
        f"{url}/@@content-checkin",
        data={
            "form.button.Checkin": "1",
            "checkin_message": note,
            "_authenticator": token(s, url),
        },
    )


@pytest.mark.parametrize("who", ["hr.red", "hr.gransk"])
def test_a_copy_left_open_in_its_edit_form_is_checked_in(rule, who):
    karin, lars = browser("hr.red"), browser("hr.gransk")
    copy = check_out(karin, rule)
    assert copy.endswith("-arbetskopia"), copy
    # A first save with an over-long title, then a good one.
    refused = edit(karin, copy, **{"form.widgets.IBasic.title": "A" * 299})
    assert "högst 200 tecken" in refused.text
    saved = edit(karin, copy, **{"form.widgets.legal_basis": "AB 25 § 13"})
    assert "Ändringar sparade" in messages(saved)
    if who == "hr.red":
        # Karin opens the edit form once more and leaves it, then sends
        # the copy for review.
        assert karin.get(f"{copy}/edit").status_code == 200
        assert session("hr.red").post(f"{copy}/@workflow/submit").ok
    else:
        # Lars opens the copy's edit form (Redigera) and leaves it.
        assert session("hr.red").post(f"{copy}/@workflow/submit").ok
        assert lars.get(f"{copy}/edit").status_code == 200
    assert session("hr.gransk").get(f"{copy}/@lock").json()["locked"] is True

    done = check_in(lars, copy, "Nya regler för schemaläggning")
    assert done.status_code == 200, done.status_code
    assert done.url.split("?")[0].rstrip("/") == rule
    assert "Arbetskopian är incheckad" in messages(done)
    assert session("hr.red").get(rule).json()["legal_basis"] == "AB 25 § 13"
    assert session("hr.red").get(f"{rule}/@workingcopy").json()["working_copy"] is None
    assert session("hr.red").get(f"{rule}/@lock").json()["locked"] is False


def test_a_refused_check_in_says_why_in_swedish(rule):
    karin, lars = browser("hr.red"), browser("hr.gransk")
    copy = check_out(karin, rule)
    # Not sent for review yet: Lars opens the check-in form anyway (a link).
    done = check_in(lars, copy)
    assert done.status_code == 200, done.status_code
    assert done.url.split("?")[0].rstrip("/") == copy
    assert (
        "Arbetskopian kan inte checkas in ännu: den checkas in när den har "
        "skickats för granskning. Originalet är oförändrat." in messages(done)
    )
    # Nothing changed: the copy is there, and can still be cancelled.
    assert session("hr.red").get(f"{rule}/@workingcopy").json()["working_copy"]
    cancelled = karin.post(
        f"{copy}/@@content-cancel-checkout",
        data={"form.button.Cancel": "1", "_authenticator": token(karin, copy)},
    )
    assert cancelled.url.split("?")[0].rstrip("/") == rule
    assert session("hr.red").get(f"{rule}/@lock").json()["locked"] is False
