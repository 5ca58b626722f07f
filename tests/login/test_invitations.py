"""Invitations (issue 16): HR or a unit's manager invites a new employee;
she sets up her account from the link in the mail (or a QR code on her
manager's screen) with unit and profession already chosen, and is signed
in. Links that cannot be used, addresses already on an account and forms
posted from elsewhere get a Swedish message and change nothing."""

from lxml import html
from plone import api
from solna.intranet.login import invitations
from solna.intranet.login import limits
from tests.fixtures.http import browser
from tests.fixtures.http import portal_url
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import PASSWORD

import pytest
import re
import requests
import secrets
import time
import transaction


BAD_ADDRESS = "Det är ingen e-postadress. Skriv den som namn@exempel.se."
JSON = {"Accept": "application/json"}
LINK = re.compile(r"https?://\S+/@@inbjudan/[A-Za-z0-9_-]{32}")


def post_invite(login, button="invite", **values):
    """Fill in and send @@bjud-in's form as ``login`` (not followed)."""
    s = browser(login)
    page = html.fromstring(s.get(f"{portal_url()}/@@bjud-in").text)
    (form,) = page.xpath('//form[contains(@class, "solna-invite-form")]')
    data = dict(form.form_values())
    data.update(values)
    data[button] = "1"
    return s.post(f"{portal_url()}/@@bjud-in", data=data, allow_redirects=False)


def press(login, button, invitation_id):
    """Press a button of the pending list (Skicka igen, Visa QR-kod,
    Återkalla) as ``login``; returns the answer (followed)."""
    s = browser(login)
    page = html.fromstring(s.get(f"{portal_url()}/@@bjud-in").text)
    (form,) = page.xpath(f'//form[.//button[@name="{button}"]]')
    data = {**dict(form.form_values()), button: invitation_id}
    return s.post(f"{portal_url()}/@@bjud-in", data=data)


def uid(site, key):
    return api.content.get_uuid(site[key])


def person(email, unit, name="Åsa Öberg", profession="forskollarare"):
    return {"fullname": name, "unit": unit, "profession": profession, "email": email}


def invite_over_rest(login, **values):
    response = rest(login).post(f"{portal_url()}/@inbjudningar", json=values)
    assert response.status_code == 201, response.text
    return response.json()


def mailed_link(smtp, address, count=1):
    assert wait_for(lambda: len(smtp.to(address)) >= count), f"no mail to {address}"
    message = smtp.to(address)[-1]
    body = message.get_content()
    return message, body, LINK.search(body).group(0)


def set_up(url, session=None, **values):
    """Open the invitation link and send its form (not followed)."""
    s = session or requests.Session()
    page = html.fromstring(s.get(url, timeout=30).text)
    (form,) = page.xpath('//form[contains(@class, "solna-invitation-form")]')
    data = dict(form.form_values())
    data.update(values)
    data["setup"] = "1"
    return s, s.post(form.get("action"), data=data, allow_redirects=False, timeout=30)


def anonymous_token(url):
    """The CSRF token an invitation page gives nobody logged in."""
    page = html.fromstring(requests.get(url, timeout=30).text)
    return page.xpath('//input[@name="_authenticator"]')[0].get("value")


def log_in(login, password):
    """Sign in through the login form; returns the session."""
    s = requests.Session()
    page = html.fromstring(s.get(f"{portal_url()}/login", timeout=30).text)
    form = page.xpath('//form[.//input[@name="__ac_name"]]')[0]
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": login, "__ac_password": password})
    data.setdefault("buttons.login", "Logga in")
    s.post(f"{portal_url()}/login", data=data, allow_redirects=False, timeout=30)
    return s


def problem(response):
    (alert,) = html.fromstring(response.text).xpath(
        '//*[contains(@class, "solna-invitation-problem")]'
    )
    return text(alert)


def fresh():
    """See what the server's requests committed."""
    transaction.begin()


@pytest.fixture
def failures(monkeypatch):
    """The guessing limits' failures the routes count: [(login, kind)]."""
    found = []

    def record(request, login, kind="password"):
        found.append((login, kind))
        return 0

    monkeypatch.setattr(limits, "record_failure", record)
    return found


def test_a_manager_invites_and_she_sets_up_her_account_from_the_mail(site, smtp):
    answer = post_invite(
        "chef.a",
        fullname="Åsa Öberg",
        unit=uid(site, "a"),
        profession="forskollarare",
        email="Asa.Oberg@Example.se",
    )
    assert answer.status_code == 302
    listing = (
        browser("chef.a").get(answer.headers["Location"], cookies=answer.cookies).text
    )
    assert "Inbjudan har skickats till asa.oberg@example.se." in listing
    message, body, url = mailed_link(smtp, "asa.oberg@example.se")
    assert message["Subject"] == "Välkommen till Solna intranät"
    assert "Chef A har bjudit in dig" in body
    assert "förskollärare på Solgläntan" in body

    s = requests.Session()
    page = s.get(url, timeout=30)
    assert page.status_code == 200
    assert page.headers["Cache-Control"].startswith("no-store")
    doc = html.fromstring(page.text)
    assert text(doc.xpath("//h1")[0]) == "Välkommen, Åsa Öberg!"
    details = {
        field: text(doc.xpath(f'//dd[contains(@class, "solna-invitation-{field}")]')[0])
        for field in ("name", "unit", "profession", "email")
    }
    assert details == {
        "name": "Åsa Öberg",
        "unit": "Solgläntan",
        "profession": "Förskollärare",
        "email": "asa.oberg@example.se",
    }
    (login,) = doc.xpath('//input[@name="login"]')
    assert login.get("value") == "asa.oberg"
    assert login.get("autocapitalize") == "none"
    (password,) = doc.xpath('//input[@name="password"]')
    assert password.get("autocomplete") == "new-password"
    # Opening the link changed nothing: the invitation still waits.
    fresh()
    (record,) = invitations._store()["invitations"].values()
    assert record["state"] == "pending"

    s, answer = set_up(url, s)
    assert answer.status_code == 302, answer.text[:500]
    assert answer.headers["Location"] == portal_url()
    assert "__ac" in s.cookies
    me = s.get(f"{portal_url()}/@@mitt-intranat", timeout=30)
    assert me.status_code == 200
    assert "Välkommen! Ditt konto är klart och du är inloggad." in me.text

    fresh()
    user = api.user.get(userid="asa.oberg")
    assert user.getProperty("email") == "asa.oberg@example.se"
    assert user.getProperty("fullname") == "Åsa Öberg"
    assert user.getProperty("unit") == uid(site, "a")
    assert user.getProperty("profession") == "forskollarare"
    assert "medarbetare" in [g.getId() for g in api.group.get_groups(user=user)]

    # The link works once; the invitation has left the manager's list.
    again = requests.get(url, timeout=30)
    assert again.status_code == 410
    assert problem(again).startswith("Inbjudan är redan använd")
    assert (
        "asa.oberg@example.se"
        not in browser("chef.a").get(f"{portal_url()}/@@bjud-in").text
    )


def test_she_may_choose_another_login_and_a_password(site, smtp):
    fresh()
    proposals = {
        name: invitations.propose_login(name, email)
        for name, email in (
            ("Åsa Öberg-Lind", ""),
            ("  Lars   Wikström ", ""),
            ("Ægir Søren Straße", ""),
            ("محمد", "m.ali@example.se"),
            ("Chef A", ""),
        )
    }
    assert proposals == {
        "Åsa Öberg-Lind": "asa.oberg-lind",
        "  Lars   Wikström ": "lars.wikstrom",
        "Ægir Søren Straße": "aegir.soren.strasse",
        "محمد": "m.ali",
        "Chef A": "chef.a2",
    }
    invite_over_rest(
        "hr.red", **person("lena@example.se", uid(site, "b"), name="Lena Ek")
    )
    _message, _body, url = mailed_link(smtp, "lena@example.se")
    # A login that is taken, one that looks like an address, a short password.
    _s, answer = set_up(url, login="Chef.A", password="kort")
    assert answer.status_code == 400
    page = html.fromstring(answer.text)
    errors = [text(e) for e in page.xpath('//*[@class="invalid-feedback"]')]
    assert errors == [
        "Inloggningsnamnet är upptaget. Välj ett annat, till exempel lena.ek.",
        "Lösenordet behöver minst 8 tecken. Eller lämna det tomt och logga in "
        "med en engångskod.",
    ]
    assert page.xpath('//input[@name="login"]')[0].get("value") == "Chef.A"
    assert page.xpath('//input[@name="password"]')[0].get("value") is None
    _s, answer = set_up(url, login="lena@example.se")
    assert "Använd 2 till 50 små bokstäver" in answer.text
    fresh()
    assert api.user.get(userid="lena@example.se") is None
    # A login with capitals is kept in small letters; the password works.
    _s, answer = set_up(url, login="Lena.Ek2", password="Hemligt-losen-9")
    assert answer.status_code == 302
    assert "__ac" in log_in("Lena.Ek2", "Hemligt-losen-9").cookies


def test_a_manager_invites_only_to_their_own_units(site, smtp):
    # The form offers Solgläntan only; a posted Ekbacken is refused.
    page = html.fromstring(browser("chef.a").get(f"{portal_url()}/@@bjud-in").text)
    offered = page.xpath('//select[@name="unit"]/option/@value')
    assert offered == [uid(site, "a")]
    answer = post_invite("chef.a", **person("x@example.se", uid(site, "b")))
    assert answer.status_code == 200
    assert "Välj en av de enheter du får bjuda in medarbetare till." in answer.text
    response = rest("chef.a").post(
        f"{portal_url()}/@inbjudningar", json=person("x@example.se", uid(site, "b"))
    )
    assert response.status_code == 400
    assert response.json()["error"]["errors"] == {
        "unit": "Välj en av de enheter du får bjuda in medarbetare till."
    }
    # Staff who manage nothing may not invite.
    assert browser("olle.medarbetare").get(
        f"{portal_url()}/@@bjud-in", allow_redirects=False
    ).status_code in (302, 401, 403)
    response = rest("olle.medarbetare").get(f"{portal_url()}/@inbjudningar")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Bara HR och en enhets chef får bjuda in medarbetare."
    )
    assert not smtp.to("x@example.se")


def test_hr_invites_anywhere_and_each_inviter_sees_their_own(site, smtp):
    invite_over_rest("hr.red", **person("b@example.se", uid(site, "b")))
    invite_over_rest("chef.a", **person("a@example.se", uid(site, "a")))
    listed = {
        login: [
            i["email"]
            for i in rest(login).get(f"{portal_url()}/@inbjudningar").json()["items"]
        ]
        for login in ("hr.red", "hr.gransk", "chef.a", "chef.b", "webbred")
    }
    assert listed == {
        "hr.red": ["a@example.se", "b@example.se"],
        "hr.gransk": ["a@example.se", "b@example.se"],
        "chef.a": ["a@example.se"],
        "chef.b": ["b@example.se"],
        "webbred": ["a@example.se", "b@example.se"],
    }
    # Chefens sida has the section for managers and HR, not for others.
    for login, shown in (
        ("chef.a", True),
        ("hr.red", True),
        ("olle.medarbetare", False),
    ):
        page = browser(login).get(f"{portal_url()}/@@chefens-sida").text
        assert ("Bjud in medarbetare" in page) is shown, login
    box = html.fromstring(browser("chef.a").get(f"{portal_url()}/@@chefens-sida").text)
    (link,) = box.xpath('//a[contains(@class, "solna-invite-link")]')
    assert link.get("href") == f"{portal_url()}/@@bjud-in"
    assert "Inbjudningar som väntar: 1" in text(
        box.xpath('//*[contains(@class, "solna-invite-box")]')[0]
    )


def test_what_an_inviter_types_wrong_gets_swedish_messages(site, smtp):
    cases = [
        ({"fullname": ""}, "fullname", "Skriv personens namn."),
        (
            {"email": "anna@"},
            "email",
            "Det är ingen e-postadress. Skriv den som namn@exempel.se.",
        ),
        (
            {"email": "Olle.Medarbetare@solna.example"},
            "email",
            "Adressen finns redan på ett konto. Personen kan logga in med den "
            "(med en engångskod om hon eller han inte har något lösenord).",
        ),
        ({"profession": "astronaut"}, "profession", "Välj en yrkesgrupp i listan."),
        ({"unit": ""}, "unit", "Välj en enhet."),
    ]
    for change, field, message in cases:
        values = {**person("ny@example.se", uid(site, "a")), **change}
        response = rest("chef.a").post(f"{portal_url()}/@inbjudningar", json=values)
        assert response.status_code == 400, change
        assert response.json()["error"]["errors"] == {field: message}
    answer = post_invite("chef.a", **person("anna@", uid(site, "a")))
    page = html.fromstring(answer.text)
    (feedback,) = page.xpath('//input[@name="email"]/following-sibling::div[1]')
    assert text(feedback) == BAD_ADDRESS
    assert page.xpath('//input[@name="fullname"]')[0].get("value") == "Åsa Öberg"
    # The same address twice: the second is told to send the first again.
    invite_over_rest("chef.a", **person("ny@example.se", uid(site, "a")))
    response = rest("chef.a").post(
        f"{portal_url()}/@inbjudningar", json=person("NY@example.se", uid(site, "a"))
    )
    assert response.json()["error"]["errors"]["email"].startswith(
        "Adressen har redan en inbjudan som väntar."
    )
    assert wait_for(lambda: len(smtp.to("ny@example.se")) == 1)
    fresh()
    with api.env.adopt_user("hr.red"):
        assert [r["email"] for r in invitations.visible()] == ["ny@example.se"]


def test_links_that_cannot_be_used_say_why_and_change_nothing(site, smtp, failures):
    base = f"{portal_url()}/@@inbjudan"
    for url, status in (
        (f"{base}/kort", 404),
        (f"{base}/{'A' * 32}", 404),
        (base, 404),
    ):
        response = requests.get(url, timeout=30)
        assert response.status_code == status, url
        assert problem(response).startswith("Länken fungerar inte.")
    # Opening a link counts nothing (any page can make a browser open one);
    # trying to set an account up from an unknown link counts for the client.
    assert failures == []
    answer = requests.post(
        f"{portal_url()}/++api++/@inbjudan/{'A' * 32}",
        json={"login": "gissning"},
        timeout=30,
    )
    assert answer.status_code == 404
    assert failures == [("", "code")]

    made = invite_over_rest("chef.a", **person("sara@example.se", uid(site, "a")))
    _m, _b, first = mailed_link(smtp, "sara@example.se")
    # Skicka igen: a new link; the old one says a newer one was sent.
    answer = press("chef.a", "resend", made["id"])
    assert "Inbjudan har skickats igen till sara@example.se, med en ny länk." in (
        answer.text
    )
    _m, _b, second = mailed_link(smtp, "sara@example.se", count=2)
    assert second != first
    response = requests.get(first, timeout=30)
    assert response.status_code == 410
    assert problem(response) == (
        "Du har fått en nyare inbjudan. Använd länken i det senaste mejlet."
    )
    # Expired after seven days.
    csrf = anonymous_token(second)
    fresh()
    record = api.portal.get().__annotations__[invitations.STORE_KEY]["invitations"][
        made["id"]
    ]
    record["expires"] = time.time() - 1
    transaction.commit()
    response = requests.get(second, timeout=30)
    assert response.status_code == 410
    assert problem(response).startswith("Inbjudan har gått ut.")
    # Posting it anyway counts a failure for the invitation's address.
    failures.clear()
    answer = requests.post(
        second,
        data={"_authenticator": csrf, "login": "sara", "setup": "1"},
        timeout=30,
    )
    fresh()
    assert answer.status_code == 410
    assert failures == [("sara@example.se", "code")]
    assert api.user.get(userid="sara") is None
    # The manager sends it again; then the address gets an account elsewhere.
    press("chef.a", "resend", made["id"])
    _m, _b, third = mailed_link(smtp, "sara@example.se", count=3)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="Sara@example.se", username="sara.annan")
    transaction.commit()
    response = requests.get(third, timeout=30)
    assert response.status_code == 409
    assert problem(response).startswith(
        "Det finns redan ett konto med din e-postadress."
    )
    # Återkalla: the link is withdrawn.
    fresh()
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="sara.annan")
    transaction.commit()
    answer = press("chef.a", "revoke", made["id"])
    assert "Inbjudan till sara@example.se har återkallats." in answer.text
    response = requests.get(third, timeout=30)
    assert response.status_code == 410
    assert problem(response).startswith("Inbjudan har återkallats.")
    fresh()
    assert api.user.get(userid="sara") is None


def test_a_form_posted_from_elsewhere_creates_nothing(site, smtp):
    invite_over_rest("chef.a", **person("eva@example.se", uid(site, "a")))
    _m, _b, url = mailed_link(smtp, "eva@example.se")
    answer = requests.post(url, data={"login": "eva", "setup": "1"}, timeout=30)
    assert answer.status_code == 403
    assert problem(answer) == (
        "Sidan hade varit öppen för länge. Ladda om den och försök igen."
    )
    # The inviter's form needs its token too.
    s = browser("chef.a")
    answer = s.post(
        f"{portal_url()}/@@bjud-in",
        data={**person("eva2@example.se", uid(site, "a")), "invite": "1"},
    )
    assert answer.status_code == 403
    fresh()
    assert api.user.get(userid="eva") is None
    assert {r["email"] for r in invitations._store()["invitations"].values()} == {
        "eva@example.se"
    }


def test_a_locked_client_is_told_to_wait(site, smtp, monkeypatch):
    invite_over_rest("chef.a", **person("ida@example.se", uid(site, "a")))
    _m, _b, url = mailed_link(smtp, "ida@example.se")
    monkeypatch.setattr(
        limits, "locked_until", lambda request, login: time.time() + 600
    )
    response = requests.get(url, timeout=30)
    assert response.status_code == 429
    assert 590 <= int(response.headers["Retry-After"]) <= 601
    assert problem(response) == (
        "För många felaktiga försök härifrån. Vänta 10 minuter och försök igen."
    )
    token = url.rsplit("/", 1)[1]
    response = requests.post(
        f"{portal_url()}/++api++/@inbjudan/{token}", json={"login": "ida"}, timeout=30
    )
    assert response.status_code == 429
    fresh()
    assert api.user.get(userid="ida") is None


def test_a_qr_code_for_someone_standing_next_to_the_manager(site, smtp):
    answer = post_invite(
        "chef.a",
        button="invite_qr",
        **person("noor@example.se", uid(site, "a"), name="Noor Ali"),
    )
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"].startswith("no-store")
    page = html.fromstring(answer.text)
    assert text(page.xpath("//h1")[0]) == "QR-kod för Noor Ali"
    (image,) = page.xpath('//img[contains(@class, "solna-qr-code")]')
    assert image.get("src").startswith("data:image/svg+xml")
    assert image.get("alt") == "QR-kod för inbjudan"
    (help,) = page.xpath('//*[contains(@class, "solna-invite-qr")]/p[@class="lead"]')
    assert "gäller till kl." in text(help)
    url = text(page.xpath('//*[contains(@class, "solna-qr-url")]')[0])
    assert LINK.match(url)
    # The mail went too (the link in it is another one).
    _m, _b, mailed = mailed_link(smtp, "noor@example.se")
    assert mailed != url

    s, answer = set_up(url)
    assert answer.status_code == 302
    assert "__ac" in s.cookies
    again = requests.get(url, timeout=30)
    assert again.status_code == 410
    assert problem(again) == "Koden är redan använd."
    assert requests.get(mailed, timeout=30).status_code == 410


def test_a_qr_code_lasts_ten_minutes_and_a_new_one_replaces_it(site, smtp):
    made = invite_over_rest("chef.a", **person("ali@example.se", uid(site, "a")))
    first = html.fromstring(press("chef.a", "qr", made["id"]).text)
    first_url = text(first.xpath('//*[contains(@class, "solna-qr-url")]')[0])
    second = rest("chef.a").post(f"{portal_url()}/@inbjudningar/{made['id']}/qr")
    assert second.status_code == 200
    assert second.json()["qr"].startswith("data:image/svg+xml")
    assert requests.get(first_url, timeout=30).status_code == 410
    assert problem(requests.get(first_url, timeout=30)) == (
        "Koden gäller inte längre. Skanna den senaste koden som din chef visar."
    )
    fresh()
    record = invitations._store()["invitations"][made["id"]]
    record["qr_expires"] = time.time() - 1
    transaction.commit()
    response = requests.get(second.json()["url"], timeout=30)
    assert response.status_code == 410
    assert problem(response) == (
        "Koden har gått ut (den gäller i 10 minuter). Be din chef att visa en ny."
    )
    # Another manager cannot show a code for it.
    response = rest("chef.b").post(f"{portal_url()}/@inbjudningar/{made['id']}/qr")
    assert response.status_code == 404
    # Skicka igen and Återkalla over REST.
    base = f"{portal_url()}/@inbjudningar/{made['id']}"
    again = rest("chef.a").post(f"{base}/skicka-igen")
    assert again.status_code == 200
    assert again.json()["sent"] == 2
    assert wait_for(lambda: len(smtp.to("ali@example.se")) == 2)
    assert rest("chef.a").post(f"{base}/aterkalla").status_code == 204
    listed = rest("chef.a").get(f"{portal_url()}/@inbjudningar").json()
    assert listed["items"] == []
    assert rest("chef.a").post(f"{base}/aterkalla").status_code == 404


def test_an_app_sets_the_account_up_over_rest(site, smtp):
    invite_over_rest(
        "chef.a", **person("maja@example.se", uid(site, "a"), name="Maja Berg")
    )
    _m, _b, url = mailed_link(smtp, "maja@example.se")
    token = url.rsplit("/", 1)[1]
    # Only the token's HMAC is stored.
    fresh()
    store = invitations._store()
    stored = repr(
        [dict(r) for r in store["invitations"].values()] + list(store["tokens"].keys())
    )
    assert token not in stored
    assert invitations._hash(token) in store["tokens"]
    api_url = f"{portal_url()}/++api++/@inbjudan/{token}"
    shown = requests.get(api_url, headers=JSON, timeout=30)
    assert shown.status_code == 200
    assert shown.json() == {
        "fullname": "Maja Berg",
        "email": "maja@example.se",
        "unit": {"UID": uid(site, "a"), "title": "Solgläntan"},
        "profession": {"id": "forskollarare", "title": "Förskollärare"},
        "login": "maja.berg",
        "password_min_length": 8,
    }
    refused = requests.post(api_url, json={"login": "chef.a"}, timeout=30)
    assert refused.status_code == 400
    assert refused.json()["error"]["errors"]["login"].startswith(
        "Inloggningsnamnet är upptaget."
    )
    made = requests.post(api_url, json={"login": "maja.berg"}, timeout=30)
    assert made.status_code == 201, made.text
    assert "__ac" not in made.cookies
    jwt = made.json()["token"]
    me = requests.get(
        f"{portal_url()}/++api++/@mitt-intranat",
        headers={**JSON, "Authorization": f"Bearer {jwt}"},
        timeout=30,
    )
    assert me.status_code == 200
    again = requests.get(api_url, headers=JSON, timeout=30)
    assert again.status_code == 410
    assert again.json()["error"]["message"].startswith("Inbjudan är redan använd")
    unknown = requests.get(
        f"{portal_url()}/++api++/@inbjudan/nej", headers=JSON, timeout=30
    )
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"].startswith("Länken fungerar inte.")


def test_links_opened_by_any_web_page_lock_nobody_out(site):
    """Any page a member opens can make her browser open invitation links
    (``<img src=".../@@inbjudan/...">``); a hundred unknown ones must not
    keep her from signing in from that address."""
    for _n in range(100):
        answer = requests.get(
            f"{portal_url()}/@@inbjudan/{secrets.token_urlsafe(24)}", timeout=30
        )
        assert answer.status_code == 404
    login = requests.post(
        f"{portal_url()}/@login",
        json={"login": "chef.a", "password": PASSWORD},
        headers=JSON,
        timeout=30,
    )
    assert login.status_code == 200, login.text
    assert login.json()["token"]


def test_a_manager_shows_qr_codes_only_for_invitations_they_made(site, smtp):
    """Whoever scans a QR code chooses the account's login name and
    password: a manager may not do it for someone HR invited to their unit
    (HR may for any); the invitee is mailed when her account is set up."""
    made = invite_over_rest(
        "hr.red", **person("noor@example.se", uid(site, "a"), name="Noor Ali")
    )
    own = invite_over_rest("chef.a", **person("ali@example.se", uid(site, "a")))
    # The manager's list shows both, but the QR button only for her own.
    page = html.fromstring(browser("chef.a").get(f"{portal_url()}/@@bjud-in").text)
    assert [b.get("value") for b in page.xpath('//button[@name="qr"]')] == [own["id"]]
    assert page.xpath(f'//button[@name="resend"][@value="{made["id"]}"]')
    refused = rest("chef.a").post(f"{portal_url()}/@inbjudningar/{made['id']}/qr")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "Bara den som skickade inbjudan, eller HR, kan visa en QR-kod för den. "
        "Skicka den igen i stället: länken går till personens e-post."
    )
    # Pressing the button anyway (an old page) shows no code.
    s = browser("chef.a")
    form = html.fromstring(s.get(f"{portal_url()}/@@bjud-in").text).xpath(
        '//form[.//button[@name="resend"]]'
    )[0]
    answer = s.post(
        f"{portal_url()}/@@bjud-in", data={**dict(form.form_values()), "qr": made["id"]}
    )
    assert "Bara den som skickade inbjudan, eller HR" in answer.text
    assert not html.fromstring(answer.text).xpath('//img[contains(@class, "solna-qr")]')
    fresh()
    assert invitations._store()["invitations"][made["id"]]["qr"] == ""
    # HR may; the manager may for her own.
    assert (
        rest("chef.a").post(f"{portal_url()}/@inbjudningar/{own['id']}/qr").status_code
        == 200
    )
    qr = rest("hr.red").post(f"{portal_url()}/@inbjudningar/{made['id']}/qr")
    assert qr.status_code == 200
    mailed_link(smtp, "noor@example.se")
    token = qr.json()["url"].rsplit("/", 1)[1]
    setup = requests.post(
        f"{portal_url()}/++api++/@inbjudan/{token}",
        json={"login": "noor.ali", "password": "Nagon-annans-losen-1"},
        timeout=30,
    )
    assert setup.status_code == 201, setup.text
    # Whoever scanned the code, Noor learns that her account exists.
    assert wait_for(lambda: len(smtp.to("noor@example.se")) == 2)
    message = smtp.to("noor@example.se")[-1]
    assert message["Subject"] == "Ditt konto på Solna intranät är klart"
    body = message.get_content()
    assert "Ditt inloggningsnamn är noor.ali." in body
    assert f"{portal_url()}/@@engangskod" in body
    assert "engångskod" in body
    assert "Om det inte var du: kontakta din chef eller HR." in body
    assert "Nagon-annans-losen-1" not in body


RESERVED = (
    "manager",
    "root",
    "system",
    "webmaster",
    "admin",
    "acl_users",
    "portal_catalog",
    "session",
    "solna_guard",
)


def test_names_of_the_site_and_its_tools_are_no_login_names(site, smtp):
    invite_over_rest(
        "chef.a", **person("webmaster@example.se", uid(site, "a"), name="Webmaster")
    )
    _m, _b, url = mailed_link(smtp, "webmaster@example.se")
    api_url = f"{portal_url()}/++api++/@inbjudan/{url.rsplit('/', 1)[1]}"
    # The proposal from her name avoids them.
    proposed = requests.get(api_url, headers=JSON, timeout=30).json()["login"]
    assert proposed == "webmaster2"
    for name in RESERVED:
        refused = requests.post(api_url, json={"login": name}, timeout=30)
        assert refused.status_code == 400, name
        assert refused.json()["error"]["errors"]["login"] == (
            "Det inloggningsnamnet är reserverat för webbplatsen. Välj ett "
            f"annat, till exempel {proposed}."
        ), name
    fresh()
    (record,) = invitations._store()["invitations"].values()
    assert record["state"] == "pending"
    # The page says the same.
    _s, answer = set_up(url, login="Portal_Catalog")
    assert answer.status_code == 400
    assert "Det inloggningsnamnet är reserverat för webbplatsen." in answer.text
    made = requests.post(api_url, json={"login": proposed}, timeout=30)
    assert made.status_code == 201, made.text
