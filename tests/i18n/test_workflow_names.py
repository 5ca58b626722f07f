"""One name for each workflow state and transition, on every page.

A trial as a Webbredaktör found one step named differently on different
pages ("Väntar på godkännande" and "Inväntar granskning" for an item in
review, "Lämna in för granskning" beside "Skicka för granskning", a merged
"Godkänn // Publicera"). These tests collect the names a Redaktör, a Chef
and a Webbredaktör see for each state and transition, page by page (the
Tillstånd menu, the workflow bar, folder contents' state column, filter and
Tillstånd dialogue, the advanced workflow form, the review list, the
history, the search and collection editor's criteria, a content rule's
conditions and actions and their summaries, the review mails) and fail
when one step has two names.

The comment workflow's held comment ("Väntar på godkännande") and its
approval ("Godkänn") are a comment's, not a step of content: they keep
their names on the comment pages (tests/dialogue/comments/)."""

from collections import defaultdict
from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import form_post
from tests.fixtures.http import session
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for
from tests.i18n.test_editor_pages import new_rule

import json
import re


#: The names the issue asks for: the item's state in review and the steps
#: that lead on from it.
THE_NAMES = {
    ("state", "private"): "Utkast",
    ("state", "pending"): "Granskning",
    ("state", "published"): "Publicerad",
    ("state", "archived"): "Arkiverad",
    ("transition", "submit"): "Skicka för granskning",
    ("transition", "publish"): "Publicera",
    ("transition", "reject"): "Skicka tillbaka",
    ("transition", "retract"): "Ta tillbaka",
    ("transition", "archive"): "Arkivera",
}


def text(element):
    return " ".join(element.text_content().split())


class Names:
    """{(kind, id): {name: [where it was seen]}}."""

    def __init__(self):
        self.seen = defaultdict(lambda: defaultdict(list))

    def add(self, kind, step_id, name, where):
        name = " ".join((name or "").split())
        # A list may show an id beside a name another id shares.
        name = re.sub(rf"\s*\[{re.escape(step_id)}\]$", "", name)
        assert name, (kind, step_id, where)
        self.seen[(kind, step_id)][name].append(where)

    def twice(self):
        """The steps with more than one name, and where each was seen."""
        return {
            step: {name: sorted(set(where)) for name, where in names.items()}
            for step, names in self.seen.items()
            if len(names) > 1
        }

    def name(self, kind, step_id):
        (name,) = self.seen[(kind, step_id)]
        return name


def menu_and_bar(names, login, url):
    """An item's page: the Tillstånd menu's state and transitions, and the
    workflow bar's."""
    page = html.fromstring(browser(login).get(url).text)
    where = f"{login}: Tillstånd-menyn på {url}"
    menu = page.xpath("//*[@id='plone-contentmenu-workflow']")
    assert menu, where
    for label in menu[0].xpath(".//span[starts-with(@class, 'label-state-')]"):
        names.add(
            "state", label.get("class").removeprefix("label-state-"), text(label), where
        )
    for link in menu[0].xpath(".//a[starts-with(@id, 'workflow-transition-')]"):
        step = link.get("id").removeprefix("workflow-transition-")
        if step != "advanced":
            names.add("transition", step, text(link), where)
    where = f"{login}: arbetsflödesraden på {url}"
    (bar,) = page.xpath("//section[contains(@class, 'solna-workflow-bar')]")
    (state,) = bar.xpath(".//strong[contains(@class, 'solna-workflow-state-title')]")
    step = [c for c in state.get("class").split() if c.startswith("state-")]
    names.add("state", step[0].removeprefix("state-"), text(state), where)
    for button in bar.xpath(
        ".//*[self::button or self::a][starts-with(@id, 'solna-workflow-')]"
    ):
        names.add(
            "transition",
            button.get("id").removeprefix("solna-workflow-"),
            text(button),
            where,
        )


def folder_contents(names, login, folder, uids):
    """Folder contents: the state column's names, and the transitions its
    Tillstånd dialogue offers for the items (``uids``)."""
    member = browser(login)
    url = f"{folder}/folder_contents"
    page = html.fromstring(member.get(url).text)
    (states,) = page.xpath("//@data-solna-state-titles")
    for step, name in json.loads(states).items():
        names.add("state", step, name, f"{login}: Innehåll, statuskolumnen")
    offered = member.get(
        f"{folder}/@@fc-workflow",
        params={
            "selection": json.dumps(uids),
            "render": "yes",
            "_authenticator": token(member, url),
        },
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert offered.status_code == 200, offered.text[:200]
    for transition in offered.json()["transitions"]:
        names.add(
            "transition",
            transition["id"],
            transition["title"],
            f"{login}: Innehåll, Tillstånd-dialogen",
        )


def advanced_form(names, login, url):
    """Tillstånd → Avancerat… (content_status_history): the items' states,
    "Ingen ändring"'s state and the transitions offered."""
    page = html.fromstring(browser(login).get(f"{url}/content_status_history").text)
    where = f"{login}: Avancerat… på {url}"
    for span in page.xpath(
        "//table//tr/td[last()]/span[starts-with(@class, 'state-')][normalize-space()]"
    ):
        step = span.get("class").split()[0].removeprefix("state-")
        if step != "expired":
            names.add("state", step, text(span), where)
    for radio in page.xpath("//input[@name='workflow_action']"):
        if radio.get("id") == "workflow_action":  # Ingen ändring (the state)
            names.add("state", radio.get("value"), radio.get("title"), where)
            continue
        (label,) = page.xpath(f"//label[@for='{radio.get('id')}']")
        names.add("transition", radio.get("value"), text(label), where)


def review_list(names, login):
    """Hela granskningslistan (full_review_list): each item's state."""
    portal_url = api.portal.get().absolute_url()
    page = html.fromstring(browser(login).get(f"{portal_url}/full_review_list").text)
    rows = page.xpath("//table//tbody/tr")
    assert rows
    for row in rows:
        (state,) = row.xpath("td[last()]/span[starts-with(@class, 'state-')]")
        names.add(
            "state",
            state.get("class").removeprefix("state-"),
            text(state),
            f"{login}: granskningslistan",
        )


def history(names, login, url):
    """Historik (@@historyview): the steps taken."""
    page = html.fromstring(browser(login).get(f"{url}/@@historyview").text)
    steps = page.xpath("//span[contains(@class, 'historyAction')]")
    assert steps
    for step in steps:
        (step_id,) = [
            c.removeprefix("state-")
            for c in step.get("class").split()
            if c.startswith("state-")
        ]
        if step_id not in ("Edited", "Create"):
            names.add("transition", step_id, text(step), f"{login}: historiken")


def criteria(names, login):
    """The search and collection editor's state criterion, as
    folder contents' filter offers it too (plone.app.querystring)."""
    portal_url = api.portal.get().absolute_url()
    options = browser(login).get(f"{portal_url}/@@qsOptions").json()
    for step, value in options["indexes"]["review_state"]["values"].items():
        names.add("state", step, value["title"], f"{login}: sökvillkoren")


def content_rule(names, login):
    """A content rule's state and transition conditions and its workflow
    action: what their forms offer and how the rule's page sums them up."""
    member = browser(login)
    rule_url = new_rule(member)
    for element, field, kind in (
        ("+condition/plone.conditions.WorkflowState", "wf_states", "state"),
        (
            "+condition/plone.conditions.WorkflowTransition",
            "wf_transitions",
            "transition",
        ),
        ("+action/plone.actions.Workflow", "transition", "transition"),
    ):
        page = html.fromstring(member.get(f"{rule_url}/{element}").text)
        options = page.xpath(f"//select[@name='form.widgets.{field}:list']/option")
        assert options, element
        for option in options:
            if option.get("value") != "--NOVALUE--":
                names.add(
                    kind, option.get("value"), text(option), f"{login}: {element}"
                )
    for element, values in (
        (
            "+condition/plone.conditions.WorkflowState",
            {"form.widgets.wf_states:list": "pending"},
        ),
        (
            "+condition/plone.conditions.WorkflowTransition",
            {"form.widgets.wf_transitions:list": "submit"},
        ),
        ("+action/plone.actions.Workflow", {"form.widgets.transition:list": "publish"}),
    ):
        saved = form_post(member, f"{rule_url}/{element}", values, files=None)
        assert "/@@manage-elements" in saved.url, (element, saved.url)
    page = html.fromstring(member.get(f"{rule_url}/@@manage-elements").text)
    summaries = [text(p) for p in page.xpath("//p[contains(@class, 'card-text')]")]
    state, transition, action = summaries
    where = f"{login}: regelns sida"
    names.add("state", "pending", state.split(": ", 1)[1], where)
    names.add("transition", "submit", transition.split(": ", 1)[1], where)
    names.add("transition", "publish", action.removeprefix("Utför övergång "), where)


def step(login, url, name, comment=None):
    body = {"comment": comment} if comment is not None else {}
    done = session(login).post(f"{url}/@workflow/{name}", json=body)
    assert done.ok, done.text


def mail_to(login, subject, smtp):
    """The mail to ``login`` whose subject starts with ``subject``."""

    def found():
        return [
            message
            for message in smtp.to(f"{login}@solna.example")
            if message["Subject"].startswith(subject)
        ]

    assert wait_for(found), subject
    (message,) = found()
    return message


def test_a_step_has_one_name_on_every_page(site, smtp):
    """An item in review, a draft, an archived item and the published unit,
    as their author (Redaktör), the unit's Chef and a Webbredaktör: every
    state and transition has one name, the one the issue asks for."""
    unit = site["a"].absolute_url()
    author = session("red.a")

    def create(portal_type, title):
        created = author.post(unit, json={"@type": portal_type, "title": title})
        assert created.status_code == 201, created.text
        return created.json()["@id"], created.json()["UID"]

    news, news_uid = create("News Item", "Sommarfest på Solgläntan")
    draft, draft_uid = create("Document", "Rutiner vid hämtning")
    old, old_uid = create("Document", "Gamla rutiner")
    step("chef.a", old, "publish")
    step("chef.a", old, "archive")
    # In review, sent back with a reason, in review again: mails on the way.
    step("red.a", news, "submit")
    to_review = mail_to("chef.a", "Att granska: ", smtp)
    step("chef.a", news, "reject", "Lägg till tid och plats.")
    sent_back = mail_to("red.a", "Skickad tillbaka: ", smtp)
    step("red.a", news, "submit")

    names = Names()
    for login, urls in (
        ("red.a", (news, draft)),
        ("chef.a", (news, draft, old, unit)),
        ("webbred", (news, draft, old, unit)),
    ):
        for url in urls:
            menu_and_bar(names, login, url)
    for login in ("red.a", "chef.a", "webbred"):
        folder_contents(names, login, unit, [news_uid, draft_uid, old_uid])
        advanced_form(names, login, unit)
        criteria(names, login)
    advanced_form(names, "chef.a", news)
    review_list(names, "webbred")
    history(names, "chef.a", news)
    history(names, "webbred", old)
    content_rule(names, "webbred")

    twice = names.twice()
    assert twice == {}, json.dumps(
        {f"{kind} {step_id}": seen for (kind, step_id), seen in twice.items()},
        ensure_ascii=False,
        indent=1,
    )
    for (kind, step_id), name in THE_NAMES.items():
        assert names.name(kind, step_id) == name, (kind, step_id)

    # The mails tell the reviewer and the author which step to take next by
    # the names the pages give them.
    body = to_review.get_content()
    for step_id in ("publish", "reject"):
        assert names.name("transition", step_id) in body, body
    assert "för granskning" in body
    body = sent_back.get_content()
    assert f"välj {names.name('transition', 'submit')}" in body, body


def test_the_lists_of_every_workflow_name_a_step_as_content_does(site):
    """The lists that gather every workflow's states and transitions (the
    search and collection editor, a content rule's conditions; REST
    ``@vocabularies`` for an app) name each by the content's workflow,
    once: no "Godkänn // Publicera", no "Väntar på godkännande" for an item
    in review (the comment workflow's names of the same ids), no "Privat"
    or "Inväntar granskning" of Plone's workflows no type uses, and none of
    those workflows' states offered ("Internt utkast")."""
    portal_url = api.portal.get().absolute_url()
    webbred = session("webbred")

    def vocabulary(name):
        answer = webbred.get(
            f"{portal_url}/@vocabularies/plone.app.vocabularies.{name}"
        )
        assert answer.status_code == 200, answer.text
        return {item["token"]: item["title"] for item in answer.json()["items"]}

    states = vocabulary("WorkflowStates")
    transitions = vocabulary("WorkflowTransitions")
    assert states["pending"] == "Granskning"
    assert states["private"] == "Utkast"
    assert transitions["publish"] == "Publicera"
    assert transitions["reject"] == "Skicka tillbaka"
    assert transitions["submit"] == "Skicka för granskning"
    assert not {"internal", "internally_published", "visible", "spam"} & set(states)
    for title in [*states.values(), *transitions.values()]:
        assert "//" not in title, title
        assert "[" not in title, title
    assert len(set(states.values())) == len(states), states
    assert len(set(transitions.values())) == len(transitions), transitions
