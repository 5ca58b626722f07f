"""Logga in med Solna-konto (issue 16, SSO): OpenID Connect against a real
OpenID Provider running locally (tests/fixtures/oidc.py), over real HTTP to
the functional layer's server. A sign-in lands on the account that exists,
mapped by the linked subject, the employee number or a verified e-mail
address; anything else is refused in Swedish and creates nothing."""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.base.utils import get_installer
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from solna.intranet.login import sso
from solna.intranet.login import sso_accounts
from tests.fixtures.http import free_port
from tests.fixtures.http import text
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD
from urllib.parse import parse_qs
from urllib.parse import quote
from urllib.parse import unquote
from urllib.parse import urlsplit

import base64
import json
import pytest
import requests
import subprocess
import sys
import time
import transaction


NOT_LINKED = "Ditt Solna-konto är inte kopplat till intranätet"
FAILED = "Inloggningen med Solna-konto kunde inte slutföras"
BUTTON = "Logga in med Solna-konto"


@pytest.fixture
def staff(functional_portal):
    """Anna (employee number E1234), Bo, and Cia and Dan who share an
    address."""
    create_staff(
        {
            "anna.andersson": ["medarbetare"],
            "bo.berg": ["medarbetare"],
            "cia.ceder": ["medarbetare"],
            "dan.dahl": ["medarbetare"],
        }
    )
    for login in ("cia.ceder", "dan.dahl"):
        api.user.get(login).setMemberProperties({"email": "forskolan@solna.example"})
    sso_accounts.set_employee_id("anna.andersson", "E1234")
    transaction.commit()
    return functional_portal


def at_provider(op, claims):
    """The person who signs in at the provider next."""
    op.users["person"] = {"given_name": "Test", "family_name": "Person", **claims}
    op.current_user = "person"


def sign_in(site, came_from=None):
    """Click "Logga in med Solna-konto" (its URL) in a new browser-like
    session and follow every redirect: (session, last answer)."""
    s = requests.Session()
    params = {"came_from": came_from} if came_from else {}
    answer = s.get(f"{site}/acl_users/oidc/login", params=params, timeout=60)
    return s, answer


def user_ids():
    transaction.begin()  # see what the server committed
    return set(api.portal.get().acl_users.source_users.getUserIds())


def signed_in_as(session, site, userid):
    """Is the session signed in as ``userid``? (A member may read their own
    account over REST, nobody else's.)"""
    answer = session.get(
        f"{site}/++api++/@users/{userid}",
        headers={"Accept": "application/json"},
        timeout=60,
    )
    return answer.status_code == 200 and answer.json()["id"] == userid


def signed_in(session, site):
    """Is the session signed in as anyone? (The closed site answers 401 to
    nobody.)"""
    answer = session.get(
        f"{site}/++api++/", headers={"Accept": "application/json"}, timeout=60
    )
    return answer.status_code == 200


def test_the_employee_number_signs_in_and_lands_on_mitt_intranat(
    oidc_provider, sso_site, staff
):
    at_provider(
        oidc_provider,
        {
            "sub": "idp-anna",
            "email": "anna.privat@example.org",  # not hers here, not verified
            "email_verified": False,
            "employee_id": "e1234",  # any case
            "given_name": "Annika",
        },
    )
    s, answer = sign_in(sso_site)
    assert answer.status_code == 200
    assert answer.url.rstrip("/") == sso_site
    # To the provider with PKCE (RFC 7636), state and nonce.
    asked = parse_qs(urlsplit(answer.history[0].headers["Location"]).query)
    assert asked["code_challenge_method"] == ["S256"]
    assert asked["state"]
    assert asked["nonce"]
    assert asked["scope"] == ["openid profile email solna"]
    assert "Mitt intranät" in answer.text
    assert "__ac" in s.cookies
    assert "__ac_session" not in s.cookies
    assert signed_in_as(s, sso_site, "anna.andersson")
    # The provider changed nothing on her account, and her subject is linked.
    transaction.begin()
    anna = api.user.get("anna.andersson")
    assert anna.getProperty("email") == "anna.andersson@solna.example"
    assert anna.getProperty("fullname") == "Anna Andersson"
    assert sso_accounts.linked("anna.andersson")
    # The provider saw the whole code flow (PKCE, token, userinfo).
    paths = [path for _method, path in oidc_provider.log]
    assert {"/authorize", "/token", "/userinfo", "/jwks"} <= set(paths)


def test_the_phone_is_remembered_unless_the_box_was_unticked(
    oidc_provider, sso_site, staff
):
    at_provider(oidc_provider, {"sub": "idp-anna", "employee_id": "E1234"})
    s, _answer = sign_in(sso_site)
    (cookie,) = [c for c in s.cookies if c.name == "__ac"]
    days = (cookie.expires - time.time()) / 86400
    assert 89 < days <= 90
    s = requests.Session()
    s.get(f"{sso_site}/acl_users/oidc/login", params={"remember": "0"}, timeout=60)
    (cookie,) = [c for c in s.cookies if c.name == "__ac"]
    assert cookie.expires is None  # for this browser session only
    assert signed_in_as(s, sso_site, "anna.andersson")


def test_a_verified_address_in_any_case_signs_in_then_the_subject_does(
    oidc_provider, sso_site, staff
):
    before = user_ids()
    at_provider(
        oidc_provider,
        {"sub": "idp-bo", "email": "Bo.Berg@SOLNA.example", "email_verified": True},
    )
    page = f"{sso_site}/@@hitta-kontakt"
    s, answer = sign_in(sso_site, came_from=page)
    assert answer.url == page  # back where the sign-in started
    assert signed_in_as(s, sso_site, "bo.berg")
    # Later his address at the provider changes: the linked subject still
    # signs him in.
    at_provider(
        oidc_provider,
        {"sub": "idp-bo", "email": "bo.ny@annan.example", "email_verified": False},
    )
    s, answer = sign_in(sso_site, came_from="https://elak.example/")
    assert answer.url.rstrip("/") == sso_site  # not to another site
    assert signed_in_as(s, sso_site, "bo.berg")
    assert user_ids() == before


@pytest.mark.parametrize(
    "claims",
    [
        # Bo's address, but the provider does not say it is verified.
        {"sub": "x-1", "email": "bo.berg@solna.example", "email_verified": False},
        {"sub": "x-2", "email": "bo.berg@solna.example"},
        # Nobody here has this address or employee number.
        {
            "sub": "x-3",
            "email": "okand@solna.example",
            "email_verified": True,
            "employee_id": "E9999",
        },
        # Two members share the address: which one is it?
        {"sub": "x-4", "email": "forskolan@solna.example", "email_verified": True},
    ],
    ids=["unverified", "no-verification-said", "unknown", "ambiguous"],
)
def test_no_account_for_the_sign_in_is_refused_and_nothing_is_created(
    oidc_provider, sso_site, staff, claims
):
    before = user_ids()
    at_provider(oidc_provider, claims)
    s, answer = sign_in(sso_site)
    assert answer.status_code == 403
    (message,) = html.fromstring(answer.text).xpath('//*[@role="alert"]')
    assert text(message).startswith(NOT_LINKED)
    assert "__ac" not in s.cookies
    assert not signed_in(s, sso_site)
    assert user_ids() == before
    assert not any(sso_accounts.linked(u) for u in before)


def test_an_explicit_unverified_address_or_an_administrator_is_not_found_by_address(
    oidc_provider, sso_site, staff, monkeypatch
):
    """With the municipality's mail domain trusted, a provider that says
    ``email_verified: false`` still does not vouch for the address; and an
    administrator (Manager) is never found by address, whose e-mail a Site
    Administrator may change."""
    monkeypatch.setenv("SOLNA_OIDC_EMAIL_DOMAINS", "solna.example")
    at_provider(
        oidc_provider,
        {"sub": "m-1", "email": "bo.berg@solna.example", "email_verified": False},
    )
    s, answer = sign_in(sso_site)
    assert answer.status_code == 403
    assert not signed_in(s, sso_site)

    api.user.grant_roles(username="bo.berg", roles=["Manager"])
    transaction.commit()
    at_provider(
        oidc_provider,
        {"sub": "m-2", "email": "bo.berg@solna.example", "email_verified": True},
    )
    s, answer = sign_in(sso_site)
    assert answer.status_code == 403
    assert not signed_in(s, sso_site)
    # A member without the role is found by the same trusted domain.
    api.user.revoke_roles(username="bo.berg", roles=["Manager"])
    transaction.commit()
    at_provider(oidc_provider, {"sub": "m-3", "email": "bo.berg@solna.example"})
    s, _answer = sign_in(sso_site)
    assert signed_in_as(s, sso_site, "bo.berg")


def test_a_forged_or_replayed_callback_signs_nobody_in(oidc_provider, sso_site, staff):
    at_provider(
        oidc_provider,
        {"sub": "idp-bo", "email": "bo.berg@solna.example", "email_verified": True},
    )
    # The attacker starts a sign-in and stops at the provider's answer...
    attacker = requests.Session()
    start = attacker.get(
        f"{sso_site}/acl_users/oidc/login", allow_redirects=False, timeout=60
    )
    assert (
        urlsplit(start.headers["Location"]).netloc
        == urlsplit(oidc_provider.issuer).netloc
    )
    provider = attacker.get(
        start.headers["Location"], allow_redirects=False, timeout=60
    )
    callback = provider.headers["Location"]
    assert callback.startswith(f"{sso_site}/acl_users/oidc/callback?code=")
    # ... and has a victim's browser open it: the state is not the victim's.
    victim = requests.Session()
    answer = victim.get(callback, timeout=60)
    assert answer.status_code == 403
    assert FAILED in answer.text
    assert "__ac" not in victim.cookies
    # A state made up in the attacker's own browser is refused too.
    forged = callback.replace("state=", "state=x")
    answer = attacker.get(forged, timeout=60)
    assert answer.status_code == 403
    assert "__ac" not in attacker.cookies
    # The right browser, later: the state was used up with the refusal.
    answer = attacker.get(callback, timeout=60)
    assert answer.status_code == 403
    assert not signed_in(attacker, sso_site)


def test_an_id_token_for_another_nonce_is_refused(oidc_provider, sso_site, staff):
    at_provider(
        oidc_provider,
        {"sub": "idp-bo", "email": "bo.berg@solna.example", "email_verified": True},
    )
    s = requests.Session()
    start = s.get(f"{sso_site}/acl_users/oidc/login", allow_redirects=False, timeout=60)
    # The browser's state is right, but the ID token the provider will give
    # was asked for with another nonce (a token injected from elsewhere).
    (cookie,) = [c for c in s.cookies if c.name == "__ac_session"]
    kept = json.loads(base64.b64decode(unquote(cookie.value)))  # as Zope quotes
    kept["nonce"] = "en-annan-nonce"
    cookie.value = quote(base64.b64encode(json.dumps(kept).encode()).decode())
    answer = s.get(start.headers["Location"], timeout=60)
    assert answer.status_code == 403
    assert FAILED in answer.text
    assert not signed_in(s, sso_site)


def test_the_login_page_stays_ours(oidc_provider, sso_site, staff):
    """With single sign-on on, a visitor who is not logged in still gets the
    intranet's login page, not the provider (no challenge plugin)."""
    asked = len(oidc_provider.log)
    answer = requests.get(f"{sso_site}/@@hitta-kontakt", timeout=60)
    assert urlsplit(answer.url).netloc == urlsplit(sso_site).netloc
    assert "__ac_name" in answer.text
    assert len(oidc_provider.log) == asked
    # Installing again (an upgrade step) changes nothing of that.
    portal = api.portal.get()
    sso.install(portal)
    sso.install(portal)
    plugins = portal.acl_users.plugins
    assert "oidc" not in plugins.listPluginIds(IChallengePlugin)
    assert isinstance(portal.acl_users.oidc, sso.SolnaOIDCPlugin)
    # Nor can pas.plugins.oidc's own profile be installed from Site Setup.
    installer = get_installer(portal)
    assert not installer.is_product_installable("pas.plugins.oidc")


NO_SUCH_WAY = "Det finns inget sådant sätt att logga in."

#: Open the database ``sys.argv[1]`` and load the plugin stored in it, as a
#: request loads the user folder and each plugin in it; print which of the
#: OpenID library's packages that brought in.
LOAD_THE_STORED_PLUGIN = """
import sys, ZODB, ZODB.FileStorage
db = ZODB.DB(ZODB.FileStorage.FileStorage(sys.argv[1], read_only=True))
plugin = db.open().root()["oidc"]
from solna.intranet.login import sso
assert sso.ISolnaOIDCPlugin.providedBy(plugin) and plugin.title == "Solna-konto"
assert plugin.challenge(None, None) is False
library = {"oic", "pydantic", "Cryptodome", "pas.plugins.oidc.plugins"}
print(sorted(library & set(sys.modules)))
"""


def test_loading_the_plugin_does_not_load_the_openid_library(tmp_path):
    """Every request loads the user folder, and with it each plugin in it
    (ZODB needs each one's class): ours, stored as before this change with
    pas.plugins.oidc's settings on it, must not bring pas.plugins.oidc's
    OpenID library (about 15 MB in every process, issue 21); that comes at
    a sign-in with Solna-konto (sso_client.py). In another process: this
    one has loaded the library for the other tests."""
    import ZODB
    import ZODB.FileStorage

    path = str(tmp_path / "Data.fs")
    db = ZODB.DB(ZODB.FileStorage.FileStorage(path))
    with db.transaction() as connection:
        stored = sso.SolnaOIDCPlugin(sso.PLUGIN_ID, "Solna-konto")
        # What the plugin of pas.plugins.oidc's class kept (its ZMI's).
        stored.issuer = "https://login.example"
        stored.use_deprecated_redirect_uri_for_logout = True
        connection.root()["oidc"] = stored
    db.close()
    loaded = subprocess.run(
        [sys.executable, "-c", LOAD_THE_STORED_PLUGIN, path],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert loaded.stdout.strip().splitlines()[-1] == "[]"


def test_not_offered_until_configured(functional_portal, monkeypatch):
    for name in sso_accounts.ENVIRONMENT.values():
        monkeypatch.delenv(name, raising=False)
    site = functional_portal.absolute_url()
    json_headers = {"Accept": "application/json"}
    assert sso.login_url(functional_portal) is None
    page = requests.get(f"{site}/login", timeout=60)
    assert BUTTON not in page.text
    options = requests.get(
        f"{site}/++api++/@login", headers=json_headers, timeout=60
    ).json()["options"]
    assert [o for o in options if o.get("plugin") == "oidc"] == []
    for service in ("@login-oidc/oidc", "@logout-oidc/oidc", "@logout-oidc/other"):
        answer = requests.get(
            f"{site}/++api++/{service}", headers=json_headers, timeout=60
        )
        assert answer.status_code == 404
        assert answer.json()["error"]["message"] == NO_SUCH_WAY
    answer = requests.get(f"{site}/acl_users/oidc/login", timeout=60)
    assert answer.status_code == 404
    assert "Inloggning med Solna-konto är inte påslagen" in answer.text


def test_offered_on_the_login_page_and_by_rest_when_configured(sso_site, staff):
    start = sso.login_url(api.portal.get(), f"{sso_site}/@@hitta-kontakt")
    assert start.startswith(f"{sso_site}/acl_users/oidc/login?came_from=")
    page = html.fromstring(requests.get(f"{sso_site}/login", timeout=60).text)
    (link,) = page.xpath(f'//a[normalize-space()="{BUTTON}"]')
    assert link.get("href").startswith(f"{sso_site}/acl_users/oidc/login")
    options = requests.get(
        f"{sso_site}/++api++/@login", headers={"Accept": "application/json"}, timeout=60
    ).json()["options"]
    assert [o for o in options if o["plugin"] == "oidc"] == [
        {
            "id": "oidc",
            "plugin": "oidc",
            "title": BUTTON,
            "url": f"{sso_site}/@login-oidc/oidc",
        }
    ]


def test_an_app_signs_in_over_rest_and_gets_a_token(oidc_provider, sso_site, staff):
    at_provider(oidc_provider, {"sub": "idp-anna-2", "employee_id": "E1234"})
    app = requests.Session()
    app.headers["Accept"] = "application/json"
    start = app.get(f"{sso_site}/++api++/@login-oidc/oidc", timeout=60)
    assert start.status_code == 200, start.text
    provider = app.get(start.json()["next_url"], allow_redirects=False, timeout=60)
    query = urlsplit(provider.headers["Location"]).query
    answer = app.post(
        f"{sso_site}/++api++/@login-oidc/oidc", json={"qs": f"?{query}"}, timeout=60
    )
    assert answer.status_code == 200, answer.text
    token = answer.json()["token"]
    assert answer.json()["next_url"].rstrip("/") == sso_site
    assert "__ac" not in answer.cookies
    me = requests.get(
        f"{sso_site}/++api++/@users/anna.andersson",
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert me.status_code == 200
    assert me.json()["id"] == "anna.andersson"
    # The same answer again: the state is used up.
    again = app.post(
        f"{sso_site}/++api++/@login-oidc/oidc", json={"qs": query}, timeout=60
    )
    assert again.status_code == 403
    assert again.json()["error"]["message"].startswith(FAILED)
    # Signing out: the test provider has no end_session_endpoint, so back
    # to the site (pas.plugins.oidc answered only a query string).
    out = requests.get(
        f"{sso_site}/++api++/@logout-oidc/oidc",
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert out.status_code == 200, out.text
    assert out.json()["next_url"].rstrip("/") == sso_site
    assert out.json()["came_from"].rstrip("/") == sso_site


def test_an_unlinked_app_sign_in_is_refused_in_swedish(oidc_provider, sso_site, staff):
    at_provider(oidc_provider, {"sub": "nobody", "email": "vem@annan.example"})
    app = requests.Session()
    app.headers["Accept"] = "application/json"
    start = app.get(f"{sso_site}/++api++/@login-oidc/oidc", timeout=60).json()
    provider = app.get(start["next_url"], allow_redirects=False, timeout=60)
    answer = app.post(
        f"{sso_site}/++api++/@login-oidc/oidc",
        json={"qs": urlsplit(provider.headers["Location"]).query},
        timeout=60,
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["message"].startswith(NOT_LINKED)
    assert "token" not in answer.json()


def test_hr_sets_an_employee_number_and_a_member_cannot(sso_site, staff):
    create_staff({"hr.admin": ["webbredaktorer"], "it.chef": []})
    api.user.grant_roles(username="it.chef", roles=["Manager"])
    transaction.commit()
    url = f"{sso_site}/++api++/@solna-konto"
    hr = requests.Session()
    hr.auth = ("hr.admin", PASSWORD)  # a Site Administrator
    hr.headers["Accept"] = "application/json"
    answer = hr.post(url, json={"userid": "bo.berg", "employee_id": " E2000 "})
    assert answer.status_code == 200, answer.text
    assert answer.json()["employee_id"] == "e2000"
    taken = hr.post(url, json={"userid": "bo.berg", "employee_id": "e1234"})
    assert taken.status_code == 400
    assert taken.json()["error"]["message"] == (
        "Anställningsnumret e1234 finns redan på kontot för Anna Andersson."
    )
    assert hr.get(url, params={"userid": "bo.berg"}).json()["employee_id"] == "e2000"
    # Not on a Manager's account: with her own employee number there, a Site
    # Administrator could sign in as the Manager.
    manager = hr.post(url, json={"userid": "it.chef", "employee_id": "E7"})
    assert manager.status_code == 403
    assert manager.json()["error"]["message"] == (
        "Bara den som har rollen Manager får ändra det här kontot."
    )
    owner = requests.post(
        url,
        json={"userid": "it.chef", "employee_id": "E7"},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert owner.status_code == 200
    member = requests.post(
        url,
        json={"userid": "bo.berg", "employee_id": "E1"},
        auth=("bo.berg", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert member.status_code == 401
    transaction.begin()
    assert sso_accounts.employee_id("bo.berg") == "e2000"
    # Bo leaves: his number goes with his account.
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="bo.berg")
    assert sso_accounts.userid_for_employee_id("E2000") is None
    assert sso_accounts.employee_id("bo.berg") == ""


def test_a_provider_that_does_not_answer_is_said_in_swedish(
    sso_site, staff, monkeypatch
):
    monkeypatch.setenv("SOLNA_OIDC_ISSUER", f"https://127.0.0.1:{free_port()}")
    answer = requests.get(f"{sso_site}/acl_users/oidc/login", timeout=60)
    assert answer.status_code == 502
    (message,) = html.fromstring(answer.text).xpath('//*[@role="alert"]')
    assert text(message).startswith("Inloggningen med Solna-konto svarar inte")
    # An app signing out: the same, not pas.plugins.oidc's English 500.
    out = requests.get(
        f"{sso_site}/++api++/@logout-oidc/oidc",
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert out.status_code == 502
    assert out.json()["error"]["message"].startswith(
        "Inloggningen med Solna-konto svarar inte"
    )


def test_signing_out_of_another_provider_is_refused_in_swedish(sso_site):
    """``@logout-oidc/<id>`` answered for any pas.plugins.oidc plugin of that
    id; Solna-konto (``oidc``) is the only one."""
    answer = requests.get(
        f"{sso_site}/++api++/@logout-oidc/other",
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 404
    assert answer.json()["error"]["message"] == NO_SUCH_WAY
