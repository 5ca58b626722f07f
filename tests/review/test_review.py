"""Review reminders: the cron job mails each owner exactly the items that are
due, and the "Inaktuellt innehåll" report lists overdue items per unit for
editors and managers."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.fixtures.http import session
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_as

import datetime
import os
import pytest
import subprocess
import sys
import transaction


TODAY = datetime.date.today()
PAST = TODAY - datetime.timedelta(days=30)
FUTURE = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def due(functional_portal, site, smtp):
    """Published items with review dates: some due, some not. (The mail
    about their publishing is not what these tests are about.)"""
    hr, a = site["hr"], site["a"]

    def item(login, container, type, title, state="published", **fields):
        obj = create_as(login, container, type, title, **fields)
        if state == "published":
            with api.env.adopt_roles(["Manager"]):
                api.content.transition(obj, to_state="published")
        obj.reindexObject()
        return obj

    items = {
        "rule": item(
            "hr.red",
            hr,
            "solna.Rule",
            "Semester",
            category="ledighet",
            responsible="hr.red",
            review_date=PAST,
        ),
        "answer": item(
            "hr.red",
            hr,
            "solna.Answer",
            "Hur ansöker jag om ledighet?",
            category="ledighet",
            responsible="hr.red",
            review_date=TODAY,
        ),
        # No responsible: the author is reminded.
        "authored": item(
            "hr.gransk",
            hr,
            "solna.Rule",
            "Friskvårdsbidrag",
            category="forman",
            review_date=PAST,
        ),
        # Not due, or not published: not in any mail.
        "later": item(
            "hr.red",
            hr,
            "solna.Answer",
            "Får jag ta med barn till jobbet?",
            category="ledighet",
            responsible="hr.red",
            review_date=FUTURE,
        ),
        "draft": item(
            "hr.red",
            hr,
            "solna.Rule",
            "Tjänstledighet",
            category="ledighet",
            responsible="hr.red",
            review_date=PAST,
            state="private",
        ),
    }
    # The unit page of Solgläntan, kept up to date by its manager.
    a.responsible, a.review_date = "chef.a", PAST
    a.reindexObject()
    transaction.commit()
    smtp.clear()
    return {name: obj.absolute_url() for name, obj in {**items, "unit": a}.items()}


def run_job(portal_url, *args):
    env = {
        **os.environ,
        "SOLNA_JOB_USER": SITE_OWNER_NAME,
        "SOLNA_JOB_PASSWORD": SITE_OWNER_PASSWORD,
    }
    script = os.path.join(os.path.dirname(sys.executable), "solna-review-reminders")
    return subprocess.run(
        [script, portal_url, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def test_the_job_mails_each_owner_exactly_the_due_items(functional_portal, due, smtp):
    portal_url = functional_portal.absolute_url()

    listed = run_job(portal_url, "--dry-run")
    assert "would remind hr.red: 2 items" in listed
    assert smtp.messages == []

    printed = run_job(portal_url)
    assert "3 owners, 4 items" in printed
    assert wait_for(lambda: len(smtp.messages) == 3)
    (to_editor,) = smtp.to("hr.red@solna.example")
    assert to_editor["Subject"] == "Dags att granska: 2 sidor på intranätet"
    body = to_editor.get_content()
    assert due["rule"] in body
    assert due["answer"] in body
    for not_due in ("later", "draft", "authored", "unit"):
        assert due[not_due] not in body
    assert "(30 d)" in body or "30 d" in body
    (to_author,) = smtp.to("hr.gransk@solna.example")
    assert due["authored"] in to_author.get_content()
    (to_manager,) = smtp.to("chef.a@solna.example")
    assert due["unit"] in to_manager.get_content()
    assert due["rule"] not in to_manager.get_content()


def test_only_site_administrators_run_the_job(functional_portal, due, smtp):
    url = f"{functional_portal.absolute_url()}/@paminn-om-oversyn"
    for login in ("olle.medarbetare", "chef.a", "hr.red"):
        assert session(login).post(url).status_code == 401
    assert session("webbred").get(url).json()["items_total"] == 4
    wrong = session("webbred").get(url, params={"date": "31/1"})
    assert wrong.status_code == 400
    assert "Skriv datumet som ÅÅÅÅ-MM-DD" in wrong.json()["error"]["message"]
    assert smtp.messages == []


def test_report_lists_overdue_items_per_unit(functional_portal, due):
    portal_url = functional_portal.absolute_url()
    report = session("kommunikator").get(f"{portal_url}/@inaktuellt-innehall").json()
    by_unit = {u["title"]: [i["title"] for i in u["items"]] for u in report["units"]}
    # Published and due: the HR section's two and Solgläntan's page. The
    # communicators do not see HR's drafts or future dates.
    assert by_unit["Solgläntan"] == ["Solgläntan"]
    assert sorted(by_unit["HR-avdelningen"]) == [
        "Friskvårdsbidrag",
        "Hur ansöker jag om ledighet?",
        "Semester",
    ]
    assert set(by_unit) == {"HR-avdelningen", "Solgläntan"}
    semester = next(
        i for u in report["units"] for i in u["items"] if i["title"] == "Semester"
    )
    assert semester["days_overdue"] == 30
    assert semester["responsible_fullname"] == "Hr Red"

    # The communicators find it in their personal menu; staff do not.
    for login, shown in (("kommunikator", True), ("olle.medarbetare", False)):
        browser = session(login)
        browser.headers["Accept"] = "text/html"
        menu = browser.get(portal_url).text
        assert (f"{portal_url}/@@inaktuellt-innehall" in menu) is shown, login

    # The manager finds the report on their unit's page, and opens it.
    page = session("chef.a")
    page.headers["Accept"] = "text/html"
    assert "Inaktuellt innehåll (1)" in page.get(due["unit"]).text
    staff = session("olle.medarbetare")
    staff.headers["Accept"] = "text/html"
    assert "Inaktuellt innehåll" not in staff.get(due["unit"]).text
    mine = page.get(f"{due['unit']}/@@inaktuellt-innehall")
    assert mine.status_code == 200
    assert "Inaktuellt innehåll" in mine.text
    assert "30 dagar försenad" in mine.text
    assert "Semester" not in mine.text
    # ...not the whole site's, nor another unit's; staff see none.
    for login, url in (
        ("chef.a", f"{portal_url}/@@inaktuellt-innehall"),
        ("chef.b", f"{due['unit']}/@@inaktuellt-innehall"),
        ("olle.medarbetare", f"{portal_url}/@@inaktuellt-innehall"),
    ):
        s = session(login)
        s.headers["Accept"] = "text/html"
        refused = s.get(url, allow_redirects=False)
        assert refused.status_code in (302, 401, 403), login
        assert "försenad" not in refused.text
