"""A guessed address must not reveal that something exists (issue 14, 2).

For a person with skyddad identitet and a secret community, whoever may not
view them gets exactly what an address that does not exist gets: the same
status, the same body and the same kind of headers, on pages, views that
are public elsewhere (``@@ok``), REST and deeper paths. Anonymous visitors
are sent to the login page for both. Protected people are not listed by
the users vocabulary either.
"""

from plone import api
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD

import pytest
import re
import requests
import transaction


@pytest.fixture
def hidden(functional_portal):
    portal = functional_portal
    create_staff({"olle.medarbetare": (), "sofia.dold": (), "mod": ()})
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(
            container=portal, type="solna.Unit", id="myran", title="Myran"
        )
        api.content.transition(unit, to_state="published")
        api.content.create(
            container=unit,
            type="solna.Person",
            id="sofia-dold",
            first_name="Sofia",
            last_name="Dold",
            userid="sofia.dold",
            protected_identity=True,
        )
        community = api.content.create(
            container=portal,
            type="solna.Community",
            id="hemliga",
            title="Hemliga nätverket",
            moderators=["mod"],
        )
        api.content.transition(community, to_state="secret")
    transaction.commit()
    return portal.absolute_url()


def get(url, login=None, api=False):
    headers = {"Accept": "application/json"} if api else {"Accept": "text/html"}
    auth = (login, PASSWORD) if login else None
    return requests.get(
        url, auth=auth, headers=headers, allow_redirects=False, timeout=60
    )


PAIRS = (
    # (what exists but is hidden, what does not exist)
    ("myran/sofia-dold", "myran/sofia-finns-inte"),
    ("myran/sofia-dold/@@ok", "myran/sofia-finns-inte/@@ok"),
    ("myran/sofia-dold/view", "myran/sofia-finns-inte/view"),
    ("myran/sofia-dold/@@images/portrait", "myran/sofia-finns-inte/@@images/portrait"),
    ("hemliga", "hemliga-finns-inte"),
    ("hemliga/@@ok", "hemliga-finns-inte/@@ok"),
    ("hemliga/folder_contents", "hemliga-finns-inte/folder_contents"),
)


def same(hidden_answer, missing_answer, site):
    assert hidden_answer.status_code == missing_answer.status_code, (
        hidden_answer.url,
        hidden_answer.status_code,
        missing_answer.status_code,
    )
    for header in ("Content-Type", "WWW-Authenticate"):
        assert hidden_answer.headers.get(header) == missing_answer.headers.get(header)
    # The body differs only by the name asked for (a redirect's body too).
    hidden_names = hidden_answer.url[len(site) :].split("/")
    missing_names = missing_answer.url[len(site) :].split("/")
    hidden_name, missing_name = next(
        (a, b) for a, b in zip(hidden_names, missing_names, strict=True) if a != b
    )
    shown = hidden_answer.text.replace(f"/{hidden_name}", "/X")
    assert shown == missing_answer.text.replace(f"/{missing_name}", "/X"), (
        shown,
        missing_answer.text,
    )


@pytest.mark.parametrize("login", [None, "olle.medarbetare"])
@pytest.mark.parametrize("api_call", [False, True], ids=["page", "rest"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p[0] for p in PAIRS])
def test_hidden_answers_as_missing(hidden, login, api_call, pair):
    site = hidden
    if api_call:
        site = f"{hidden}/++api++"
    there, not_there = (f"{site}/{path}" for path in pair)
    same(get(there, login, api_call), get(not_there, login, api_call), site)


def test_anonymous_is_sent_to_log_in_for_both(hidden):
    there = get(f"{hidden}/myran/sofia-dold")
    missing = get(f"{hidden}/myran/sofia-finns-inte")
    assert there.status_code == missing.status_code == 302
    assert "login" in there.headers["Location"]
    assert "login" in missing.headers["Location"]


def test_those_who_may_still_see(hidden):
    assert get(f"{hidden}/hemliga", "mod").status_code == 200
    assert get(f"{hidden}/++api++/hemliga", "mod", api=True).status_code == 200
    # The login page and the site's own health check stay open.
    assert get(f"{hidden}/login").status_code == 200
    assert get(f"{hidden}/@@ok").status_code == 200


def test_protected_people_are_not_in_the_users_vocabulary(hidden):
    found = requests.get(
        f"{hidden}/++api++/@vocabularies/plone.app.vocabularies.Users",
        params={"title": "so", "b_size": 100},
        auth=("olle.medarbetare", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert found.status_code == 200, found.text
    tokens = {item["token"] for item in found.json()["items"]}
    assert "sofia.dold" not in tokens
    found = requests.get(
        f"{hidden}/@@getVocabulary",
        params={"name": "plone.app.vocabularies.Users", "query": "sofia"},
        auth=("olle.medarbetare", PASSWORD),
        timeout=60,
    )
    assert "sofia.dold" not in found.text


def test_the_author_page_and_account_pages_do_not_name_protected_people(hidden):
    def page(path):
        answer = requests.get(
            f"{hidden}/{path}",
            auth=("olle.medarbetare", PASSWORD),
            headers={"Accept": "text/html"},
            timeout=60,
        )
        # CSRF tokens differ from page to page.
        text = re.sub(r'(data-token|value)="[0-9a-f]{40}"', "TOKEN", answer.text)
        return answer.status_code, text

    status, text = page("author/sofia.dold")
    missing_status, missing_text = page("author/finns.inte")
    assert status == missing_status
    assert "Sofia" not in text
    assert text.replace("sofia.dold", "X") == missing_text.replace("finns.inte", "X")
    status, text = page("@@personal-information?userid=sofia.dold")
    assert status == 200
    assert "Sofia" not in text


def test_forgot_password_says_the_same_for_every_login(hidden):
    from lxml import html

    def ask(login):
        # As a browser does: the form first, then its token with the login.
        with requests.Session() as browser:
            form = html.fromstring(
                browser.get(f"{hidden}/mail_password_form", timeout=60).text
            )
            (token,) = form.xpath('//input[@name="_authenticator"]/@value')
            answer = browser.post(
                f"{hidden}/mail_password",
                data={"userid": login, "_authenticator": token},
                headers={"Accept": "text/html"},
                timeout=60,
            )
        return answer.status_code, answer.text.replace(login, "X").replace(token, "T")

    known = ask("sofia.dold")  # no mail server here: sending fails too
    assert known == ask("finns.inte")
    assert known[0] == 200
    assert "Titta i din e-post" in known[1]


def test_the_zope_admin_still_gets_a_404(hidden):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    answer = requests.get(
        f"{hidden}/finns-inte",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 404


def test_link_integrity_over_rest_tells_nothing_of_what_one_may_not_see(hidden):
    """plone.restapi's @linkintegrity ran for nobody logged in, named a
    hidden item in its English refusal and gave a 500 for an unknown uid
    (issue 22's trial). Now: nobody logged in is asked to log in; a member
    gets the same Swedish 400 for a secret community's uid as for one that
    does not exist; what she may see is answered as before."""
    portal = api.portal.get()
    secret = portal.unrestrictedTraverse("hemliga").UID()
    unit = portal.unrestrictedTraverse("myran").UID()
    url = f"{hidden}/++api++/@linkintegrity"

    def ask(login, **params):
        auth = (login, PASSWORD) if login else None
        return requests.get(
            url,
            params=params,
            auth=auth,
            headers={"Accept": "application/json"},
            timeout=60,
        )

    for params in ({"uids": secret}, {"uids": "0" * 32}, {}):
        anonymous = ask(None, **params)
        assert anonymous.status_code == 401
        assert anonymous.json()["message"] == "Logga in för att se det här."
    hidden_answer = ask("olle.medarbetare", uids=secret)
    missing = ask("olle.medarbetare", uids="0" * 32)
    assert hidden_answer.status_code == missing.status_code == 400
    assert "hemliga" not in hidden_answer.text.lower()
    assert hidden_answer.json()["error"]["message"] == (
        f"Det finns ingen sida med id {secret} som du får se."
    )
    assert ask("olle.medarbetare").json()["error"]["message"] == (
        "Ange vilka sidor som ska kontrolleras med uids."
    )
    seen = ask("olle.medarbetare", uids=unit)
    assert seen.status_code == 200
    assert [item["@id"] for item in seen.json()] == [f"{hidden}/myran"]


def test_a_rest_refusal_never_names_the_object_refused(portal, http_request):
    """AccessControl's Unauthorized for an object a service reached by
    restrictedTraverse names it ("…access 'hemliga' in this context"):
    REST answers in Swedish without the name, whoever asks."""
    from plone.app.testing import logout
    from plone.rest.errors import ErrorHandling
    from zExceptions import Unauthorized

    create_staff({"olle.medarbetare": ()})
    refused = Unauthorized("You are not allowed to access 'hemliga' in this context")
    view = ErrorHandling(refused, http_request)
    with api.env.adopt_user(username="olle.medarbetare"):
        member = view.render_exception(refused)
    assert member["message"] == "Du har inte behörighet till det här."
    logout()
    anonymous = view.render_exception(refused)
    assert anonymous["message"] == "Logga in för att se det här."
