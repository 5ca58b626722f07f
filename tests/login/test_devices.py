"""Kom ihåg den här telefonen (issue 16): a phone stays signed in for 90
days of use, through browser restarts; each member sees their signed-in
devices and signs one or all out; HR signs a person out everywhere;
signing out everywhere also ends the member's JWTs. Over real HTTP."""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from lxml import html
from plone import api
from plone.session import tktauth
from solna.intranet.login import devices
from tests.fixtures.http import text
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import binascii
import pytest
import requests
import time
import transaction


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
DAY = 24 * 3600


@pytest.fixture
def site(functional_portal):
    create_staff({"anna.lindqvist": ["medarbetare"], "karin.berg": ["hr-redaktorer"]})
    transaction.commit()
    return functional_portal.absolute_url()


def sign_in(site, agent=IPHONE, remember=True):
    """A browser (requests session) signed in through the login form."""
    s = requests.Session()
    s.headers["User-Agent"] = agent
    page = html.fromstring(s.get(f"{site}/login", timeout=60).text)
    (form,) = page.xpath('//form[.//input[@name="__ac_name"]]')
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": "anna.lindqvist", "__ac_password": PASSWORD})
    data.setdefault("buttons.login", "Logga in")
    if remember:
        data["remember:boolean"] = "on"
    else:
        data.pop("remember:boolean", None)
    answer = s.post(f"{site}/login", data=data, allow_redirects=False, timeout=60)
    assert answer.status_code == 302, answer.text[:500]
    return s, answer


def signed_in(browser, site):
    """Is this browser signed in? (Mitt intranät answers, no login page.)"""
    answer = browser.get(f"{site}/@@mina-enheter", allow_redirects=False, timeout=60)
    return answer.status_code == 200


def restarted(browser):
    """The same browser after a restart: only its persistent cookies are
    left (requests keeps session cookies too, so copy the value)."""
    again = requests.Session()
    again.headers["User-Agent"] = browser.headers["User-Agent"]
    again.cookies.set("__ac", browser.cookies["__ac"])
    return again


def page(browser, site, query=""):
    answer = browser.get(f"{site}/@@mina-enheter{query}", timeout=60)
    assert answer.status_code == 200, answer.status_code
    return html.fromstring(answer.text)


def post(browser, site, button, device=None, query=""):
    doc = page(browser, site, query)
    if device:
        (form,) = doc.xpath(
            f'//li[@data-device="{device}"]'
            '//form[contains(@class, "solna-device-signout")]'
        )
    else:
        (form,) = doc.xpath('//form[@id="solna-devices-everywhere"]')
    data = dict(form.form_values())
    data[button] = "1"
    return browser.post(form.get("action"), data=data, timeout=60)


def listed(browser, site, query=""):
    return [
        (li.get("data-device"), text(li))
        for li in page(browser, site, query).xpath(
            '//li[contains(@class, "solna-device")]'
        )
    ]


def set_cookie_of(answer):
    return ", ".join(
        v for k, v in answer.raw.headers.items() if k.lower() == "set-cookie"
    )


def ticket(userid, device_id, remember, age):
    """A ticket as the plugin signs it, ``age`` seconds old."""
    session = devices.plugin()
    raw = tktauth.createTicket(
        session._getSigningSecret(userid),
        userid,
        user_data=devices.make_user_data(device_id, remember),
        timestamp=int(time.time() - age),
    )
    return binascii.b2a_base64(raw).rstrip().decode()


def use(browser, value):
    """Give the browser this ``__ac`` cookie instead of its own."""
    browser.cookies.clear()
    browser.cookies.set("__ac", value)


def the_device(userid="anna.lindqvist"):
    transaction.begin()  # see what the server committed
    (device,) = devices.plugin().devices_of(userid)
    return device


# --- the plugin and the cookie ---------------------------------------------


def test_the_site_session_plugin_remembers_devices(site, functional_portal):
    from Products.PluggableAuthService.interfaces import plugins

    pas = functional_portal.acl_users
    session = pas.session
    assert isinstance(session, devices.DeviceSessionPlugin)
    assert session.getProperty("timeout") == 7200  # plone.session's setting kept
    for interface in (
        plugins.IExtractionPlugin,
        plugins.IAuthenticationPlugin,
        plugins.ICredentialsUpdatePlugin,
        plugins.ICredentialsResetPlugin,
    ):
        assert "session" in pas.plugins.listPluginIds(interface)
    assert pas.jwt_auth.store_tokens is True


def test_a_remembered_phone_gets_a_90_day_cookie_and_survives_a_restart(site):
    phone, answer = sign_in(site)
    cookie = set_cookie_of(answer)
    assert "__ac=" in cookie
    assert "Max-Age=7776000" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert signed_in(restarted(phone), site)
    device = the_device()
    assert device.remember
    assert (device.browser, device.system) == ("Safari", "iPhone")


def test_unticked_is_a_cookie_for_the_browser_session(site):
    computer, answer = sign_in(site, WINDOWS, remember=False)
    cookie = set_cookie_of(answer)
    assert "__ac=" in cookie
    assert "Max-Age" not in cookie
    assert "Expires" not in cookie
    assert signed_in(computer, site)
    assert not the_device().remember


def test_the_cookie_is_secure_over_https(site):
    _phone, answer = sign_in(site)
    assert "Secure" not in set_cookie_of(answer)
    s = requests.Session()
    page = html.fromstring(s.get(f"{site}/login", timeout=60).text)
    (form,) = page.xpath('//form[.//input[@name="__ac_name"]]')
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": "anna.lindqvist", "__ac_password": PASSWORD})
    data.setdefault("buttons.login", "Logga in")
    answer = s.post(
        f"{site}/login",
        data=data,
        headers={"X-Forwarded-Proto": "https"},
        allow_redirects=False,
        timeout=60,
    )
    assert "Secure" in set_cookie_of(answer)


# --- 90 days of use, sliding; no writes on page views -------------------------


def test_a_page_view_writes_nothing(site, functional_portal):
    phone, _answer = sign_in(site)
    db = functional_portal._p_jar.db()
    before = db.lastTransaction()
    for _ in range(3):
        answer = phone.get(f"{site}/@@mitt-intranat", timeout=60)
        assert answer.status_code == 200
        assert "__ac=" not in set_cookie_of(answer)
    assert db.lastTransaction() == before


def test_the_first_use_of_a_day_slides_90_days_once(site, functional_portal):
    phone, _answer = sign_in(site)
    device = the_device()
    device.last_used -= 2 * DAY
    transaction.commit()
    old = ticket("anna.lindqvist", device.id, True, 2 * DAY)
    use(phone, old)
    db = functional_portal._p_jar.db()
    before = db.lastTransaction()
    # A style sheet is no day's use (and a proxy may cache it): no cookie.
    login = html.fromstring(requests.get(f"{site}/login", timeout=60).text)
    css = login.xpath('//link[@rel="stylesheet"]/@href')[0]
    answer = phone.get(css, timeout=60)
    assert answer.status_code == 200
    assert "__ac=" not in set_cookie_of(answer)
    answer = phone.get(f"{site}/@@mitt-intranat", allow_redirects=False, timeout=60)
    assert answer.status_code == 200  # no plone.protect confirmation
    assert "Max-Age=7776000" in set_cookie_of(answer)
    assert answer.cookies["__ac"] != old
    assert time.time() - the_device().last_used < 60
    after = db.lastTransaction()
    assert after != before
    # The rest of the day: nothing is written.
    use(phone, answer.cookies["__ac"])
    answer = phone.get(f"{site}/@@mitt-intranat", timeout=60)
    assert answer.status_code == 200
    assert "__ac=" not in set_cookie_of(answer)
    assert db.lastTransaction() == after


def test_89_days_without_use_is_still_signed_in_91_is_not(site):
    phone, _answer = sign_in(site)
    device = the_device()
    use(phone, ticket("anna.lindqvist", device.id, True, 89 * DAY))
    assert signed_in(phone, site)
    use(phone, ticket("anna.lindqvist", device.id, True, 91 * DAY))
    assert not signed_in(phone, site)


def test_not_remembered_keeps_two_hours(site):
    computer, _answer = sign_in(site, WINDOWS, remember=False)
    device = the_device()
    use(computer, ticket("anna.lindqvist", device.id, False, 3600))
    assert signed_in(computer, site)
    use(computer, ticket("anna.lindqvist", device.id, False, 3 * 3600))
    assert not signed_in(computer, site)


def test_a_ticket_from_before_keeps_plone_sessions_two_hours(site):
    from plone.keyring.interfaces import IKeyManager
    from zope.component import getUtility

    secret = getUtility(IKeyManager).secret()

    def old(age):
        raw = tktauth.createTicket(
            secret, "anna.lindqvist", timestamp=int(time.time() - age)
        )
        return binascii.b2a_base64(raw).rstrip().decode()

    browser = requests.Session()
    use(browser, old(3600))
    assert signed_in(browser, site)
    use(browser, old(3 * 3600))
    assert not signed_in(browser, site)


def test_a_forged_device_ticket_signed_with_the_system_ring_is_refused(site):
    from plone.keyring.interfaces import IKeyManager
    from zope.component import getUtility

    phone, _answer = sign_in(site)
    raw = tktauth.createTicket(
        getUtility(IKeyManager).secret(),
        "anna.lindqvist",
        user_data=devices.make_user_data(the_device().id, True),
    )
    use(phone, binascii.b2a_base64(raw).rstrip().decode())
    assert not signed_in(phone, site)


# --- the list and signing out ---------------------------------------------------


def test_the_list_names_each_device_and_marks_this_one(site):
    phone, _ = sign_in(site, IPHONE)
    _computer, _ = sign_in(site, WINDOWS)
    items = listed(phone, site)
    assert len(items) == 2
    (mine,) = [t for _id, t in items if "Den här enheten" in t]
    assert "Safari på iPhone" in mine
    assert "Inloggad" in mine
    assert "Senast använd" in mine
    assert any("Edge på Windows" in t for _id, t in items)
    doc = page(phone, site)
    assert doc.xpath('//a[@id="solna-devices-private-email"]/@href')[0].endswith(
        "/@@privat-epost"
    )
    (button,) = doc.xpath('//form[@id="solna-devices-everywhere"]//button')
    assert text(button) == "Logga ut överallt"
    assert {
        text(b)
        for b in doc.xpath('//form[contains(@class, "solna-device-signout")]//button')
    } == {"Logga ut"}


def test_the_personal_menu_links_the_page(site):
    phone, _ = sign_in(site)
    doc = html.fromstring(phone.get(f"{site}/@@mitt-intranat", timeout=60).text)
    links = doc.xpath('//a[contains(@href, "@@mina-enheter")]')
    assert links
    assert "Inloggade enheter" in {text(a) for a in links}


def test_logout_signs_out_this_device_only(site):
    phone, _ = sign_in(site, IPHONE)
    computer, _ = sign_in(site, WINDOWS)
    copied = restarted(phone)
    assert phone.get(f"{site}/logout", timeout=60).status_code == 200
    assert not signed_in(copied, site)  # a copy of the old cookie is no good
    assert signed_in(computer, site)
    assert len(listed(computer, site)) == 1


def test_signing_out_another_device_on_the_page(site):
    phone, _ = sign_in(site, IPHONE)
    computer, _ = sign_in(site, WINDOWS)
    (other,) = [i for i, t in listed(phone, site) if "Den här enheten" not in t]
    answer = post(phone, site, "logga-ut", other)
    assert answer.status_code == 200
    assert "Enheten är utloggad." in text(html.fromstring(answer.text))
    assert not signed_in(computer, site)
    assert signed_in(phone, site)


def test_signing_out_needs_the_form_token(site):
    phone, _ = sign_in(site, IPHONE)
    computer, _ = sign_in(site, WINDOWS)
    (other,) = [i for i, t in listed(phone, site) if "Den här enheten" not in t]
    answer = phone.post(
        f"{site}/@@mina-enheter",
        data={"device": other, "logga-ut": "1"},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 403
    answer = phone.get(
        f"{site}/@@mina-enheter",
        params={"device": other, "logga-ut": "1"},
        timeout=60,
    )
    assert signed_in(computer, site)


def test_signing_out_everywhere_ends_cookies_and_jwts(site):
    phone, _ = sign_in(site, IPHONE)
    computer, _ = sign_in(site, WINDOWS)
    token = requests.post(
        f"{site}/++api++/@login",
        json={"login": "anna.lindqvist", "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["token"]
    app = requests.Session()
    app.headers.update(
        {"Accept": "application/json", "Authorization": f"Bearer {token}"}
    )
    answer = app.get(f"{site}/++api++/@enheter", timeout=60)
    assert answer.status_code == 200
    assert [i["kind"] for i in answer.json()["items"] if i["current"]] == ["api"]
    answer = post(phone, site, "logga-ut-overallt")
    assert answer.url.endswith("/login")
    assert "__ac" not in phone.cookies
    assert not signed_in(computer, site)
    assert app.get(f"{site}/++api++/@enheter", timeout=60).status_code == 401


# --- REST -------------------------------------------------------------------------


def test_rest_lists_and_signs_out(site):
    phone, _ = sign_in(site, IPHONE)
    computer, _ = sign_in(site, ANDROID)
    rest = {"Accept": "application/json"}
    answer = phone.get(f"{site}/++api++/@enheter", headers=rest, timeout=60)
    assert answer.status_code == 200
    body = answer.json()
    assert body["items_total"] == 2
    assert body["userid"] == "anna.lindqvist"
    (other,) = [i for i in body["items"] if not i["current"]]
    assert other["name"] == "Chrome på Android"
    assert other["kind"] == "browser"
    assert other["first_used"].startswith(str(time.gmtime().tm_year))
    delete = {**rest, "Origin": site.rsplit("/", 1)[0]}
    answer = phone.delete(
        f"{site}/++api++/@enheter/{other['id']}", headers=delete, timeout=60
    )
    assert answer.status_code == 204, answer.text
    assert not signed_in(computer, site)
    answer = phone.delete(
        f"{site}/++api++/@enheter/finns-inte", headers=delete, timeout=60
    )
    assert answer.status_code == 404
    assert answer.json()["error"]["message"] == "Det finns ingen sådan inloggad enhet."
    answer = phone.delete(f"{site}/++api++/@enheter", headers=delete, timeout=60)
    assert answer.status_code == 204
    assert not signed_in(phone, site)


def test_rest_refuses_other_peoples_devices_to_members(site):
    answer = requests.get(
        f"{site}/++api++/@enheter",
        params={"userid": "karin.berg"},
        auth=("anna.lindqvist", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["message"] == (
        "Du får bara se och logga ut dina egna enheter."
    )


# --- HR ----------------------------------------------------------------------------


def test_hr_signs_a_person_out_everywhere(site):
    phone, _ = sign_in(site, IPHONE)
    hr = requests.Session()
    hr.auth = ("karin.berg", PASSWORD)
    assert "Här är Anna Lindqvist inloggad." in text(
        page(hr, site, "?userid=Anna.Lindqvist@solna.example")
    )
    items = listed(hr, site, "?userid=Anna.Lindqvist@solna.example")
    assert len(items) == 1
    assert "Safari på iPhone" in items[0][1]
    answer = post(hr, site, "logga-ut-overallt", query="?userid=anna.lindqvist")
    assert answer.status_code == 200
    assert "Anna Lindqvist är utloggad på alla enheter och appar." in text(
        html.fromstring(answer.text)
    )
    assert not signed_in(phone, site)
    answer = hr.get(
        f"{site}/++api++/@enheter",
        params={"userid": "anna.lindqvist"},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.json()["items"] == []


def test_hr_finds_the_link_on_the_persons_page(site, functional_portal):
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(
            container=functional_portal,
            type="solna.Unit",
            id="solglantan",
            title="Solgläntans förskola",
            kind="forskola",
        )
        person = api.content.create(
            container=unit,
            type="solna.Person",
            title="Anna Lindqvist",
            first_name="Anna",
            last_name="Lindqvist",
            userid="Anna.Lindqvist",
        )
        for item in (unit, person):
            api.content.transition(item, to_state="published")
    transaction.commit()
    url = person.absolute_url()
    hr = html.fromstring(
        requests.get(url, auth=("karin.berg", PASSWORD), timeout=60).text
    )
    (link,) = hr.xpath('//a[@id="solna-person-devices"]')
    assert link.get("href").endswith("/@@mina-enheter?userid=anna.lindqvist")
    assert text(link) == "Inloggade enheter och utloggning"
    member = requests.get(url, auth=("anna.lindqvist", PASSWORD), timeout=60)
    assert 'id="solna-person-devices"' not in member.text


def test_a_member_only_ever_sees_their_own(site):
    phone, _ = sign_in(site, IPHONE)
    doc = page(phone, site, "?userid=karin.berg")
    assert not doc.xpath('//form[@id="solna-devices-lookup"]')
    assert len(doc.xpath('//li[contains(@class, "solna-device")]')) == 1
    assert "Den här enheten" in text(doc.xpath('//ul[@id="solna-devices"]')[0])


# --- every route records a device --------------------------------------------------


def test_a_direct_session_setup_records_a_device(site, functional_portal):
    """pas.plugins.oidc calls ``session._setupSession(userid, response)``."""
    request = functional_portal.REQUEST
    request.environ["HTTP_USER_AGENT"] = ANDROID
    functional_portal.acl_users.session._setupSession(
        "anna.lindqvist", request.response
    )
    transaction.commit()
    cookie = request.response.cookies["__ac"]
    assert cookie["Max-Age"] == str(90 * DAY)
    browser = requests.Session()
    value = cookie["value"]
    use(browser, value.decode() if isinstance(value, bytes) else value)
    assert signed_in(browser, site)
    assert the_device().system == "Android"


def test_a_deleted_account_has_no_devices(site, functional_portal):
    sign_in(site)
    transaction.begin()  # see what the server committed
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="anna.lindqvist")
    transaction.commit()
    assert devices.plugin().devices_of("anna.lindqvist") == []


@pytest.mark.parametrize(
    ("agent", "named"),
    [
        (IPHONE, ("Safari", "iPhone")),
        (ANDROID, ("Chrome", "Android")),
        (WINDOWS, ("Edge", "Windows")),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) "
            "Gecko/20100101 Firefox/127.0",
            ("Firefox", "Mac"),
        ),
        ("python-requests/2.32", ("", "")),
        (None, ("", "")),
    ],
)
def test_a_device_is_named_from_its_user_agent(agent, named):
    assert devices.describe(agent) == named


def test_records_that_cannot_sign_in_go_once_a_day(site, functional_portal):
    session = devices.plugin()
    now = time.time()
    stale = {
        "old-phone": devices.Device("a" * 32, "Safari", "iPhone", "browser", True, 0),
        "old-computer": devices.Device(
            "b" * 32, "Edge", "Windows", "browser", False, 0
        ),
    }
    stale["old-phone"].last_used = now - 92 * DAY
    stale["old-computer"].first_used = stale["old-computer"].last_used = now - 3 * 3600
    for name, device in stale.items():
        session._devices[name] = OOBTree({device.id: device})
    session._sweep.day = ""
    transaction.commit()
    sign_in(site)
    transaction.begin()
    assert set(session._devices.keys()) == {"anna.lindqvist"}


def test_install_and_uninstall_keep_the_plugin_and_its_place(site, functional_portal):
    from plone.session.plugins.session import SessionPlugin
    from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin

    pas = functional_portal.acl_users
    order = pas.plugins.listPluginIds(IAuthenticationPlugin)
    devices.uninstall(functional_portal)
    assert type(aq_base(pas.session)) is SessionPlugin
    assert pas.session.getProperty("timeout") == 7200
    assert pas.plugins.listPluginIds(IAuthenticationPlugin) == order
    assert not pas.jwt_auth.store_tokens
    devices.install(functional_portal)
    devices.install(functional_portal)
    assert isinstance(pas.session, devices.DeviceSessionPlugin)
    assert pas.plugins.listPluginIds(IAuthenticationPlugin) == order
    transaction.abort()


def test_another_member_signing_in_on_a_shared_phone_ends_the_first_ones_device(
    site,
):
    """Anna's cookie is replaced when Karin signs in on the same phone: her
    device record ends there (so nothing kept for it, such as her push
    subscription, reaches Karin's lock screen), and a copy of Anna's old
    cookie no longer signs in."""
    phone, _ = sign_in(site, IPHONE)
    copied = restarted(phone)
    page = html.fromstring(phone.get(f"{site}/login", timeout=60).text)
    (form,) = page.xpath('//form[.//input[@name="__ac_name"]]')
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": "karin.berg", "__ac_password": PASSWORD})
    data.setdefault("buttons.login", "Logga in")
    data["remember:boolean"] = "on"
    answer = phone.post(f"{site}/login", data=data, allow_redirects=False, timeout=60)
    assert answer.status_code == 302, answer.text[:500]
    transaction.begin()
    assert devices.plugin().devices_of("anna.lindqvist") == []
    assert len(devices.plugin().devices_of("karin.berg")) == 1
    assert not signed_in(copied, site)
    assert signed_in(phone, site)
