"""Our own hand-made forms sent with errors follow the pattern of z3c.form's
and easyform's (accessibility_fixes/transform.py; issue 18's fourth trial,
7 and 16): the page's title starts with "Fel:", every message at a field is
tied to it (the field ``aria-invalid`` and described by the message), the
page's error summary, where it has one, links to the fields, and nothing is
English.

FORMS walks every hand-made form with an error state: Chefens sida's
"Publicera en nyhet", removing a comment (moderation), Din enhet och ditt
yrke, Skicka tillbaka, Bjud in medarbetare, and the log-in and one-time
code forms refusing what was typed (an alert, no field). A new hand-made
form with errors belongs here."""

from dataclasses import dataclass
from lxml import html
from plone import api
from tests.fixtures.comments import comment
from tests.fixtures.english import english_in
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import text
from urllib.parse import urljoin

import pytest
import requests
import transaction


@dataclass
class Form:
    """A form to send with errors: as ``login`` (None: not logged in), the
    page at ``path`` (after the site's URL, or a callable of the site's
    places), its form holding ``button`` (or the form ``form`` finds), sent
    with ``values``; the fields whose messages the page must show."""

    name: str
    login: str | None
    path: object
    values: dict
    fields: list
    button: str | None = None
    form: str = ""
    summary: bool = False
    status: int = 200


def item_in_review(places):
    created = session("red.a").post(
        places["a"].absolute_url(),
        json={"@type": "News Item", "title": "Sommarfest på Solgläntan"},
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert session("red.a").post(f"{url}/@workflow/submit").status_code == 200
    return f"{url}/@@skicka-tillbaka"


def a_comment(places):
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=places["a"],
            type="News Item",
            id="vattenlacka",
            title="Vattenläcka: Solgläntans förskola stängd i dag",
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    comment("olle.medarbetare", item, "Vi hämtar tidigt.")
    transaction.begin()
    item._p_jar.sync()
    from plone.app.discussion.interfaces import IConversation

    (found,) = IConversation(item).getComments()
    return f"{found.absolute_url()}/@@ta-bort-kommentar"


FORMS = [
    Form(
        "Chefens sida: Publicera en nyhet",
        "chef.a",
        "@@chefens-sida",
        {"title": "", "text": ""},
        ["solna-quick-title", "solna-quick-text"],
        form="//section[contains(@class, 'solna-quick-news')]//form",
        summary=True,
    ),
    Form(
        "Ta bort en kommentar",
        "chef.a",
        a_comment,
        {"reason": ""},
        ["reason"],
        button="form.buttons.delete",
    ),
    Form(
        "Din enhet och ditt yrke",
        "olle.medarbetare",
        "@@valj-enhet",
        {"unit": "", "profession": ""},
        ["solna-choice-unit", "solna-choice-profession"],
        button="save",
        summary=True,
    ),
    Form(
        "Skicka tillbaka",
        "chef.a",
        item_in_review,
        {"comment": ""},
        ["solna-reject-comment"],
        button="form.buttons.reject",
    ),
    Form(
        "Bjud in medarbetare",
        "chef.a",
        "@@bjud-in",
        {"fullname": "", "email": "inte en adress"},
        ["solna-invite-fullname", "solna-invite-email"],
        button="invite",
        summary=True,
        form="//form[contains(@class, 'solna-invite-form')]",
    ),
    Form(
        "Engångskod: ingen adress",
        None,
        "@@engangskod",
        {"login": "  "},
        [],
        button="form.buttons.send",
        status=400,
    ),
    Form(
        "Logga in: fel lösenord",
        None,
        "login",
        {"__ac_name": "olle.medarbetare", "__ac_password": "fel"},
        [],
        button="buttons.login",
    ),
]


def send(form, places):
    """Open the form's page, fill it in and send it: the answer."""
    portal_url = api.portal.get().absolute_url()
    path = form.path(places) if callable(form.path) else form.path
    url = path if path.startswith("http") else f"{portal_url}/{path}"
    s = browser(form.login) if form.login else requests.Session()
    page = s.get(url, timeout=60)
    assert page.status_code == 200, (form.name, page.status_code)
    xpath = form.form or f"//form[.//*[@name='{form.button}']]"
    (element, *_rest) = html.fromstring(page.text).xpath(xpath)
    data = {**dict(element.form_values()), **form.values}
    if form.button:
        data[form.button] = "1"
    return s.post(urljoin(page.url, element.get("action") or url), data=data)


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_a_hand_made_form_with_errors_says_so_and_links_them(form, site):
    answer = send(form, site)
    assert answer.status_code == form.status, (form.name, answer.status_code)
    tree = html.fromstring(answer.text)
    title = " ".join(tree.xpath("//title")[0].text.split())
    assert title.startswith("Fel: "), title
    messages = {}
    for name in form.fields:
        (control,) = tree.xpath(
            "//*[self::input or self::select or self::textarea][@id=$id]", id=name
        )
        assert control.get("aria-invalid") == "true", (name, html.tostring(control))
        described = control.get("aria-describedby", "").split()
        shown = [
            text(m)
            for m in tree.xpath("//*[@id=$id]", id=described[-1] if described else "")
            if "invalid-feedback" in m.get("class", "")
        ]
        assert shown, (name, described)
        assert shown[0], (name, described)
        messages[name] = shown[0]
    # Every message at a field is tied to its field.
    for message in tree.xpath(
        "//*[contains(concat(' ', @class, ' '), ' invalid-feedback ')]"
        "[normalize-space()]"
    ):
        assert message.get("id"), html.tostring(message)
        assert tree.xpath(
            "//*[@aria-invalid='true'][contains(concat(' ', @aria-describedby, ' '),"
            " concat(' ', $id, ' '))]",
            id=message.get("id"),
        ), html.tostring(message)
    if form.summary:
        links = {
            link.get("href"): text(link)
            for link in tree.xpath("//*[contains(@class, 'solna-error-summary')]//a")
        }
        for name, message in messages.items():
            assert message in links.get(f"#{name}", ""), (name, links)
    alerts = [
        text(a)
        for a in tree.xpath("//*[@role='alert']")
        if "alert-danger" in a.get("class", "") or "error" in a.get("class", "")
    ]
    assert english_in([title, *messages.values(), *alerts]) == []


def test_a_page_with_an_error_message_it_was_sent_to_is_not_titled_fel(site):
    """A page opened (GET) that shows an error status message after a
    redirect is no form sent back: its title stays as it was."""
    portal_url = api.portal.get().absolute_url()
    page = browser("olle.medarbetare").get(f"{portal_url}/@@nyheter")
    title = html.fromstring(page.text).xpath("//title")[0].text
    assert not title.startswith("Fel"), title


@pytest.mark.parametrize("login", ["chef.a", "kommunikator"])
def test_the_delete_page_names_the_item_once(site, login):
    """Removing a comment, opened and sent without a reason, by the unit's
    manager and by a moderator of the whole site: the comment's title
    ("Olle Medarbetare om <item>") names the item, once."""
    url = a_comment(site)
    s = browser(login)
    page = s.get(url)
    title = html.fromstring(page.text).xpath("//title")[0].text
    assert title.count("Vattenläcka") == 1, title
    (form,) = html.fromstring(page.text).xpath("//form[@method='post']")
    data = {**dict(form.form_values()), "form.buttons.delete": "1"}
    answer = s.post(url, data=data)
    title = html.fromstring(answer.text).xpath("//title")[0].text
    assert title.startswith("Fel: Ta bort en kommentar — "), title
    assert title.count("Vattenläcka") == 1, title
