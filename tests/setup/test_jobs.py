"""The five cron jobs' endpoints answer alike (rest.JobService): GET is a dry
run that changes nothing, POST acts, both answer {"@id", "dry_run", "items",
"items_total", …}; an old English name answers as the Swedish one; staff
may not run them. What each job does is tested with its capability."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet.jobs import job
from tests.fixtures.http import session
from tests.fixtures.staff import create_staff

import pytest
import requests
import transaction


#: Swedish endpoint → its old name (None: it always had this one).
JOBS = {
    "@paminn-om-oversyn": "@review-reminders",
    "@paminn-maste-lasas": "@must-read-reminders",
    "@rensa-arenden": None,
    "@skicka-notiser": "@notiser-digest",
    "@hamta-omvarldsbevakning": "@omvarld",
    "@skicka-epost": None,
    "@statistik-jobb": None,
}


@pytest.fixture
def site(functional_portal):
    create_staff({"olle.medarbetare": ["medarbetare"]})
    transaction.commit()
    return functional_portal.absolute_url()


def owner():
    s = requests.Session()
    s.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    s.headers["Accept"] = "application/json"
    return s


@pytest.mark.parametrize("name", JOBS)
def test_get_is_a_dry_run_and_post_acts(site, name):
    dry = owner().get(f"{site}/{name}")
    assert dry.status_code == 200, dry.text
    answer = dry.json()
    assert answer["@id"] == f"{site}/{name}"
    assert answer["dry_run"] is True
    assert isinstance(answer["items"], list)
    assert isinstance(answer["items_total"], int)
    done = owner().post(f"{site}/{name}")
    assert done.status_code == 200, done.text
    assert done.json()["dry_run"] is False
    assert done.json()["@id"] == f"{site}/{name}"


@pytest.mark.parametrize("name", [n for n, old in JOBS.items() if old])
def test_the_old_name_answers_as_the_new_one(site, name):
    old = JOBS[name]
    assert owner().get(f"{site}/{old}").json() == owner().get(f"{site}/{name}").json()
    assert owner().post(f"{site}/{old}").json()["dry_run"] is False


@pytest.mark.parametrize("name", JOBS)
def test_staff_may_not_run_a_job(site, name):
    assert session("olle.medarbetare").post(f"{site}/{name}").status_code == 401
    assert session("olle.medarbetare").get(f"{site}/{name}").status_code == 401


@pytest.mark.parametrize("name", ["@paminn-om-oversyn", "@paminn-maste-lasas"])
def test_a_date_that_is_no_date_is_refused_in_swedish(site, name):
    for date in ("31/1", "2027-02-30"):
        wrong = owner().get(f"{site}/{name}", params={"date": date})
        assert wrong.status_code == 400
        assert "ÅÅÅÅ-MM-DD" in wrong.json()["error"]["message"]
    wrong = owner().get(f"{site}/{name}", params=[("date", "a"), ("date", "b")])
    assert wrong.status_code == 400


def test_a_job_script_prints_what_the_endpoint_answers(site, capsys, monkeypatch):
    """jobs.job: the console script's main, here with a report of our own."""
    monkeypatch.setenv("SOLNA_JOB_USER", SITE_OWNER_NAME)
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", SITE_OWNER_PASSWORD)

    def report(answer, dry_run):
        yield f"{answer['@id']} dry={dry_run} total={answer['items_total']}"

    main = job("solna-test", "A test.", "@rensa-arenden", report)
    assert main([site, "--dry-run"]) == 0
    assert capsys.readouterr().out == f"{site}/@rensa-arenden dry=True total=0\n"
    assert main(["http://localhost:9/nowhere"]) == 1
    assert "solna-test: http://localhost:9/nowhere" in capsys.readouterr().err


def test_a_job_script_says_why_the_site_refused(site, capsys, monkeypatch):
    """The site's own Swedish message, and for 401 where the credentials go."""
    monkeypatch.setenv("SOLNA_JOB_USER", SITE_OWNER_NAME)
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", SITE_OWNER_PASSWORD)
    main = job("solna-test", "A test.", "@paminn-om-oversyn", lambda *_: (), dated=True)
    assert main([site, "--dry-run", "--date", "31/1"]) == 1
    assert "400 Skriv datumet som ÅÅÅÅ-MM-DD" in capsys.readouterr().err
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", "wrong")
    assert main([site, "--dry-run"]) == 1
    assert "set SOLNA_JOB_USER and SOLNA_JOB_PASSWORD" in capsys.readouterr().err
