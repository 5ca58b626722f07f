"""Logga in med Solna-konto on a phone (issue 16, SSO): real Chromium at
390 px taps the button on the login page, the local OpenID Provider
(tests/fixtures/oidc.py) signs her in, and she lands on Mitt intranät as the
member her employee number maps to."""

from plone import api
from solna.intranet.login import sso_accounts
from tests.fixtures.phone import fits
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import create_staff

import pytest
import transaction


pytestmark = pytest.mark.browser


@pytest.fixture
def preschool_teacher(sso_site):
    create_staff({"lena.strand": ["medarbetare"]})
    sso_accounts.set_employee_id("lena.strand", "100234")
    transaction.commit()
    return sso_site


def test_sso_lands_on_mitt_intranat_on_a_phone(
    phone, screenshot, oidc_provider, preschool_teacher
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    portal_url = preschool_teacher
    # The provider's certificate is self-signed (a real one is not).
    phone.execute_cdp_cmd("Security.setIgnoreCertificateErrors", {"ignore": True})
    oidc_provider.users["lena"] = {
        "given_name": "Lena",
        "family_name": "Strand",
        "email": "lena.strand@kommun.example",
        "email_verified": True,
        "employee_id": "100234",
    }
    oidc_provider.current_user = "lena"
    open_page(phone, f"{portal_url}/login", "Logga in med Solna-konto")
    assert fits(phone)
    screenshot("login")
    tap(phone.find_element(By.LINK_TEXT, "Logga in med Solna-konto"))
    WebDriverWait(phone, WAIT).until(lambda browser: browser.get_cookie("__ac"))
    shows(phone, "Mitt intranät", "Lena Strand")
    assert phone.current_url.rstrip("/") == portal_url
    assert ("GET", "/authorize") in oidc_provider.log
    assert fits(phone)
    screenshot("mitt-intranat")
    transaction.begin()
    assert sso_accounts.linked("lena.strand")
    assert api.user.get("lena.strand").getProperty("email") == (
        "lena.strand@solna.example"
    )
