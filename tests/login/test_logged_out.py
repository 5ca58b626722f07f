"""Issue 18, fourth trial, finding 17: after Logga ut the login page says
"Du är utloggad", announced to a screen reader (role=status)."""

from lxml import html
from plone import api
from tests.fixtures.http import log_in_with_the_form
from tests.fixtures.http import text


def test_logging_out_says_so_on_the_login_page(site):
    portal_url = api.portal.get().absolute_url()
    s, answer = log_in_with_the_form(portal_url, "olle.medarbetare")
    assert answer.status_code in (302, 303), answer.status_code
    s.get(answer.headers["Location"], timeout=60)  # the welcome, as a browser
    out = s.get(f"{portal_url}/logout", timeout=60)
    assert out.status_code == 200
    assert out.url.startswith(f"{portal_url}/login")
    page = html.fromstring(out.text)
    (status,) = page.xpath('//*[contains(@class, "solna-logged-out")]')
    assert status.get("role") == "status"
    assert text(status) == "Du är utloggad."
    assert "logged out" not in out.text.lower()
    # The login form is there to sign in again.
    assert page.xpath('//input[@name="__ac_name"]')
    # Someone who only opens the login page is not told so.
    assert "solna-logged-out" not in s.get(f"{portal_url}/login", timeout=60).text
