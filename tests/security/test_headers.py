"""Headers on every answer and the login cookie (issue 14, 5): the policy
is as strict as the pages allow, which a phone in real Chromium checks
(no violation reported on the pages staff use)."""

from lxml import html
from plone import api
from tests.fixtures.http import log_in_with_the_form
from tests.fixtures.staff import PASSWORD

import pytest
import requests


EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def login_cookie(url, headers=None):
    return log_in_with_the_form(url, "webbred", headers)[1]


@pytest.mark.parametrize(
    ("path", "login"),
    [
        ("login", None),
        ("finns-inte", None),
        ("", "webbred"),
        ("finns-inte", "webbred"),
        ("bou/solglantan", "webbred"),
        ("++api++/bou/solglantan", "webbred"),
    ],
)
def test_every_answer_has_the_headers(site, path, login):
    url = f"{api.portal.get().absolute_url()}/{path}"
    auth = (login, PASSWORD) if login else None
    answer = requests.get(url, auth=auth, allow_redirects=False, timeout=60)
    for name, value in EXPECTED.items():
        assert answer.headers.get(name) == value, (path, name)
    policy = answer.headers["Content-Security-Policy"]
    for part in (
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "script-src 'self' 'unsafe-eval'",
    ):
        assert part in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_pages_have_no_inline_script(site):
    """script-src 'self' holds only if no page needs an inline script."""
    portal_url = api.portal.get().absolute_url()
    for path in (
        "",
        "bou/solglantan",
        "bou/solglantan/++add++News Item",
        "bou/solglantan/@@edit",
        "hr/++add++solna.Rule",
        "bou/solglantan/++add++EasyForm",
        "@@search",
        "@@personal-information",
    ):
        page = requests.get(
            f"{portal_url}/{path}", auth=("webbred", PASSWORD), timeout=60
        )
        assert page.status_code == 200, path
        doc = html.fromstring(page.text)
        inline = [
            s.text
            for s in doc.xpath("//script[not(@src)]")
            if (s.get("type") or "text/javascript")
            in ("text/javascript", "module", "application/javascript")
            and (s.text or "").strip()
        ]
        assert inline == [], (path, inline)


def test_the_login_cookie(site):
    url = api.portal.get().absolute_url()
    plain = login_cookie(url)
    cookie = plain.headers["Set-Cookie"]
    assert "__ac=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP: a Secure cookie would be lost
    behind_tls = login_cookie(url, {"X-Forwarded-Proto": "https"})
    assert "Secure" in behind_tls.headers["Set-Cookie"]
