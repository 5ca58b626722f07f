"""Signing in with a one-time code by e-mail (issue 16): the member types
a login name or an address, the site mails a six-digit code and a link
(real SMTP), the code typed on the phone that asked signs in; the link
never signs in by a GET and shows the code on another device; wrong,
used, expired or malformed codes and links get a Swedish message and
change nothing; the answer is the same for an account that does not
exist (and takes as long); REST exchanges a code for a JWT. The caps:
wrong codes per account per day, mails per member and client address,
requests per client address; Manager accounts get no codes."""

from lxml import html
from plone import api
from solna.intranet.login import accounts
from solna.intranet.login import codes
from solna.intranet.login import limits
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_staff

import pytest
import re
import requests
import time
import transaction


WORK = "anna.lindqvist@solna.example"


@pytest.fixture
def site(functional_portal, smtp):
    create_staff({"anna.lindqvist": [], "bo.berg": []})
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    transaction.commit()
    return functional_portal.absolute_url()


@pytest.fixture
def failures(monkeypatch):
    """What the code route tells the guessing limits (limits.py)."""
    seen = []
    monkeypatch.setattr(
        limits,
        "record_failure",
        lambda request, login, kind="password": seen.append((login, kind)) or 0,
    )
    return seen


@pytest.fixture
def clients(monkeypatch):
    """Every test request comes from 127.0.0.1: here a request names the
    client address the caps count it by in the header ``X-Test-Client``."""
    real = codes.client_of
    monkeypatch.setattr(
        codes,
        "client_of",
        lambda request: request.getHeader("X-Test-Client") or real(request),
    )


@pytest.fixture
def fast(monkeypatch):
    """No padding of the answers (tests that ask many times)."""
    monkeypatch.setattr(codes, "MIN_ANSWER_SECONDS", 0)


def form_data(page, form_id):
    (form,) = page.xpath(f'//form[@id="{form_id}"]')
    return form.get("action"), dict(form.form_values())


def ask(site, login, session=None, came_from=None):
    """Ask for a code as a phone does: the page, then its form. Returns
    the browser session and the answer (not followed)."""
    s = session or requests.Session()
    url = f"{site}/@@engangskod"
    if came_from:
        url += f"?came_from={came_from}"
    page = html.fromstring(s.get(url, timeout=60).text)
    action, data = form_data(page, "solna-code-request")
    data["login"] = login
    return s, s.post(action, data=data, allow_redirects=False, timeout=60)


def mailed(smtp, address, count=1):
    """The code and the link of the ``count``-th mail to ``address``."""
    assert wait_for(lambda: len(smtp.to(address)) >= count)
    message = smtp.to(address)[count - 1]
    body = message.get_content()
    (code,) = re.findall(r"Din kod: (\d{6})\b", body)
    (link,) = re.findall(r"https?://\S+/@@engangskod/\S+", body)
    assert code in message["Subject"]
    return code, link


def enter(site, s, code):
    """Type ``code`` on the code page of this browser."""
    page = html.fromstring(s.get(f"{site}/@@engangskod?steg=kod", timeout=60).text)
    action, data = form_data(page, "solna-code-enter")
    data["code"] = code
    return s.post(action, data=data, allow_redirects=False, timeout=60)


def signed_in_as(s, site):
    """The full name the intranet greets this browser with (None: not
    signed in)."""
    answer = s.get(f"{site}/@@mitt-intranat", allow_redirects=False, timeout=60)
    if answer.status_code != 200:
        return None
    for name in ("Anna Lindqvist", "Bo Berg"):
        if name in answer.text:
            return name
    return "?"


def error_of(answer):
    page = html.fromstring(answer.text)
    found = page.xpath('//*[contains(@class, "solna-code-error")]')
    return text(found[0]) if found else None


def test_a_code_from_the_mail_signs_in_on_the_phone_that_asked(site, smtp, failures):
    s, answer = ask(site, "Anna.Lindqvist")
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{site}/@@engangskod?steg=kod"
    cookie = next(c for c in s.cookies if c.name == codes.COOKIE)
    assert cookie.has_nonstandard_attr("HttpOnly")
    page = html.fromstring(s.get(answer.headers["Location"], timeout=60).text)
    assert "anna.lindqvist" in text(page.xpath('//*[@class="solna-code-sent"]')[0])
    (field,) = page.xpath('//form[@id="solna-code-enter"]//input[@name="code"]')
    assert field.get("autocomplete") == "one-time-code"
    assert field.get("inputmode") == "numeric"
    (button,) = page.xpath('//form[@id="solna-code-enter"]//button')
    assert text(button) == "Logga in"

    code, link = mailed(smtp, WORK)
    (message,) = smtp.to(WORK)
    assert message["Subject"] == f"Din inloggningskod: {code}"
    assert "gäller i 15 minuter" in message.get_content()
    assert link.startswith(f"{site}/@@engangskod/")
    assert signed_in_as(s, site) is None

    signed = enter(site, s, f"{code[:3]} {code[3:]}")  # as a phone may space it
    assert signed.status_code == 302
    assert signed.headers["Location"] == site  # Mitt intranät
    assert "__ac" in s.cookies
    assert signed_in_as(s, site) == "Anna Lindqvist"
    assert failures == []

    # Once only.
    used = requests.get(link, timeout=60)
    assert error_of(used) == (
        "Länken har redan använts. Begär en ny kod om du vill logga in igen."
    )


def test_the_same_answer_and_no_mail_for_an_account_that_does_not_exist(site, smtp):
    known_session, known = ask(site, "anna.lindqvist")
    unknown_session, unknown = ask(site, "ingen.alls")
    assert wait_for(lambda: len(smtp.messages) == 1)
    assert smtp.to(WORK)
    assert (known.status_code, known.headers["Location"]) == (
        unknown.status_code,
        unknown.headers["Location"],
    )
    pages = []
    for s in (known_session, unknown_session):
        page = html.fromstring(s.get(f"{site}/@@engangskod?steg=kod", timeout=60).text)
        (card,) = page.xpath('//div[contains(@class, "solna-code")]')
        pages.append(
            text(card).replace("anna.lindqvist", "X").replace("ingen.alls", "X")
        )
    assert pages[0] == pages[1]
    # Any code on the unknown account's page is simply wrong.
    wrong = enter(site, unknown_session, "123456")
    assert error_of(wrong) == (
        "Koden stämmer inte. Jämför med det senaste mejlet och skriv den igen."
    )
    assert len(smtp.messages) == 1


def test_the_code_goes_to_the_address_typed_if_it_is_on_the_account(site, smtp):
    with api.env.adopt_roles(["Manager"]):
        userid = api.user.get(username="anna.lindqvist").getId()
    accounts.set_private_address(userid, "Anna@Privat.example")
    transaction.commit()
    s, _answer = ask(site, "ANNA@privat.example")
    code, _link = mailed(smtp, "anna@privat.example")
    assert smtp.to(WORK) == []
    assert enter(site, s, code).status_code == 302
    assert signed_in_as(s, site) == "Anna Lindqvist"
    # The work address typed: the work address gets it.
    ask(site, WORK)
    mailed(smtp, WORK)


def test_wrong_codes_are_counted_and_five_void_the_code(site, smtp, failures):
    s, _answer = ask(site, "Anna.Lindqvist")
    code, _link = mailed(smtp, WORK)
    wrong = "000000" if code != "000000" else "111111"
    answer = enter(site, s, wrong)
    assert answer.status_code == 400
    assert error_of(answer) == (
        "Koden stämmer inte. Jämför med det senaste mejlet och skriv den igen."
    )
    assert failures == [("anna.lindqvist", "code")]
    # Malformed is not a guess: a message, nothing counted.
    for typed in ("12345", "abcdef", ""):
        answer = enter(site, s, typed)
        assert error_of(answer) == "Koden är sex siffror, till exempel 123456."
    assert len(failures) == 1
    for _ in range(4):
        answer = enter(site, s, wrong)
    assert error_of(answer) == (
        "För många felaktiga koder. Den här koden fungerar inte längre: begär en ny."
    )
    answer = enter(site, s, code)
    assert error_of(answer).startswith("För många felaktiga koder.")
    assert signed_in_as(s, site) is None


def test_a_lock_refuses_even_the_right_code(site, smtp, monkeypatch):
    s, _answer = ask(site, "anna.lindqvist")
    code, link = mailed(smtp, WORK)
    until = time.time() + 599
    monkeypatch.setattr(limits, "locked_until", lambda r, login: until)
    answer = enter(site, s, code)
    assert answer.status_code == 429
    assert error_of(answer) == (
        "För många felaktiga försök. För din säkerhet kan ingen logga in med det "
        "här kontot härifrån på 10 minuter till, inte ens med rätt kod. Vänta, "
        "eller be din chef om hjälp."
    )
    assert "__ac" not in s.cookies
    # The link's button too.
    page = html.fromstring(s.get(link, timeout=60).text)
    action, data = form_data(page, "solna-code-link")
    answer = s.post(action, data=data, allow_redirects=False, timeout=60)
    assert answer.status_code == 429
    assert "__ac" not in s.cookies
    monkeypatch.undo()
    assert enter(site, s, code).status_code == 302


def test_an_expired_code_is_refused(site, smtp, functional_portal):
    s, _answer = ask(site, "anna.lindqvist")
    code, link = mailed(smtp, WORK)
    transaction.begin()  # see what the server committed
    store = codes._store()
    for rid, record in list(store["requests"].items()):
        store["requests"][rid] = {**record, "expires": time.time() - 1}
    transaction.commit()
    answer = enter(site, s, code)
    assert error_of(answer) == (
        "Koden har gått ut: den gäller i 15 minuter. Begär en ny kod."
    )
    answer = requests.get(link, timeout=60)
    assert error_of(answer) == (
        "Länken har gått ut: den gäller i 15 minuter. Begär en ny kod."
    )
    assert signed_in_as(s, site) is None


def test_the_link_never_signs_in_by_a_get(site, smtp):
    s, _answer = ask(site, "anna.lindqvist", came_from=f"{site}/@@organisation")
    code, link = mailed(smtp, WORK)
    page = html.fromstring(s.get(f"{site}/@@engangskod?steg=kod", timeout=60).text)
    (kept,) = page.xpath('//form[@id="solna-code-resend"]//input[@name="came_from"]')
    assert kept.get("value") == f"{site}/@@organisation"

    # A mail scanner, or another phone: the code to type, nothing else.
    other = requests.Session()
    page = other.get(link, timeout=60)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    shown = html.fromstring(page.text).xpath('//*[@id="solna-code-shown"]')
    assert [text(e) for e in shown] == [code]
    assert not html.fromstring(page.text).xpath('//form[@id="solna-code-link"]')
    assert "__ac" not in other.cookies
    assert other.post(link, allow_redirects=False, timeout=60).status_code == 200
    assert "__ac" not in other.cookies

    # The phone that asked: a button, and only its POST signs in.
    page = s.get(link, timeout=60)
    assert "__ac" not in s.cookies
    tree = html.fromstring(page.text)
    assert not tree.xpath('//*[@id="solna-code-shown"]')
    action, data = form_data(tree, "solna-code-link")
    (button,) = tree.xpath('//form[@id="solna-code-link"]//button')
    assert text(button) == "Logga in"
    assert signed_in_as(s, site) is None
    answer = s.post(action, data=data, allow_redirects=False, timeout=60)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"{site}/@@organisation"
    assert signed_in_as(s, site) == "Anna Lindqvist"

    # Used: a clear message, on any device; the code is used too.
    again = requests.get(link, timeout=60)
    assert error_of(again) == (
        "Länken har redan använts. Begär en ny kod om du vill logga in igen."
    )
    assert not html.fromstring(again.text).xpath('//*[@id="solna-code-shown"]')


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda link: link[:-5], "Länken är inte komplett"),
        (
            lambda link: link[:-3] + ("aaa" if link[-3:] != "aaa" else "bbb"),
            "Länken gäller inte längre",
        ),
        (
            lambda link: link.rsplit("/", 1)[0] + "/%3Cscript%3E",
            "Länken är inte komplett",
        ),
    ],
)
def test_a_broken_link_says_so_and_shows_no_code(site, smtp, mangle, message):
    ask(site, "anna.lindqvist")
    _code, link = mailed(smtp, WORK)
    answer = requests.get(mangle(link), timeout=60)
    assert answer.status_code == 400
    assert error_of(answer).startswith(message)
    assert not html.fromstring(answer.text).xpath('//*[@id="solna-code-shown"]')


def test_came_from_elsewhere_is_ignored(site, smtp):
    s, _answer = ask(site, "anna.lindqvist", came_from="https://example.org/x")
    code, _link = mailed(smtp, WORK)
    assert enter(site, s, code).headers["Location"] == site


def test_a_form_post_without_its_token_is_refused(site, smtp):
    answer = requests.post(
        f"{site}/@@engangskod",
        data={"step": "send", "login": "anna.lindqvist"},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 403
    assert smtp.messages == []


def test_only_hmacs_are_stored_and_expired_requests_are_pruned(site, smtp):
    ask(site, "anna.lindqvist")
    code, link = mailed(smtp, WORK)
    transaction.begin()
    (record,) = codes._store()["requests"].values()
    stored = repr(record)
    assert code not in stored
    assert link.rsplit("/", 1)[1][26:] not in stored
    # 16 minutes later, the next request sweeps it away.
    store = codes._store()
    (rid,) = store["requests"].keys()
    old = f"{int(time.time() - 16 * 60):010x}{rid[10:]}"
    store["requests"][old] = store["requests"].pop(rid)
    transaction.commit()
    ask(site, "bo.berg")
    transaction.begin()
    assert old not in codes._store()["requests"]
    assert len(codes._store()["requests"]) == 1


# REST


def rest(site, name, body, headers=None):
    return requests.post(
        f"{site}/++api++/{name}",
        json=body,
        headers={"Accept": "application/json", **(headers or {})},
        timeout=60,
    )


def test_rest_exchanges_a_code_for_a_jwt(site, smtp, failures):
    asked = rest(site, "@engangskod", {"login": "Anna.Lindqvist"})
    assert asked.status_code == 202
    data = asked.json()
    assert set(data) == {
        "@id",
        "request",
        "expires",
        "expires_display",
        "minutes",
        "message",
    }
    assert data["minutes"] == 15
    assert data["message"].startswith("Om det finns ett konto")
    unknown = rest(site, "@engangskod", {"login": "ingen.alls"}).json()
    assert set(unknown) == set(data)
    assert unknown["message"] == data["message"]
    code, _link = mailed(smtp, WORK)
    assert len(smtp.messages) == 1

    wrong = rest(site, "@engangskod-token", {"request": data["request"], "code": "1"})
    assert wrong.status_code == 400
    assert (
        wrong.json()["error"]["message"] == "Koden är sex siffror, till exempel 123456."
    )
    bad = "000000" if code != "000000" else "111111"
    wrong = rest(site, "@engangskod-token", {"request": data["request"], "code": bad})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["type"] == "Unauthorized"
    assert failures == [("anna.lindqvist", "code")]
    missing = rest(site, "@engangskod-token", {"code": code})
    assert missing.status_code == 400

    answer = rest(site, "@engangskod-token", {"request": data["request"], "code": code})
    assert answer.status_code == 200, answer.text
    assert "__ac" not in answer.cookies
    assert "set-cookie" not in {k.lower() for k in answer.headers}
    token = answer.json()["token"]
    me = requests.get(
        f"{site}/++api++/@users/anna.lindqvist",
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert me.status_code == 200
    assert me.json()["email"] == WORK
    # The app's sign-in is its token alone: one entry in the device list.
    listed = requests.get(
        f"{site}/++api++/@enheter",
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert [entry["kind"] for entry in listed.json()["items"]] == ["api"]
    used = rest(site, "@engangskod-token", {"request": data["request"], "code": code})
    assert used.status_code == 401
    assert used.json()["error"]["message"].startswith("Koden har redan använts.")
    # REST asked: the link shows the code on any device, never a button.
    assert rest(site, "@engangskod", {"login": WORK}).status_code == 202
    code2, link2 = mailed(smtp, WORK, count=2)
    page = html.fromstring(requests.get(link2, timeout=60).text)
    assert [text(e) for e in page.xpath('//*[@id="solna-code-shown"]')] == [code2]


def test_rest_refuses_during_a_lock_with_429(site, smtp, monkeypatch):
    data = rest(site, "@engangskod", {"login": "anna.lindqvist"}).json()
    code, _link = mailed(smtp, WORK)
    until = time.time() + 120
    monkeypatch.setattr(limits, "locked_until", lambda r, login: until)
    answer = rest(site, "@engangskod-token", {"request": data["request"], "code": code})
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) in (119, 120)
    assert "2 minuter" in answer.json()["error"]["message"]


def test_wrong_codes_lock_the_account_with_the_guard(site, smtp, monkeypatch, fast):
    """The real guard (login/guard.py): wrong codes count like wrong
    passwords; past its limit the right code gets 429."""
    from solna.intranet.login.guard import ACCOUNT_LIMIT

    # Only the guard's limits here (the mail and day caps are tested below).
    monkeypatch.setattr(codes, "MAX_MAILS_PER_CLIENT", 100)
    monkeypatch.setattr(codes, "MAX_WRONG_PER_DAY", 1000)

    def code_mails():
        return [m for m in smtp.to(WORK) if "Din kod:" in m.get_content()]

    answer, asked_for = None, 0
    for n in range(ACCOUNT_LIMIT):
        if n % codes.MAX_ATTEMPTS == 0:
            asked = rest(site, "@engangskod", {"login": "anna.lindqvist"}).json()
            asked_for += 1
        body = {"request": asked["request"], "code": "000000"}
        answer = rest(site, "@engangskod-token", body)
        if answer.status_code == 429:
            break
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) > 60
    # Mail leaves in its own thread, and the guard's lock notice goes to the
    # same address: the new code is the code mail after those already asked.
    assert wait_for(lambda: len(code_mails()) >= asked_for)
    data = rest(site, "@engangskod", {"login": "anna.lindqvist"}).json()
    assert wait_for(lambda: len(code_mails()) > asked_for)
    (code,) = re.findall(r"Din kod: (\d{6})\b", code_mails()[-1].get_content())
    refused = rest(
        site, "@engangskod-token", {"request": data["request"], "code": code}
    )
    assert refused.status_code == 429
    assert refused.json()["error"]["message"].startswith("För många felaktiga försök.")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Skriv ditt inloggningsnamn eller din e-postadress."),
        ({"login": 5}, "Skriv ditt inloggningsnamn eller din e-postadress."),
        ({"login": "x" * 300}, "Det är för långt för att vara ett inloggningsnamn"),
    ],
)
def test_rest_bad_requests_in_swedish(site, smtp, body, message):
    answer = rest(site, "@engangskod", body)
    assert answer.status_code == 400
    assert answer.json()["error"]["message"].startswith(message)


def test_a_fourth_code_asked_from_one_address_is_not_sent(site, smtp, fast):
    answers = [rest(site, "@engangskod", {"login": WORK}) for _ in range(4)]
    assert {a.status_code for a in answers} == {202}
    assert {a.json()["message"] for a in answers} == {answers[0].json()["message"]}
    assert wait_for(lambda: len(smtp.to(WORK)) >= 3)
    # Mail goes out as the request commits: the fourth answer came after.
    assert len(smtp.to(WORK)) == 3


def test_asking_takes_the_same_least_time_known_or_not(site, smtp):
    """A known account is looked up and mailed, an unknown one not: both
    answers take at least MIN_ANSWER_SECONDS, so the time tells nothing."""
    least = codes.MIN_ANSWER_SECONDS
    assert least >= 0.3
    for login in ("anna.lindqvist", "ingen.alls"):
        started = time.monotonic()
        assert rest(site, "@engangskod", {"login": login}).status_code == 202
        assert time.monotonic() - started >= least
        s = requests.Session()
        page = html.fromstring(s.get(f"{site}/@@engangskod", timeout=60).text)
        action, data = form_data(page, "solna-code-request")
        started = time.monotonic()
        answer = s.post(
            action, data={**data, "login": login}, allow_redirects=False, timeout=60
        )
        assert answer.status_code == 303
        assert time.monotonic() - started >= least


DAILY = (
    "För många felaktiga koder det senaste dygnet. Logga in med lösenord, "
    "eller be din chef eller HR om hjälp."
)


def guess_a_day(site, login, monkeypatch):
    """Type ``MAX_WRONG_PER_DAY`` wrong codes for ``login`` over REST, as
    the guard's 15-minute locks would let through in a day (the guard is
    left out: its lock would end and its counts refill). Returns the last
    answer."""
    monkeypatch.setattr(limits, "locked_until", lambda request, login: 0)
    answer = None
    for n in range(codes.MAX_WRONG_PER_DAY):
        if n % codes.MAX_ATTEMPTS == 0:
            asked = rest(
                site,
                "@engangskod",
                {"login": login},
                headers={"X-Test-Client": f"ip:10.0.0.{n}"},
            ).json()
        answer = rest(
            site, "@engangskod-token", {"request": asked["request"], "code": "000000"}
        )
        assert answer.status_code == 401
    return answer


def test_twenty_wrong_codes_in_a_day_refuse_even_the_right_code(
    site, smtp, monkeypatch, failures, clients, fast
):
    assert codes.MAX_WRONG_PER_DAY == 20
    guess_a_day(site, "anna.lindqvist", monkeypatch)
    # Anna asks from her phone (another address): the right code is refused.
    s = requests.Session()
    s.headers["X-Test-Client"] = "ip:10.9.9.9"
    ask(site, "anna.lindqvist", session=s)
    sent = len(smtp.to(WORK))
    phone_code, link = mailed(smtp, WORK, count=sent)
    answer = enter(site, s, phone_code)
    assert answer.status_code == 429
    assert error_of(answer) == DAILY
    assert signed_in_as(s, site) is None
    # The link's button too, and REST, with the day's end to wait for.
    page = html.fromstring(s.get(link, timeout=60).text)
    action, data = form_data(page, "solna-code-link")
    assert s.post(action, data=data, allow_redirects=False, timeout=60).status_code == (
        429
    )
    asked = rest(site, "@engangskod", {"login": WORK}).json()
    code, _link = mailed(smtp, WORK, count=sent + 1)
    refused = rest(
        site, "@engangskod-token", {"request": asked["request"], "code": code}
    )
    assert refused.status_code == 429
    assert refused.json()["error"]["message"] == DAILY
    assert 23 * 3600 < int(refused.headers["Retry-After"]) <= 24 * 3600
    assert "__ac" not in s.cookies

    # An account that does not exist gets the same answer after as many.
    guess_a_day(site, "ingen.alls", monkeypatch)
    asked = rest(site, "@engangskod", {"login": "ingen.alls"}).json()
    unknown = rest(
        site, "@engangskod-token", {"request": asked["request"], "code": "123456"}
    )
    assert unknown.status_code == 429
    assert unknown.json() == refused.json()

    # A day later the right code works again.
    transaction.begin()
    wrong = codes._store()["wrong"]
    for key, times in list(wrong.items()):
        wrong[key] = tuple(t - codes.DAY for t in times)
    transaction.commit()
    assert enter(site, s, phone_code).status_code == 302
    assert signed_in_as(s, site) == "Anna Lindqvist"


def test_a_stranger_asking_for_her_codes_does_not_starve_her_phone(
    site, smtp, clients, fast
):
    stranger = {"X-Test-Client": "ip:198.51.100.7"}
    for _n in range(5):
        asked = rest(site, "@engangskod", {"login": "anna.lindqvist"}, stranger)
        assert asked.status_code == 202
    assert wait_for(lambda: len(smtp.to(WORK)) >= codes.MAX_MAILS_PER_CLIENT)
    assert len(smtp.to(WORK)) == 3
    # Her own phone still gets a code and signs in with it.
    s = requests.Session()
    s.headers["X-Test-Client"] = "ip:10.1.2.3"
    ask(site, "anna.lindqvist", session=s)
    code, _link = mailed(smtp, WORK, count=4)
    assert enter(site, s, code).status_code == 302
    assert signed_in_as(s, site) == "Anna Lindqvist"
    # In all at most MAX_MAILS (10) within 15 minutes, from any addresses.
    for n in range(10):
        rest(site, "@engangskod", {"login": WORK}, {"X-Test-Client": f"ip:10.2.{n}.1"})
    assert wait_for(lambda: len(smtp.to(WORK)) >= codes.MAX_MAILS)
    time.sleep(1)
    assert len(smtp.to(WORK)) == codes.MAX_MAILS == 10


def test_a_flood_from_one_address_stores_nothing_past_its_cap(site, smtp, fast):
    limit = codes.MAX_CLIENT_REQUESTS
    assert limit == 30
    answers = [
        rest(site, "@engangskod", {"login": f"ingen{n}.alls"}) for n in range(limit)
    ]
    transaction.begin()
    stored = codes._store()["requests"]
    assert len(stored) == limit
    # Nothing to check a code against, for an account that does not exist.
    assert {(r["code"], r["link"]) for r in stored.values()} == {(None, None)}
    # Past the cap: the same answer, nothing stored, nothing sent (even for
    # an account that exists).
    for login in ("ingen.mer", "anna.lindqvist"):
        answer = rest(site, "@engangskod", {"login": login})
        assert answer.status_code == 202
        assert set(answer.json()) == set(answers[0].json())
        assert answer.json()["message"] == answers[0].json()["message"]
    transaction.begin()
    assert len(codes._store()["requests"]) == limit
    assert answer.json()["request"] not in codes._store()["requests"]
    time.sleep(1)
    assert smtp.messages == []


def test_a_manager_is_never_sent_a_code(site, smtp):
    """A Site Administrator can change a Manager's e-mail address; a code
    to it would sign in as the Manager. Managers use their password."""
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="bo.berg", roles=["Manager"])
    transaction.commit()
    s, by_name = ask(site, "bo.berg")
    _other, unknown = ask(site, "ingen.alls")
    assert (by_name.status_code, by_name.headers["Location"]) == (
        unknown.status_code,
        unknown.headers["Location"],
    )
    assert error_of(enter(site, s, "123456")) == (
        "Koden stämmer inte. Jämför med det senaste mejlet och skriv den igen."
    )
    asked = rest(site, "@engangskod", {"login": "bo.berg@solna.example"})
    assert asked.status_code == 202
    assert asked.json()["message"].startswith("Om det finns ett konto")
    time.sleep(1)
    assert smtp.messages == []
    assert signed_in_as(s, site) is None


def test_the_login_options_list_the_code_route(site):
    answer = requests.get(
        f"{site}/++api++/@login", headers={"Accept": "application/json"}, timeout=60
    )
    assert {
        "id": "engangskod",
        "plugin": "solna",
        "title": "Logga in med engångskod",
        "url": f"{site}/@engangskod",
    } in answer.json()["options"]
