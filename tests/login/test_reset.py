"""A new password by e-mail, in Swedish (issue 16): the same answer for every
login and address, a link valid 15 minutes that works once, stored only as
a hash; after a reset every other link of the member is void, their other
devices are signed out and their guessing lock ends. Real SMTP, real HTTP."""

from Acquisition import aq_base
from lxml import html
from plone import api
from solna.intranet.login import limits
from solna.intranet.login import reset
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import datetime
import pytest
import re
import requests
import transaction


NEW_PASSWORD = "Nytt-losen-2027"


@pytest.fixture
def site(functional_portal, smtp):
    create_staff({"anna.lindqvist": ["medarbetare"]})
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    api.portal.set_registry_record("plone.email_from_address", "intranat@solna.example")
    transaction.commit()
    return functional_portal.absolute_url()


def ask(site, typed, browser=None):
    """Ask for a link as a phone does: open the form, post it."""
    browser = browser or requests.Session()
    page = html.fromstring(browser.get(f"{site}/mail_password_form", timeout=60).text)
    (form,) = page.xpath('//form[@id="solna-reset-request"]')
    data = dict(form.form_values())
    data["userid"] = typed
    return browser.post(form.get("action"), data=data, timeout=60)


def link_in(message):
    (url,) = re.findall(r"http://\S+/passwordreset/\S+", message.get_content())
    return url


def mails(smtp, address="anna.lindqvist@solna.example", count=1):
    assert wait_for(lambda: len(smtp.to(address)) >= count)
    return smtp.to(address)


def set_password(url, password=NEW_PASSWORD, again=None, browser=None):
    browser = browser or requests.Session()
    page = browser.get(url, timeout=60)
    doc = html.fromstring(page.text)
    forms = doc.xpath('//form[@id="solna-reset-password"]')
    if not forms:
        return page
    data = dict(forms[0].form_values())
    data.update({"password": password, "password_again": again or password})
    return browser.post(url, data=data, timeout=60)


def can_sign_in(site, password):
    answer = requests.get(
        f"{site}/++api++/@enheter",
        auth=("anna.lindqvist", password),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    return answer.status_code == 200


def shown(answer):
    return text(html.fromstring(answer.text).xpath("//main | //body")[0])


# --- asking ------------------------------------------------------------------


def test_every_login_and_address_gets_the_same_answer(site, smtp):
    typed = ("anna.lindqvist", "ingen.alls", "ingen@solna.example")
    answers = {each: ask(site, each) for each in typed}
    assert {a.status_code for a in answers.values()} == {200}
    # Byte for byte, but for what was typed.
    assert len({a.text.replace(each, "X") for each, a in answers.items()}) == 1
    page = shown(answers["ingen.alls"])
    assert "Länken gäller i 15 minuter och fungerar en gång." in page
    assert mails(smtp)
    assert len(smtp.messages) == 1  # nobody else got one


def test_the_mail_is_swedish_and_says_15_minutes(site, smtp):
    ask(site, "anna.lindqvist")
    (mail,) = mails(smtp)
    assert mail["Subject"] == "Välj ett nytt lösenord till intranätet"
    body = mail.get_content()
    assert body.startswith("Hej Anna Lindqvist!")
    assert "för kontot anna.lindqvist" in body
    assert "Länken gäller i 15 minuter och fungerar en gång." in body
    assert "0 timmar" not in body


@pytest.mark.parametrize("typed", ["Anna.Lindqvist", " ANNA.LINDQVIST@solna.example "])
def test_a_login_in_any_case_or_the_address_works(site, smtp, typed):
    ask(site, typed)
    assert mails(smtp)


def test_a_private_address_gets_the_link_itself(site, smtp, functional_portal):
    from solna.intranet.login import accounts

    accounts.set_private_address("anna.lindqvist", "anna@privat.example")
    transaction.commit()
    ask(site, "Anna@Privat.example")
    assert mails(smtp, "anna@privat.example")
    assert not smtp.to("anna.lindqvist@solna.example")


def test_a_form_without_its_token_sends_nothing(site, smtp):
    answer = requests.post(
        f"{site}/mail_password", data={"userid": "anna.lindqvist"}, timeout=60
    )
    assert answer.status_code == 200
    assert "Sidan hade varit öppen för länge. Försök igen." in shown(answer)
    # Mail goes out as the request commits, before the answer: none came.
    assert not smtp.messages


def test_at_most_three_open_links(site, smtp):
    for _ in range(5):
        ask(site, "anna.lindqvist")
    # Mail goes out as the request commits, before the answer.
    assert len(smtp.messages) == 3


def test_the_help_page_is_swedish_and_asks_the_same(site, smtp):
    answer = requests.get(f"{site}/@@login-help", timeout=60)
    page = shown(answer)
    assert "Behöver du hjälp?" in page
    assert "Byt ditt lösenord" in page
    assert "Logga in med engångskod" in page
    doc = html.fromstring(answer.text)
    (form,) = doc.xpath('//form[@id="solna-reset-request"]')
    assert form.get("action").endswith("/@@mail_password")


# --- the link ----------------------------------------------------------------


def test_the_link_sets_a_new_password_once(site, smtp, monkeypatch):
    unlocked = []
    monkeypatch.setattr(limits, "unlock", lambda request, login: unlocked.append(login))
    ask(site, "anna.lindqvist")
    url = link_in(mails(smtp)[0])
    form = requests.get(url, timeout=60)
    assert "Välj ett nytt lösenord" in shown(form)
    assert "För kontot anna.lindqvist." in shown(form)
    phone = requests.Session()
    answer = set_password(url, browser=phone)
    assert answer.status_code == 200
    assert "Ditt lösenord är bytt. Dina andra enheter är utloggade." in shown(answer)
    assert "__ac" in phone.cookies  # signed in on this phone
    assert can_sign_in(site, NEW_PASSWORD)
    assert not can_sign_in(site, PASSWORD)
    assert unlocked == ["anna.lindqvist"]
    again = set_password(url, password="Ett-tredje-1")
    assert "Länken fungerar inte längre" in shown(again)
    assert can_sign_in(site, NEW_PASSWORD)


def test_after_a_reset_other_links_and_devices_are_void(site, smtp):
    computer = requests.Session()
    computer.auth = None
    computer.post(
        f"{site}/login",
        data={
            "__ac_name": "anna.lindqvist",
            "__ac_password": PASSWORD,
            "buttons.login": "Logga in",
        },
        timeout=60,
    )
    assert (
        computer.get(f"{site}/@@mina-enheter", allow_redirects=False).status_code == 200
    )
    ask(site, "anna.lindqvist")
    ask(site, "anna.lindqvist")
    first, second = (link_in(m) for m in mails(smtp, count=2))
    set_password(second)
    assert "Länken fungerar inte längre" in shown(requests.get(first, timeout=60))
    answer = computer.get(f"{site}/@@mina-enheter", allow_redirects=False, timeout=60)
    assert answer.status_code == 302


def test_an_expired_link_changes_nothing(site, smtp, functional_portal):
    ask(site, "anna.lindqvist")
    url = link_in(mails(smtp)[0])
    transaction.begin()
    tool = functional_portal.portal_password_reset
    for digest, (userid, _expiry) in list(tool._requests.items()):
        tool._requests[digest] = (userid, datetime.datetime(2020, 1, 1))
    transaction.commit()
    answer = set_password(url)
    assert "Länken har gått ut" in shown(answer)
    assert "Länkar för nytt lösenord gäller i 15 minuter." in shown(answer)
    assert can_sign_in(site, PASSWORD)


@pytest.mark.parametrize("key", ["x", "a" * 43, "%C3%A5%20%22%3Cb%3E", "a" * 500])
def test_a_wrong_link_gets_a_swedish_page(site, key):
    answer = requests.get(f"{site}/passwordreset/{key}", timeout=60)
    assert answer.status_code == 200
    assert "Länken fungerar inte längre" in shown(answer)


def test_a_weak_or_mismatched_password_is_refused_and_the_link_stays(site, smtp):
    ask(site, "anna.lindqvist")
    url = link_in(mails(smtp)[0])
    answer = set_password(url, password="kort")
    assert "Lösenordet är för kort: använd minst 8 tecken." in shown(answer)
    answer = set_password(url, password="Ett-langt-1", again="Ett-annat-1")
    assert "De två lösenorden är inte likadana." in shown(answer)
    assert can_sign_in(site, PASSWORD)
    set_password(url)
    assert can_sign_in(site, NEW_PASSWORD)


def test_the_key_is_stored_only_as_a_hash(site, smtp, functional_portal):
    ask(site, "anna.lindqvist")
    key = link_in(mails(smtp)[0]).rsplit("/", 1)[1]
    transaction.begin()
    tool = functional_portal.portal_password_reset
    assert isinstance(tool, reset.ResetTool)
    stored = repr(list(tool._requests.items()))
    assert key not in stored
    assert len(tool._requests) == 1


# --- REST ------------------------------------------------------------------------


def test_rest_asks_and_sets_alike(site, smtp):
    def post(path, body):
        return requests.post(
            f"{site}/++api++/@nytt-losenord{path}",
            json=body,
            headers={"Accept": "application/json"},
            timeout=60,
        )

    known, unknown = post("", {"login": "anna.lindqvist"}), post("", {"login": "x"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    key = link_in(mails(smtp)[0]).rsplit("/", 1)[1]
    token = requests.post(
        f"{site}/++api++/@login",
        json={"login": "anna.lindqvist", "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["token"]
    answer = post(f"/{key}", {"password": "kort"})
    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == (
        "Lösenordet är för kort: använd minst 8 tecken."
    )
    answer = post(f"/{key}", {"password": NEW_PASSWORD})
    assert answer.status_code == 200, answer.text
    assert can_sign_in(site, NEW_PASSWORD)
    app = requests.get(
        f"{site}/++api++/@enheter",
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert app.status_code == 401  # the app was signed out
    answer = post(f"/{key}", {"password": "Ett-tredje-1"})
    assert answer.status_code == 400
    assert answer.json()["error"]["message"].startswith("Länken har redan använts")


def test_plones_own_route_mails_swedish_too(site, smtp, functional_portal):
    """The users control panel and plone.restapi use the registration tool."""
    registration = functional_portal.portal_registration
    registration.mailPassword("anna.lindqvist", functional_portal.REQUEST)
    transaction.commit()
    (mail,) = mails(smtp)
    assert mail["Subject"] == "Välj ett nytt lösenord till intranätet"
    assert "Länken gäller i 15 minuter" in mail.get_content()


def test_install_and_uninstall_swap_the_tool(site, functional_portal):
    from Products.CMFPlone.PasswordResetTool import PasswordResetTool

    reset.uninstall(functional_portal)
    assert type(aq_base(functional_portal.portal_password_reset)) is PasswordResetTool
    reset.install(functional_portal)
    reset.install(functional_portal)
    assert isinstance(functional_portal.portal_password_reset, reset.ResetTool)
    transaction.abort()


# --- Plone's own routes, limits and time -------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", ["mailPassword", "registeredNotify"])
def test_plones_mail_routes_are_not_on_the_web(site, smtp, method, name):
    """``portal_registration/mailPassword`` mailed anyone a link, without a
    limit, and answered 500 for an unknown login: now 404, alike."""
    answers = [
        requests.request(
            method,
            f"{site}/{path}portal_registration/{name}",
            params={"login": login, "new_member_id": login},
            auth=auth,
            allow_redirects=False,
            timeout=60,
        )
        for login in ("anna.lindqvist", "ingen.alls")
        for auth, path in (
            (None, ""),
            (("anna.lindqvist", PASSWORD), ""),
            (("anna.lindqvist", PASSWORD), "Members/"),  # acquired
        )
    ]
    # 404; registeredNotify sends a visitor to the login page first.
    assert {a.status_code for a in answers} <= {404, 302}
    assert {
        a.status_code for a in answers if a.request.headers.get("Authorization")
    } == {404}
    if name == "mailPassword":
        assert {a.status_code for a in answers} == {404}
    transaction.begin()
    assert not smtp.messages
    assert reset._tool().open_links("anna.lindqvist") == 0


def test_plones_routes_keep_the_limit_of_three_links(site, smtp):
    """plone.restapi's ``@users/<id>/reset-password`` (RegistrationTool
    .mailPassword inside), asked by a colleague, mails at most MAX_OPEN
    links too; past them it answers as for an unknown account (404)."""
    create_staff({"bo.berg": []})
    transaction.commit()
    answers = [
        requests.post(
            f"{site}/++api++/@users/anna.lindqvist/reset-password",
            json={},
            auth=("bo.berg", PASSWORD),
            headers={"Accept": "application/json"},
            timeout=60,
        )
        for _n in range(5)
    ]
    assert [a.status_code for a in answers[:3]] == [200] * 3
    assert {a.status_code for a in answers[3:]} == {404}
    assert len(mails(smtp, count=3)) == 3
    ask(site, "anna.lindqvist")  # the form too: nothing more
    transaction.begin()
    assert len(smtp.messages) == 3
    assert reset._tool().open_links("anna.lindqvist") == reset.MAX_OPEN


def test_a_manager_gets_no_link_by_email(site, smtp):
    """A Site Administrator may change a Manager's address: a link sent
    there would hand them the Manager's account. No route mails one."""
    create_staff({"it.chef": []})
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="it.chef", roles=["Manager"])
        api.user.get(username="it.chef").setMemberProperties(
            {"email": "webbred.privat@evil.example"}
        )
    transaction.commit()
    known = ask(site, "webbred.privat@evil.example")
    unknown = ask(site, "ingen@evil.example")
    assert known.text.replace("webbred.privat", "ingen") == unknown.text
    ask(site, "it.chef")
    rest = requests.post(
        f"{site}/++api++/@nytt-losenord",
        json={"login": "it.chef"},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert rest.status_code == 202
    plone_route = requests.post(
        f"{site}/++api++/@users/it.chef/reset-password",
        json={},
        auth=("anna.lindqvist", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert plone_route.status_code == 404  # as for an unknown account
    ask(site, "anna.lindqvist")  # a member still gets hers
    assert mails(smtp)
    assert not smtp.to("webbred.privat@evil.example")
    assert not smtp.to("it.chef@solna.example")
    transaction.begin()
    assert reset._tool().open_links("it.chef") == 0


def test_asking_takes_the_same_time_for_every_account(site, smtp):
    """Known and unknown accounts answer after PAD_SECONDS at the least (a
    known one costs more work, which must not show)."""
    import time

    def rest(login):
        return requests.post(
            f"{site}/++api++/@nytt-losenord",
            json={"login": login},
            headers={"Accept": "application/json"},
            timeout=60,
        )

    browser = requests.Session()
    page = html.fromstring(browser.get(f"{site}/mail_password_form", timeout=60).text)
    (form,) = page.xpath('//form[@id="solna-reset-request"]')
    data = dict(form.form_values())

    def page_post(login):
        return browser.post(
            form.get("action"), data={**data, "userid": login}, timeout=60
        )

    for login in ("anna.lindqvist", "ingen.alls", "anna.lindqvist@solna.example"):
        for route in (rest, page_post):
            start = time.monotonic()
            answer = route(login)
            took = time.monotonic() - start
            assert answer.status_code in (200, 202)
            assert "15 minuter" in answer.text
            assert took >= reset.PAD_SECONDS, (login, took)
    assert len(mails(smtp, count=3)) == 3  # the known one was asked for
