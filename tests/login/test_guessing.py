"""Spärr mot gissning (issue 16): 20 wrong passwords or codes for one account
within 15 minutes lock it for 15 minutes, the right password included, on
every route (the login form: a Swedish page with 429; REST @login: 429 with
Retry-After; HTTP Basic: refused), and its holder gets one mail (a real
SMTP server); 100 failures from one client address lock every login from
it. What an attacker would try against the first, reverted guard is tried
here: the Zope root's admin, several passwords in one request, the right
password right after the lock, failures at the same moment, someone else's
e-mail address, REST with a charset, IPv6 addresses, the failsafe form, a
password in the address."""

from lxml import html
from plone import api
from solna.intranet.login import counters
from solna.intranet.login import guard
from solna.intranet.login import limits
from solna.intranet.login.guard import ACCOUNT_LIMIT
from solna.intranet.login.guard import ADDRESS_LIMIT
from solna.intranet.login.guard import PLUGIN_ID
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import logging
import pytest
import requests
import threading
import time
import transaction
import ZPublisher.HTTPRequest


ADMIN_PASSWORD = "secret"  # plone.app.testing's SITE_OWNER_PASSWORD
WRONG = "gissning"
#: The login form's message while locked (login/form.py), and its minutes.
LOCKED_START = "För många felaktiga försök."
FIFTEEN = "på 15 minuter till"
ONE = "på en minut till"
REST_JSON = {"Accept": "application/json"}
CHARSET = {
    "Accept": "application/json",
    "Content-Type": "application/json; charset=utf-8",
}


@pytest.fixture
def site(functional_portal, smtp):
    create_staff({"anna.lindqvist": ["medarbetare"], "olle.medarbetare": []})
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    api.portal.set_registry_record("plone.email_from_address", "intranat@solna.se")
    transaction.commit()
    return functional_portal.absolute_url()


class Client:
    """What the guard reads of a request, for counting from the test."""

    def __init__(self, address="127.0.0.1"):
        self.address = address
        self.other = {}

    def getClientAddr(self):
        return self.address

    def get(self, key, default=None):
        return default


def seed(login, times, address="127.0.0.1"):
    """Count failures for ``login`` as the routes do (limits.py)."""
    for _n in range(times):
        limits.record_failure(Client(address), login)


def move_clock(monkeypatch, seconds):
    """The guard's clock, ``seconds`` from now."""
    monkeypatch.setattr(guard, "now", lambda: time.time() + seconds)


def form_login(portal_url, login, password, auth=None, url=None):
    """The login form as a browser posts it: (answer, signed in?)."""
    s = requests.Session()
    page = html.fromstring(s.get(f"{portal_url}/login", timeout=60).text)
    (form,) = page.xpath('//form[.//input[@name="__ac_name"]]')
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": login, "__ac_password": password})
    data.setdefault("buttons.login", "Logga in")
    answer = s.post(
        url or f"{portal_url}/login",
        data=data,
        auth=auth,
        allow_redirects=False,
        timeout=60,
    )
    return answer, "__ac" in s.cookies and s.cookies["__ac"] not in ("", "deleted")


def alert(answer):
    """The login form's message, or None."""
    found = html.fromstring(answer.text).xpath(
        '//*[contains(@class, "solna-login-failed")]/p'
    )
    return text(found[0]) if found else None


def rest_login(portal_url, login, password, headers=REST_JSON):
    return requests.post(
        f"{portal_url}/@login",
        json={"login": login, "password": password},
        headers=headers,
        timeout=60,
    )


def basic(url, login, password):
    return requests.get(
        url,
        auth=(login, password),
        headers=REST_JSON,
        allow_redirects=False,
        timeout=60,
    )


def signed_in(portal_url, login, password=PASSWORD):
    """Does HTTP Basic with this password get the member's own page?"""
    return basic(f"{portal_url}/@mitt-intranat", login, password).status_code == 200


def test_twenty_wrong_passwords_lock_the_account_on_every_route(site, smtp):
    for _n in range(ACCOUNT_LIMIT - 1):
        assert rest_login(site, "anna.lindqvist", WRONG).status_code == 401
    assert smtp.messages == []
    # The twentieth, on the login form: a Swedish page that says how long.
    answer, ok = form_login(site, "Anna.Lindqvist", WRONG)
    assert not ok
    assert answer.status_code == 429
    assert alert(answer).startswith(LOCKED_START)
    assert FIFTEEN in alert(answer)
    # The right password does not help, on any route.
    answer, ok = form_login(site, "anna.lindqvist", PASSWORD)
    assert not ok
    assert answer.status_code == 429
    assert FIFTEEN in alert(answer)
    assert 14 * 60 < int(answer.headers["Retry-After"]) <= 15 * 60
    rest = rest_login(site, "anna.lindqvist", PASSWORD)
    assert rest.status_code == 429
    assert 14 * 60 < int(rest.headers["Retry-After"]) <= 15 * 60
    error = rest.json()["error"]
    assert error["type"] == "Too many attempts"
    assert error["message"].startswith(LOCKED_START)
    assert FIFTEEN in error["message"]
    assert 14 * 60 < error["retry_after"] <= 15 * 60
    assert "token" not in rest.json()
    assert not signed_in(site, "anna.lindqvist")
    # The holder is told once, in Swedish, from the intranet.
    assert wait_for(lambda: smtp.to("anna.lindqvist@solna.example"))
    (mail,) = smtp.to("anna.lindqvist@solna.example")
    assert mail["Subject"] == "Inloggningen på ditt konto är spärrad en stund"
    assert "intranat@solna.se" in mail["From"]
    body = mail.get_content()
    assert "fel lösenord eller fel engångskod 20 gånger" in body
    assert "på 15 minuter" in body
    assert len(smtp.messages) == 1
    # Others are not affected.
    assert form_login(site, "olle.medarbetare", PASSWORD)[1]


def test_the_lock_ends_after_fifteen_minutes(site, monkeypatch):
    seed("anna.lindqvist", ACCOUNT_LIMIT)
    assert not signed_in(site, "anna.lindqvist")
    move_clock(monkeypatch, 15 * 60 + 1)
    assert signed_in(site, "anna.lindqvist")


def test_an_unknown_login_is_answered_like_a_known_one(site, smtp):
    """Also with a charset in the Content-Type, where plone.restapi's
    jwt_auth does not read the body: the guard is asked all the same."""
    known = rest_login(site, "anna.lindqvist", WRONG, CHARSET)
    unknown = rest_login(site, "ingen.alls", WRONG, CHARSET)
    assert known.status_code == unknown.status_code == 401
    assert known.json() == unknown.json()
    assert known.json()["error"]["message"].startswith(
        "Inloggningsnamnet eller lösenordet är fel."
    )
    for _n in range(ACCOUNT_LIMIT - 1):
        rest_login(site, "anna.lindqvist", WRONG, CHARSET)
        rest_login(site, "ingen.alls", WRONG, CHARSET)
    known = rest_login(site, "anna.lindqvist", WRONG, CHARSET)
    unknown = rest_login(site, "ingen.alls", WRONG, CHARSET)
    assert known.status_code == unknown.status_code == 429
    assert known.json()["error"]["message"] == unknown.json()["error"]["message"]
    answer, _ok = form_login(site, "ingen.alls", PASSWORD)
    assert answer.status_code == 429
    assert FIFTEEN in alert(answer)
    # Only the real holder is mailed.
    assert wait_for(lambda: smtp.to("anna.lindqvist@solna.example"))
    assert len(smtp.messages) == 1


def test_the_zope_admin_is_limited_too(site, monkeypatch):
    """``admin`` lives in the Zope root's user folder: guessed through the
    site's addresses or at the root, it locks like any account, and signs
    in with the right password when it is not locked."""
    assert basic(f"{site}/@mitt-intranat", "admin", ADMIN_PASSWORD).status_code == 200
    assert rest_login(site, "Admin", ADMIN_PASSWORD).status_code == 200
    for _n in range(ACCOUNT_LIMIT - 5):
        assert basic(f"{site}/@mitt-intranat", "admin", WRONG).status_code == 401
    for _n in range(4):
        assert rest_login(site, "admin", WRONG).status_code == 401
    root = site.rsplit("/", 1)[0]
    assert basic(f"{root}/manage_main", "admin", WRONG).status_code == 401
    # Locked: the right password is refused everywhere.
    assert basic(f"{site}/@mitt-intranat", "admin", ADMIN_PASSWORD).status_code == 401
    assert basic(f"{root}/manage_main", "admin", ADMIN_PASSWORD).status_code == 401
    assert rest_login(site, "admin", ADMIN_PASSWORD).status_code == 429
    answer, ok = form_login(site, "admin", ADMIN_PASSWORD)
    assert not ok
    assert answer.status_code == 429
    move_clock(monkeypatch, 15 * 60 + 1)
    assert basic(f"{site}/@mitt-intranat", "admin", ADMIN_PASSWORD).status_code == 200


def test_two_passwords_in_one_request_count_twice(site):
    """The form's password and HTTP Basic's, in one request, are two
    guesses."""
    for n in range(ACCOUNT_LIMIT // 2):
        _answer, ok = form_login(
            site, "anna.lindqvist", f"{WRONG}-a{n}", auth=("anna.lindqvist", f"b{n}")
        )
        assert not ok
    assert rest_login(site, "anna.lindqvist", PASSWORD).status_code == 429


def test_a_lock_started_in_a_request_refuses_its_later_password(site):
    """The form's wrong password (the 20th) locks the account; the right
    one in the same request's Basic header, checked after it, is refused."""
    seed("anna.lindqvist", ACCOUNT_LIMIT - 1)
    answer, ok = form_login(
        site, "anna.lindqvist", WRONG, auth=("anna.lindqvist", PASSWORD)
    )
    assert not ok
    assert answer.status_code == 429
    assert not signed_in(site, "anna.lindqvist")


def test_the_right_password_forgets_failures_but_never_ends_a_lock(site):
    seed("anna.lindqvist", ACCOUNT_LIMIT - 1)
    assert rest_login(site, "anna.lindqvist", PASSWORD).status_code == 200
    # The failures before are forgotten: 19 more are allowed.
    seed("anna.lindqvist", ACCOUNT_LIMIT - 1)
    assert rest_login(site, "anna.lindqvist", WRONG).status_code == 429
    for _n in range(3):
        assert rest_login(site, "anna.lindqvist", PASSWORD).status_code == 429
        assert not signed_in(site, "anna.lindqvist")
        assert not form_login(site, "anna.lindqvist", PASSWORD)[1]


def test_failures_at_the_same_moment_are_all_counted(site):
    """Many processes' failures for one address at once: none is lost
    (the counters merge conflicting writes)."""
    store = api.portal.get().getPhysicalRoot().acl_users[PLUGIN_ID].store
    moment = time.time()
    results = []

    def guess():
        for _n in range(25):
            outcome = counters.record(store, {"ip:192.0.2.1": 10_000}, moment)
            results.append(outcome.recorded)

    threads = [threading.Thread(target=guess) for _n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results)
    status = counters.read(store, ["ip:192.0.2.1"], moment)["ip:192.0.2.1"]
    assert status.count == 200


def test_two_failures_written_at_once_are_merged(site):
    """Two transactions each add a failure to the same counter: the second
    commit meets a conflict that the counter resolves (both are kept)."""
    store = api.portal.get().getPhysicalRoot().acl_users[PLUGIN_ID].store
    db, moment = store._p_jar.db(), time.time()
    counters.record(store, {"ip:192.0.2.9": 100}, moment)
    managers = [transaction.TransactionManager() for _n in range(2)]
    connections = [db.open(transaction_manager=m) for m in managers]
    for manager, connection in zip(managers, connections, strict=True):
        manager.begin()
        connection.get(store._p_oid).tree["ip:192.0.2.9"].fail(moment)
    for manager in managers:
        manager.commit()  # the second: resolved, not refused
    for connection in connections:
        connection.close()
    assert counters.read(store, ["ip:192.0.2.9"], moment)["ip:192.0.2.9"].count == 3


def test_two_transactions_that_lock_at_once_mail_once(site):
    """Two failures written at the same moment, each the 20th in its own
    view: both are counted, the account is locked and only one of the two
    claims the lock mail."""
    store = api.portal.get().getPhysicalRoot().acl_users[PLUGIN_ID].store
    db = store._p_jar.db()
    key, moment = "a:/plone:anna.lindqvist", time.time()
    seed("anna.lindqvist", ACCOUNT_LIMIT - 1, address="192.0.2.7")
    managers = [transaction.TransactionManager() for _n in range(2)]
    connections = [db.open(transaction_manager=m) for m in managers]
    claims = []
    for manager, connection in zip(managers, connections, strict=True):
        manager.begin()
        copy = connection.get(store._p_oid)
        claims.append(counters._apply(copy, {key: ACCOUNT_LIMIT}, moment, True, key))
    managers[0].commit()
    with pytest.raises(counters.ConflictError):
        managers[1].commit()  # both claimed the mail: the second retries
    managers[1].abort()
    for connection in connections:
        connection.close()
    assert [started for started, _mail in claims] == [{key}, {key}]
    status = counters.read(store, [key], moment)[key]
    assert status.locked_until > moment


def test_an_email_address_signs_in_only_as_its_one_owner(site):
    create_staff({"bo.delad": [], "kim.delad": []})
    with api.env.adopt_roles(["Manager"]):
        for login in ("bo.delad", "kim.delad"):
            api.user.get(username=login).setMemberProperties(
                {"email": "delad@solna.example"}
            )
        # A login that is someone else's address: the login wins.
        api.user.create(
            username="olle.medarbetare@solna.example",
            email="annan@solna.example",
            password="Annat-losen-2",
        )
    transaction.commit()
    _answer, ok = form_login(site, "Anna.Lindqvist@Solna.example", PASSWORD)
    assert ok
    assert rest_login(site, "anna.lindqvist@solna.example", PASSWORD).status_code == 200
    # An address two members share signs in as nobody.
    assert not form_login(site, "delad@solna.example", PASSWORD)[1]
    assert rest_login(site, "delad@solna.example", PASSWORD).status_code == 401
    assert signed_in(site, "bo.delad")
    assert signed_in(site, "kim.delad")
    assert not form_login(site, "olle.medarbetare@solna.example", PASSWORD)[1]
    assert rest_login(site, "olle.medarbetare@solna.example", "Annat-losen-2").json()[
        "token"
    ]
    # The one with that login is counted, not Olle.
    seed("olle.medarbetare@solna.example", ACCOUNT_LIMIT)
    assert signed_in(site, "olle.medarbetare")


def test_rest_login_takes_any_case_and_says_what_is_missing(site):
    answer = rest_login(site, "ANNA.Lindqvist", PASSWORD)
    assert answer.status_code == 200
    token = answer.json()["token"]
    me = requests.get(
        f"{site}/@mitt-intranat",
        headers={**REST_JSON, "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert me.status_code == 200
    missing = requests.post(
        f"{site}/@login",
        json={"login": "anna.lindqvist"},
        headers=REST_JSON,
        timeout=60,
    )
    assert missing.status_code == 400
    assert missing.json()["error"]["type"] == "Missing credentials"
    assert missing.json()["error"]["message"].startswith(
        "Skicka inloggningsnamn och lösenord"
    )


def test_an_address_that_guessed_a_hundred_times_is_locked(site, monkeypatch):
    """Behind a trusted proxy, the client's own address counts (an IPv6
    address per /64): 100 failures from one lock every login from it, and
    nobody else; X-Forwarded-For from anyone else is not believed."""
    monkeypatch.setattr(ZPublisher.HTTPRequest, "trusted_proxies", ["127.0.0.1"])
    for n in range(ADDRESS_LIMIT - 1):
        seed(f"gissning{n}", 1, address="2001:db8:1:2::5")
    here = {**REST_JSON, "X-Forwarded-For": "2001:db8:1:2:ffff::9"}
    there = {**REST_JSON, "X-Forwarded-For": "2001:db8:1:3::5"}
    assert rest_login(site, "olle.medarbetare", WRONG, here).status_code == 429
    assert rest_login(site, "anna.lindqvist", PASSWORD, here).status_code == 429
    assert rest_login(site, "anna.lindqvist", PASSWORD, there).status_code == 200
    monkeypatch.setattr(ZPublisher.HTTPRequest, "trusted_proxies", [])
    assert rest_login(site, "anna.lindqvist", PASSWORD, here).status_code == 200


def test_the_municipal_network_gets_a_larger_address_limit(site, monkeypatch):
    monkeypatch.setenv(guard.NETWORKS_VARIABLE, "127.0.0.0/8, 10.0.0.0/8")
    for n in range(ADDRESS_LIMIT):
        seed(f"gissning{n}", 1)
    assert signed_in(site, "anna.lindqvist")
    monkeypatch.delenv(guard.NETWORKS_VARIABLE)
    seed("gissning", 1)
    assert not signed_in(site, "anna.lindqvist")


def test_client_addresses_are_counted_per_ipv4_address_and_ipv6_64():
    key = guard.client_key
    assert key(Client("192.0.2.1")) == "ip:192.0.2.1"
    assert key(Client("::ffff:192.0.2.1")) == "ip:192.0.2.1"
    assert key(Client("2001:db8:1:2::5")) == key(Client("2001:db8:1:2:ab:cd:ef:1"))
    assert key(Client("2001:db8:1:2::5")) == "ip:2001:db8:1:2::/64"
    assert key(Client("2001:db8:1:3::5")) != key(Client("2001:db8:1:2::5"))
    assert key(Client("")) == "ip:-"


def test_the_holder_gets_one_mail_a_day(site, smtp, monkeypatch):
    seed("anna.lindqvist", ACCOUNT_LIMIT)
    assert wait_for(lambda: smtp.to("anna.lindqvist@solna.example"))
    seed("anna.lindqvist", 5)  # while locked: no more mail
    move_clock(monkeypatch, 20 * 60)
    seed("anna.lindqvist", ACCOUNT_LIMIT)  # locked again
    assert not signed_in(site, "anna.lindqvist")
    assert len(smtp.messages) == 1
    move_clock(monkeypatch, 25 * 60 * 60)
    seed("anna.lindqvist", ACCOUNT_LIMIT)
    assert wait_for(lambda: len(smtp.messages) == 2)


def test_nothing_about_an_attempt_is_logged(site, caplog):
    caplog.set_level(logging.DEBUG)
    for _n in range(ACCOUNT_LIMIT):
        rest_login(site, "anna.lindqvist", "Hemlig-gissning-9")
    assert rest_login(site, "anna.lindqvist", PASSWORD).status_code == 429
    logged = "\n".join(
        record.getMessage()
        for record in caplog.records
        # (not the test's own SMTP server and HTTP client)
        if not record.name.startswith(("mail.log", "urllib3"))
    )
    assert "refused for 15 minutes" in logged
    for secret in ("anna.lindqvist", "Hemlig-gissning-9", PASSWORD, "127.0.0.1"):
        assert secret not in logged


def test_the_wait_is_told_in_whole_minutes(site, monkeypatch):
    """ "en minut" for the last minute, "15 minuter" before."""
    move_clock(monkeypatch, -(15 * 60 - 30))
    seed("anna.lindqvist", ACCOUNT_LIMIT)  # a lock that ends in 30 seconds
    monkeypatch.undo()
    answer, _ok = form_login(site, "anna.lindqvist", PASSWORD)
    assert answer.status_code == 429
    assert ONE in alert(answer)
    rest = rest_login(site, "anna.lindqvist", PASSWORD)
    assert ONE in rest.json()["error"]["message"]
    assert 0 < int(rest.headers["Retry-After"]) <= 30


def test_the_failsafe_form_signs_nobody_in(site):
    seed("anna.lindqvist", ACCOUNT_LIMIT)
    answer, ok = form_login(
        site, "anna.lindqvist", PASSWORD, url=f"{site}/failsafe_login"
    )
    assert not ok
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(f"{site}/login")
    plain = requests.get(f"{site}/failsafe_login_form", timeout=60)
    assert plain.url.startswith(f"{site}/login")
    assert "__ac_password" in plain.text


def test_a_password_in_the_address_never_signs_in(site):
    query = {"__ac_name": "anna.lindqvist", "__ac_password": PASSWORD}
    s = requests.Session()
    answer = s.get(f"{site}/@@mitt-intranat", params=query, timeout=60)
    assert 'name="__ac_password"' in answer.text  # the login page
    s.get(f"{site}/login", params={**query, "buttons.login": "Logga in"}, timeout=60)
    assert "__ac" not in s.cookies or s.cookies["__ac"] in ("", "deleted")


def test_a_password_reset_ends_the_lock(site):
    seed("anna.lindqvist", ACCOUNT_LIMIT)
    assert not signed_in(site, "anna.lindqvist")
    limits.unlock(Client(), "Anna.Lindqvist")
    assert signed_in(site, "anna.lindqvist")


def test_a_code_route_failure_counts_with_the_passwords(site):
    seed("anna.lindqvist", ACCOUNT_LIMIT - 1)
    until = limits.record_failure(Client(), "anna.lindqvist", kind="code")
    assert until > time.time()
    assert limits.locked_until(Client(), "ANNA.lindqvist") == pytest.approx(until)
    with pytest.raises(ValueError, match="kind"):
        limits.record_failure(Client(), "anna.lindqvist", kind="sms")


def test_signing_in_without_failures_writes_no_counter(site):
    assert signed_in(site, "anna.lindqvist")
    assert rest_login(site, "anna.lindqvist", PASSWORD).status_code == 200
    assert form_login(site, "anna.lindqvist", PASSWORD)[1]
    transaction.begin()
    store = api.portal.get().getPhysicalRoot().acl_users[PLUGIN_ID].store
    assert len(store.tree) == 0


def test_idle_counters_are_swept(site, monkeypatch):
    """Guessing many logins does not grow the database without end."""
    move_clock(monkeypatch, -3600)
    for n in range(30):
        seed(f"gammal{n}", 1)
    monkeypatch.undo()
    seed("ny", 1)
    transaction.begin()
    store = api.portal.get().getPhysicalRoot().acl_users[PLUGIN_ID].store
    assert sorted(store.tree.keys()) == ["a:/plone:?ny", "ip:127.0.0.1"]


def test_uninstall_gives_the_passwords_back_to_plone(integration):
    from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin

    portal = api.portal.get()
    site_users, root_users = portal.acl_users, portal.getPhysicalRoot().acl_users
    for users in (site_users, root_users):
        assert users.plugins.listPluginIds(IAuthenticationPlugin)[0] == PLUGIN_ID
    assert "source_users" in site_users.plugins.listPluginIds(IAuthenticationPlugin)
    guard.uninstall(portal)
    for users in (site_users, root_users):
        assert PLUGIN_ID not in users.objectIds()
    assert "source_users" in site_users.plugins.listPluginIds(IAuthenticationPlugin)
    create_staff({"anna.lindqvist": []})
    user = site_users.authenticate("anna.lindqvist", PASSWORD, portal.REQUEST)
    assert user.getId() == "anna.lindqvist"
    # Back, over the reverted guard (no ``store``, source_users off), and
    # again: the same.
    reverted = guard.Guard()
    del reverted.store
    site_users._setObject(PLUGIN_ID, reverted)
    site_users.plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    site_users.plugins.deactivatePlugin(IAuthenticationPlugin, "source_users")
    guard.install(portal)
    guard.install(portal)
    assert site_users[PLUGIN_ID].store is not None
    assert "source_users" in site_users.plugins.listPluginIds(IAuthenticationPlugin)
    for users in (site_users, root_users):
        assert users.plugins.listPluginIds(IAuthenticationPlugin)[0] == PLUGIN_ID
        assert users[PLUGIN_ID].check_order()


def test_the_guard_tells_the_web_nothing(site):
    """Its methods would say which logins exist: none can be called by
    address."""
    root = site.rsplit("/", 1)[0]
    for url in (
        f"{site}/acl_users/{PLUGIN_ID}/root_login?text=admin",
        f"{root}/acl_users/{PLUGIN_ID}/root_login?text=admin",
        f"{site}/acl_users/{PLUGIN_ID}/check_order",
    ):
        answer = requests.get(url, allow_redirects=False, timeout=60)
        assert answer.status_code != 200, url
        assert "admin" not in answer.text.replace("/acl_users", "")


def test_without_the_add_on_passwords_still_work(integration):
    """Its code gone without an uninstall (the guard a broken object that
    PAS skips): source_users checks passwords as before, not nobody."""
    from OFS.SimpleItem import SimpleItem

    create_staff({"anna.lindqvist": []})
    users = api.portal.get().acl_users
    broken = SimpleItem()
    broken.id = PLUGIN_ID
    users._delOb(PLUGIN_ID)
    users._setOb(PLUGIN_ID, broken)
    user = users.authenticate("anna.lindqvist", PASSWORD, api.portal.get().REQUEST)
    assert user.getId() == "anna.lindqvist"


def test_a_member_changes_her_password_over_rest_with_the_old_one(site):
    """plone.restapi checks the old password with PlonePAS ``authenticate``
    and hands it over as bytes: the guard reads them as UTF-8."""
    new = "Nytt-lösen-2345"  # not ASCII: really UTF-8
    answer = requests.post(
        f"{site}/++api++/@users/anna.lindqvist/reset-password",
        json={"old_password": PASSWORD, "new_password": new},
        auth=("anna.lindqvist", PASSWORD),
        headers=REST_JSON,
        timeout=60,
    )
    assert answer.status_code in (200, 204), answer.text
    assert rest_login(site, "anna.lindqvist", new).status_code == 200
    assert rest_login(site, "anna.lindqvist", PASSWORD).status_code == 401
    token = rest_login(site, "anna.lindqvist", new).json()["token"]
    wrong = requests.post(
        f"{site}/++api++/@users/anna.lindqvist/reset-password",
        json={"old_password": WRONG, "new_password": "Ett-tredje-3456"},
        headers={**REST_JSON, "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert wrong.status_code == 403
    assert rest_login(site, "anna.lindqvist", new).status_code == 200


def test_a_rest_login_is_its_token_alone(site):
    """REST ``@login`` from an app: no ``__ac`` cookie beside the JWT, and
    one entry in the device list; signing it out ends the app's sign-in."""
    phone = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
        "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 "
        "Safari/604.1"
    )
    answer = requests.post(
        f"{site}/@login",
        json={"login": "anna.lindqvist", "password": PASSWORD},
        headers={**REST_JSON, "User-Agent": phone},
        timeout=60,
    )
    assert answer.status_code == 200
    assert "__ac" not in answer.headers.get("Set-Cookie", "")
    bearer = {**REST_JSON, "Authorization": f"Bearer {answer.json()['token']}"}
    listed = requests.get(f"{site}/++api++/@enheter", headers=bearer, timeout=60)
    (entry,) = listed.json()["items"]
    assert entry["kind"] == "api"
    gone = requests.delete(
        f"{site}/++api++/@enheter/{entry['id']}", headers=bearer, timeout=60
    )
    assert gone.status_code in (200, 204)
    after = requests.get(f"{site}/++api++/@mitt-intranat", headers=bearer, timeout=60)
    assert after.status_code == 401
