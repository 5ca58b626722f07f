"""Push from an app's sign-in (a JWT from REST @login, no browser device):
the subscription belongs to that token, so it goes when the token is
signed out (Inloggade enheter, a password reset's "everywhere but here")
and is not used once the token no longer signs in."""

from solna.intranet.login import devices
from solna.intranet.push import setup as push_setup
from solna.intranet.push import subscriptions
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD
from tests.push.test_subscriptions import browser_subscription
from tests.push.test_subscriptions import rest
from tests.push.test_subscriptions import sign_in

import pytest
import requests
import transaction


@pytest.fixture
def site(functional_portal):
    create_staff({"anna.lindqvist": ["medarbetare"]})
    push_setup.install(functional_portal)
    transaction.commit()
    return functional_portal.absolute_url()


def app(site):
    """An app signed in with REST @login: a session sending its JWT."""
    answer = requests.post(
        f"{site}/@login",
        json={"login": "anna.lindqvist", "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text[:300]
    s = requests.Session()
    s.headers.update(
        {
            "Accept": "application/json",
            "Authorization": f"Bearer {answer.json()['token']}",
        }
    )
    return s


def subscribed(session, site):
    answer = session.post(
        f"{site}/@push-prenumeration", json=browser_subscription(), timeout=60
    )
    assert answer.status_code == 201, answer.text[:300]
    transaction.begin()
    (found,) = subscriptions.of("anna.lindqvist")
    return found


def test_an_apps_subscription_goes_when_its_token_is_signed_out(site):
    phone = app(site)
    browser = sign_in(site)
    mine = subscribed(phone, site)
    assert mine.device_id.startswith("api-")
    assert subscriptions.signed_in("anna.lindqvist", mine)
    # Signing her browser out leaves the app's alone ...
    (browser_id,) = {
        d["id"]
        for d in rest(browser, site, "GET", "@enheter").json()["items"]
        if d["current"]
    }
    devices.sign_out("anna.lindqvist", browser_id)
    transaction.commit()
    assert [s.key for s in subscriptions.of("anna.lindqvist")] == [mine.key]
    # ... signing this one out removes its subscription.
    devices.sign_out("anna.lindqvist", mine.device_id)
    transaction.commit()
    assert subscriptions.of("anna.lindqvist") == []


def test_a_token_that_no_longer_signs_in_gets_nothing(site):
    phone = app(site)
    mine = subscribed(phone, site)
    plugin = devices._jwt()
    plugin._tokens["anna.lindqvist"].clear()  # gone without a word (expired)
    transaction.commit()
    assert not subscriptions.signed_in("anna.lindqvist", mine)
