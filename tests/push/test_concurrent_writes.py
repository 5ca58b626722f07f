"""Many phones turning push on at once, and members changing their
settings at the same moment, never get a 5xx and nothing is lost (PRODUCT:
concurrent writes never answer 5xx): the subscriptions and the settings
live in shared trees of the site."""

from solna.intranet.push import settings
from solna.intranet.push import setup as push_setup
from solna.intranet.push import subscriptions
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD
from tests.push.test_subscriptions import browser_subscription

import pytest
import requests
import threading
import transaction


MEMBERS = [f"med.{n}" for n in range(6)]


@pytest.fixture
def site(functional_portal):
    create_staff({login: ["medarbetare"] for login in MEMBERS})
    push_setup.install(functional_portal)
    transaction.commit()
    return functional_portal.absolute_url()


def test_phones_and_settings_written_at_once_all_arrive(site):
    origin = "/".join(site.split("/")[:3])
    # Each member turns push on for two phones and a switch off, all at once.
    calls = [
        (login, "POST", "@push-prenumeration", browser_subscription())
        for login in MEMBERS
        for _phone in range(2)
    ] + [
        (login, "PATCH", "@aviseringar", {"settings": {"review": False}})
        for login in MEMBERS
    ]
    start = threading.Barrier(len(calls))
    answers = []

    def call(login, method, name, body):
        s = requests.Session()
        s.auth = (login, PASSWORD)
        start.wait()
        answer = s.request(
            method,
            f"{site}/{name}",
            json=body,
            headers={"Accept": "application/json", "Origin": origin},
            timeout=120,
        )
        answers.append((login, method, answer.status_code))

    threads = [threading.Thread(target=call, args=each) for each in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for _l, _m, status in answers) == sorted(
        201 if method == "POST" else 200 for _l, method, _s in answers
    ), answers
    transaction.begin()  # see what the server committed
    for login in MEMBERS:
        assert len(subscriptions.of(login)) == 2, login
        assert settings.get(login)["review"] is False, login
