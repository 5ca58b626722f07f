"""Fifty staff members send the same form at the same moment, against the
real instance (FileStorage, four server threads): every submission arrives
once, none is lost to a database conflict, and nobody sees an error."""

from concurrent.futures import ThreadPoolExecutor
from lxml import html
from solna.intranet.demo.accounts import DEMO_ACCOUNTS
from tests.instance.conftest import session_for

import pytest
import threading


pytestmark = pytest.mark.instance

SUBMISSIONS = 50


def test_fifty_concurrent_submissions_all_arrive(instance):
    url = f"{instance.url}/blanketter/fraga-hr"
    logins = [account.userid for account in DEMO_ACCOUNTS]
    sessions = {}
    for login in logins:  # each member opens the form first
        session = session_for(login)
        session.headers["Accept"] = "text/html"
        page = html.fromstring(session.get(url, timeout=60).text)
        (form,) = page.xpath('//form[.//*[@name="form.buttons.submit"]]')
        (salary,) = form.xpath(
            './/select[@name="form.widgets.amne:list"]/option[.="Lön"]'
        )
        fields = {
            **dict(form.form_values()),
            "form.widgets.amne:list": salary.get("value"),
        }
        sessions[login] = (session, fields)

    start = threading.Barrier(SUBMISSIONS)

    def submit(number):
        session, fields = sessions[logins[number % len(logins)]]
        data = {
            **fields,
            "form.widgets.fraga": f"Lasttest fråga nummer {number}",
            "form.buttons.submit": "Skicka",
        }
        start.wait()
        response = session.post(url, data=data, timeout=120)
        return response.status_code, "Tack, vi har tagit emot" in response.text

    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        answers = list(pool.map(submit, range(SUBMISSIONS)))
    assert answers == [(200, True)] * SUBMISSIONS

    handler = session_for("sofia.lund")  # HR-handläggare in the demo
    cases = handler.get(f"{url}/@arenden", timeout=60).json()["items"]
    questions = sorted(
        c["data"]["fraga"] for c in cases if c["data"]["fraga"].startswith("Lasttest")
    )
    assert questions == sorted(f"Lasttest fråga nummer {n}" for n in range(SUBMISSIONS))
