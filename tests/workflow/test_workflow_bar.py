"""The workflow bar on an item's page (workflow/viewlets.py): its state in
Swedish and a button for each step the user may take now, for those who may
act and never for readers; the buttons are POST forms with plone.protect's
token (a POST without it changes nothing); "Skicka tillbaka" leads to the
form that asks why. Over HTTP, as a browser sends the forms."""

from lxml import html
from plone import api
from Products.CMFPlone.WorkflowTool import WorkflowTool
from tests.fixtures.calls import spied
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.staff import create_as

import transaction


def bar(login, url):
    """The workflow bar of the page at ``url`` as ``login`` sees it: None,
    or (state text, [(button text, form or link)])."""
    response = browser(login).get(url)
    assert response.status_code == 200, (login, url, response.status_code)
    found = html.fromstring(response.text).cssselect(".solna-workflow-bar")
    if not found:
        return None
    (element,) = found
    state = " ".join(
        element.cssselect(".solna-workflow-state")[0].text_content().split()
    )
    steps = [
        (" ".join(b.text_content().split()), b)
        for b in element.cssselect(
            ".solna-workflow-actions button, .solna-workflow-actions a"
        )
    ]
    return state, steps


def press(login, button):
    """Send the form of a workflow bar button as the browser does."""
    form = button.getparent()
    assert form.tag == "form"
    assert form.get("method") == "post"
    data = {i.get("name"): i.get("value") for i in form.cssselect("input")}
    return browser(login).post(form.get("action"), data=data)


def state(url):
    return session("red.a").get(url).json()["review_state"]


def test_editor_sends_for_review_and_the_manager_publishes(site, smtp):
    news = create_as("red.a", site["a"], "News Item", "Sommarfest på Solgläntan")
    transaction.commit()
    url = news.absolute_url()

    # The editor of a draft: its state, and the one step forward.
    shown, steps = bar("red.a", url)
    assert shown == "Status: Utkast"
    assert [text for text, _b in steps] == ["Skicka för granskning"]
    submit = steps[0][1]
    assert submit.getparent().get("action") == f"{url}/content_status_modify"
    assert submit.getparent().cssselect("input[name=_authenticator]")

    pressed = press("red.a", submit)
    assert pressed.status_code == 200
    assert pressed.url.rstrip("/") == url
    assert state(url) == "pending"
    shown, steps = bar("red.a", url)
    assert shown == "Status: Granskning"
    assert [text for text, _b in steps] == ["Ta tillbaka"]

    # The unit's manager reviews: publish, or send back (which asks why).
    shown, steps = bar("chef.a", url)
    assert shown == "Status: Granskning"
    assert [text for text, _b in steps] == ["Publicera", "Skicka tillbaka"]
    send_back = steps[1][1]
    assert send_back.tag == "a"
    assert send_back.get("href") == f"{url}/@@skicka-tillbaka"
    assert (
        "Varför skickas det tillbaka?"
        in browser("chef.a").get(send_back.get("href")).text
    )

    assert press("chef.a", steps[0][1]).status_code == 200
    assert state(url) == "published"
    shown, steps = bar("chef.a", url)
    assert shown == "Status: Publicerad"
    assert "Arkivera" in [text for text, _b in steps]

    # Readers see the news, not the bar; nor does the editor of another unit.
    assert bar("olle.medarbetare", url) is None
    assert bar("red.b", url) is None


def test_a_post_without_the_token_changes_nothing(site, smtp):
    news = create_as("red.a", site["a"], "News Item", "Nya rutiner")
    transaction.commit()
    url = news.absolute_url()
    _shown, ((_text, submit),) = bar("red.a", url)
    form = submit.getparent()

    # Forged from another site: no token, or someone else's.
    for token in (None, "0" * 40):
        data = {"workflow_action": "submit"}
        if token:
            data["_authenticator"] = token
        forged = browser("red.a").post(form.get("action"), data=data)
        assert forged.status_code == 403, forged.status_code
        assert state(url) == "private"

    # Staff who may not act on it cannot either, token or not.
    assert press("olle.medarbetare", submit).status_code in (401, 403, 404)
    assert state(url) == "private"


def test_pages_rules_and_units(site, smtp):
    page = create_as("red.a", site["a"], "Document", "Våra rutiner")
    rule = create_as("hr.red", site["hr"], "solna.Rule", "Semester")
    transaction.commit()

    shown, steps = bar("red.a", page.absolute_url())
    assert (shown, [t for t, _b in steps]) == (
        "Status: Utkast",
        ["Skicka för granskning"],
    )
    shown, steps = bar("hr.red", rule.absolute_url())
    assert (shown, [t for t, _b in steps]) == (
        "Status: Utkast",
        ["Skicka för granskning"],
    )
    assert press("hr.red", steps[0][1]).ok
    transaction.begin()
    assert api.content.get_state(api.content.get(UID=rule.UID())) == "pending"
    shown, steps = bar("hr.gransk", rule.absolute_url())
    assert shown == "Status: Granskning"
    assert [t for t, _b in steps][:1] == ["Publicera"]

    # The unit's editor may change the unit, not publish it: state only.
    assert bar("red.a", site["a"].absolute_url()) == ("Status: Publicerad", [])
    assert bar("olle.medarbetare", site["a"].absolute_url()) is None


def test_a_readers_page_does_not_ask_for_the_steps(site, smtp):
    """A reader holds none of the permissions the published item's
    transitions ask for: her page does not ask the workflow tool for its
    actions (issue 21: that was 1.4 % of a news item's time), and still
    shows no bar; the unit's manager's page asks and shows the steps."""
    news = create_as("red.a", site["a"], "News Item", "Höstfest på Solgläntan")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=news, to_state="published")
    transaction.commit()
    url = news.absolute_url()

    path = news.getPhysicalPath()

    def asked_about_the_item(spy):
        asked = [c.kwargs.get("object") for c in spy.call_args_list]
        return [o for o in asked if o is not None and o.getPhysicalPath() == path]

    with spied(WorkflowTool, "listActionInfos") as spy:
        assert bar("olle.medarbetare", url) is None
    assert asked_about_the_item(spy) == []
    with spied(WorkflowTool, "listActionInfos") as spy:
        shown, steps = bar("chef.a", url)
    assert asked_about_the_item(spy)
    assert shown == "Status: Publicerad"
    assert "Arkivera" in [text for text, _b in steps]
