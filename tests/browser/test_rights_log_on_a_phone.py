"""The Behörighetslogg (security/log.py) on an HR officer's phone: in
Swedish, 390 px wide, with who changed what."""

from plone import api
from tests.fixtures.phone import fits
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.staff import create_staff

import pytest
import transaction


pytestmark = pytest.mark.browser


@pytest.fixture
def changed(functional_portal):
    create_staff({"karin.hr": ("hr-redaktorer",), "webbred": ("webbredaktorer",)})
    with api.env.adopt_user(username="webbred"):
        api.content.create(
            container=functional_portal,
            type="solna.Unit",
            id="myran",
            title="Myran",
            editors=["karin.hr"],
        )
    transaction.commit()
    return functional_portal.absolute_url().replace("127.0.0.1", "localhost")


def test_the_rights_log_on_a_phone(phone, changed):
    login(phone, changed, "karin.hr")
    open_page(phone, f"{changed}/@@behorighetslogg", "Behörighetslogg", "Myran")
    text = phone.execute_script("return document.body.innerText")
    assert "Redaktörer" in text
    assert "Efter:" in text
    assert fits(phone)
