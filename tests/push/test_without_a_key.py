"""A site whose VAPID key cannot be used (a wrong SOLNA_VAPID_PRIVATE_KEY,
or the upgrade step not run yet) still shows Aviseringar and Mitt intranät:
the page says in Swedish that notifications are not available, REST gives
no key, and nothing answers 500."""

from lxml import html
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import json
import pytest
import requests
import transaction


@pytest.fixture
def site(functional_portal, monkeypatch):
    create_staff({"anna.lindqvist": ["medarbetare"]})
    transaction.commit()
    monkeypatch.setenv("SOLNA_VAPID_PRIVATE_KEY", "/finns/inte/private_key.pem")
    return functional_portal.absolute_url()


def test_without_a_usable_key_the_pages_say_so(site):
    anna = requests.Session()
    anna.auth = ("anna.lindqvist", PASSWORD)
    answer = anna.get(
        f"{site}/@aviseringar", headers={"Accept": "application/json"}, timeout=60
    )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["public_key"] is None
    page = anna.get(f"{site}/@@aviseringar", timeout=60)
    assert page.status_code == 200
    (holder,) = html.fromstring(page.text).xpath("//*[@data-solna-push]")
    config = json.loads(holder.get("data-solna-push"))
    assert config["publicKey"] is None
    assert config["texts"]["unavailable"].startswith("Notiser till telefoner")
    assert anna.get(f"{site}/@@mitt-intranat", timeout=60).status_code == 200
