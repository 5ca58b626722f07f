"""HR rules: only HR writes them, only HR reviewers put them in force, and a
rule in force is revised through a working copy (plone.app.iterate) that
leaves the old text visible to staff until the reviewed copy is checked in."""

from tests.fixtures.http import session
from tests.fixtures.mail import wait_for


RULE = {
    "@type": "solna.Rule",
    "title": "Semester",
    "category": "ledighet",
    "text": {
        "data": "<p>Du har 25 semesterdagar per år.</p>",
        "content-type": "text/html",
    },
}


def text_seen_by(login, url):
    response = session(login).get(url)
    return response.json()["text"]["data"] if response.ok else response.status_code


def test_only_hr_writes_rules(site):
    for login, place in (
        ("olle.medarbetare", "hr"),
        ("chef.a", "a"),
        ("red.a", "a"),
        ("kommunikator", "hr"),
    ):
        refused = session(login).post(site[place].absolute_url(), json=RULE)
        assert refused.status_code in (401, 403), login


def test_rule_revised_through_a_working_copy(site, smtp):
    hr = site["hr"].absolute_url()
    created = session("hr.red").post(hr, json=RULE)
    assert created.status_code == 201, created.text
    url = created.json()["@id"]

    # Submitted: the HR reviewers hear of it, not the communicators or chefs.
    assert session("hr.red").post(f"{url}/@workflow/submit", json={}).ok
    assert wait_for(lambda: smtp.messages)
    assert [r for r, _m in smtp.messages] == [("hr.gransk@solna.example",)]
    # The HR editor may not put it in force; the site-wide reviewer neither.
    for login in ("hr.red", "kommunikator"):
        session(login).post(f"{url}/@workflow/publish", json={})
        assert session("hr.red").get(url).json()["review_state"] == "pending"
    assert session("hr.gransk").post(f"{url}/@workflow/publish", json={}).ok
    assert "25 semesterdagar" in text_seen_by("olle.medarbetare", url)

    # The HR editor checks out a working copy and edits it.
    checkout = session("hr.red").post(f"{url}/@workingcopy")
    assert checkout.status_code == 201, checkout.text
    copy = checkout.json()["@id"]
    assert copy != url
    patched = session("hr.red").patch(
        copy,
        json={
            "text": {
                "data": "<p>Du har 28 semesterdagar.</p>",
                "content-type": "text/html",
            }
        },
    )
    assert patched.status_code == 204, patched.text
    # Staff still see the rule in force, and not the copy.
    assert "25 semesterdagar" in text_seen_by("olle.medarbetare", url)
    assert text_seen_by("olle.medarbetare", copy) == 404  # not there for staff
    # Nobody checks in an unreviewed copy; the editor never checks in.
    assert session("hr.gransk").patch(f"{url}/@workingcopy").status_code == 403
    assert session("hr.red").patch(f"{url}/@workingcopy").status_code in (401, 403)

    smtp.clear()
    assert session("hr.red").post(f"{copy}/@workflow/submit", json={}).ok
    assert wait_for(lambda: smtp.to("hr.gransk@solna.example"))
    assert "25 semesterdagar" in text_seen_by("olle.medarbetare", url)

    # The HR reviewer checks it in: the new text replaces the old, in force.
    checkin = session("hr.gransk").patch(f"{url}/@workingcopy")
    assert checkin.status_code == 204, checkin.text
    assert "28 semesterdagar" in text_seen_by("olle.medarbetare", url)
    assert session("hr.red").get(url).json()["review_state"] == "published"
    assert session("hr.gransk").get(copy).status_code == 404
    # Both texts are in the version history.
    history = session("hr.red").get(f"{url}/@history").json()
    versions = [h for h in history if h["type"] == "versioning"]
    assert len(versions) >= 2
    first = session("hr.red").get(f"{url}/@history/{versions[-1]['version']}")
    assert "25 semesterdagar" in first.json()["text"]["data"]
