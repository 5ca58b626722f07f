"""GDPR retention: the nightly job deletes exactly the cases older than their
form's retention period, and says only how many."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet.forms.cases import CaseStore
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import datetime
import logging
import os
import pytest
import requests
import subprocess
import sys
import transaction


NOW = datetime.datetime.now(datetime.UTC)


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def forms(functional_portal):
    """Fråga HR keeps cases 30 days, Tillbud the default 365."""
    ages = {"fraga-hr": (30, [40, 31, 29, 1]), "tillbud": (None, [400, 366, 364])}
    stores = {}
    create_staff({"olle.medarbetare": ()})
    with api.env.adopt_roles(["Manager"]):
        for form_id, (retention, case_ages) in ages.items():
            form = api.content.create(
                container=functional_portal, type="EasyForm", id=form_id, title=form_id
            )
            if retention:
                form.retention_days = retention
            store = CaseStore(form)
            for age in case_ages:
                case = store.add("olle.medarbetare", {"fraga": f"Personlig text {age}"})
                case.created = days_ago(age)
            stores[form_id] = store
    transaction.commit()
    return stores


def job(portal_url, *args):
    return subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "solna-purge-cases"),
            portal_url,
            *args,
        ],
        env={
            **os.environ,
            "SOLNA_JOB_USER": SITE_OWNER_NAME,
            "SOLNA_JOB_PASSWORD": SITE_OWNER_PASSWORD,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def remaining(store):
    return sorted((NOW - c.created).days for c in store.all())


def test_the_job_deletes_exactly_the_expired_cases(functional_portal, forms, caplog):
    portal_url = functional_portal.absolute_url()
    assert "would delete 4 cases in all" in job(portal_url, "--dry-run")
    transaction.begin()
    assert remaining(forms["fraga-hr"]) == [1, 29, 31, 40]

    with caplog.at_level(logging.INFO, logger="solna.intranet"):
        printed = job(portal_url)
    assert "deleted 2 cases in /plone/fraga-hr" in printed
    assert "deleted 2 cases in /plone/tillbud" in printed
    assert "deleted 4 cases in all" in printed
    transaction.begin()  # see what the server committed
    assert remaining(forms["fraga-hr"]) == [1, 29]
    assert remaining(forms["tillbud"]) == [364]
    # Only counts: nothing the cases said, in the output or the log.
    assert "Personlig" not in printed
    assert "Personlig" not in caplog.text
    assert "olle" not in caplog.text
    # And Mina ärenden no longer lists them.
    assert len(forms["fraga-hr"].of("olle.medarbetare")) == 2


def test_only_site_administrators_run_it(functional_portal, forms):
    refused = requests.post(
        f"{functional_portal.absolute_url()}/@rensa-arenden",
        auth=("olle.medarbetare", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert refused.status_code == 401
    transaction.begin()
    assert len(forms["fraga-hr"]) == 4
