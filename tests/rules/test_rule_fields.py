"""Issue 18, fourth trial, finding 13: a rule's next review is a date after
today when it is set (an old rule keeps its passed date when saved
unchanged), and "Avtal eller lagstöd" (Lagrum) is at most 200 characters;
Swedish messages on the edit form and in REST, nothing typed lost."""

from lxml import html
from plone import api
from solna.intranet.dates import zone
from tests.fixtures.http import browser
from tests.fixtures.http import form_post
from tests.fixtures.http import session

import datetime
import transaction


RULE = {"@type": "solna.Rule", "title": "Semester", "category": "ledighet"}
PAST = "Nästa granskning måste vara ett datum efter i dag."
LONG = "Avtal eller lagstöd får vara högst 200 tecken; det här har 540."


def today():
    return datetime.datetime.now(zone()).date()


def test_rest_refuses_a_past_review_date_and_a_long_legal_basis(site):
    hr = site["hr"].absolute_url()
    yesterday = (today() - datetime.timedelta(days=1)).isoformat()
    refused = session("hr.red").post(hr, json={**RULE, "review_date": yesterday})
    assert refused.status_code == 400, refused.text
    assert PAST in refused.json()["message"]
    refused = session("hr.red").post(hr, json={**RULE, "legal_basis": "x" * 540})
    assert refused.status_code == 400, refused.text
    assert LONG in refused.json()["message"]
    later = (today() + datetime.timedelta(days=200)).isoformat()
    created = session("hr.red").post(
        hr, json={**RULE, "review_date": later, "legal_basis": "AB § 27"}
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    # An old rule whose review date has passed saves with the date unchanged.
    transaction.begin()
    rule = api.content.get(path=url.split("/plone", 1)[1])
    rule.review_date = datetime.date(2026, 1, 1)
    transaction.commit()
    patched = session("hr.red").patch(url, json={"title": "Semester och ledighet"})
    assert patched.status_code == 204, patched.text
    moved_back = session("hr.red").patch(url, json={"review_date": "2025-06-01"})
    assert moved_back.status_code == 400
    assert PAST in moved_back.json()["message"]


def test_the_edit_form_refuses_them_in_swedish_and_keeps_what_was_typed(site):
    hr = site["hr"].absolute_url()
    later = (today() + datetime.timedelta(days=200)).isoformat()
    created = session("hr.red").post(hr, json={**RULE, "review_date": later})
    url = created.json()["@id"]
    answer = form_post(
        browser("hr.red"),
        f"{url}/edit",
        {
            "form.widgets.review_date": "2020-01-01",
            "form.widgets.legal_basis": "x" * 540,
        },
        None,
    )
    assert answer.status_code == 200
    assert PAST in answer.text
    from tests.fixtures.forms import errors

    assert LONG in answer.text, errors(answer)
    page = html.fromstring(answer.text)
    (basis,) = page.xpath('//input[@name="form.widgets.legal_basis"]')
    assert basis.get("value") == "x" * 540
    transaction.begin()
    rule = api.content.get(path=url.split("/plone", 1)[1])
    assert rule.review_date.isoformat() == later
    assert not rule.legal_basis
