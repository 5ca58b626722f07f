"""Issue 18, what editors met in review: the author reads her item's
History while it is in review and after it is sent back, and the reason
reaches her Notiser; "Återför till denna revision" and "Arkivera" ask first
(a page of their own, so also without JavaScript; the decision is a POST
with the CSRF token); "Skicka tillbaka" and "Ta tillbaka" are not offered
side by side to say the same thing. Over HTTP, as a browser sends it."""

from lxml import html
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.fixtures.http import browser
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.staff import create_as
from tests.workflow.test_workflow_bar import bar

import pytest
import re
import transaction


REASON = "Skriv datum och plats för festen i ingressen."
REFUSED = (401, 403, 404)


def transition(login, item, name, **kwargs):
    with api.env.adopt_user(username=login):
        api.content.transition(item, transition=name, **kwargs)
    transaction.commit()


def state_of(item):
    transaction.begin()
    return api.content.get_state(api.content.get(UID=item.UID()))


def history(login, item):
    """The History page as ``login`` gets it: (status, parsed page)."""
    response = browser(login).get(f"{item.absolute_url()}/@@historyview")
    return response.status_code, html.fromstring(response.text)


def notices_page(login):
    page = browser(login).get(f"{api.portal.get().absolute_url()}/@@notiser")
    return text(html.fromstring(page.text).cssselect("#content-core")[0])


def test_the_author_reads_the_history_in_review_and_gets_the_reason(site, smtp):
    news = create_as("red.a", site["a"], "News Item", "Sommarfest på Solgläntan")
    transaction.commit()
    transition("red.a", news, "submit")

    # In review: her History opens (it was "Otillräckliga rättigheter").
    status, page = history("red.a", news)
    assert status == 200
    assert "Otillräckliga rättigheter" not in text(page)
    (table,) = page.cssselect("#history-list")
    assert "Skicka för granskning" in text(table)
    # Staff who only read it do not get its history.
    assert browser("olle.medarbetare").get(
        f"{news.absolute_url()}/@@historyview", allow_redirects=False
    ).status_code in (*REFUSED, 302)

    # The manager sends it back with a reason, through the form.
    s = browser("chef.a")
    answer = s.post(
        f"{news.absolute_url()}/@@skicka-tillbaka",
        data={
            "comment": REASON,
            "form.buttons.reject": "1",
            "_authenticator": token(s, news.absolute_url()),
        },
    )
    assert answer.status_code == 200
    assert state_of(news) == "private"

    # The reason is where the send-back form says: in History...
    status, page = history("red.a", news)
    assert status == 200
    assert REASON in text(page.cssselect("#history-list")[0])
    # ...and in her Notiser, with who sent it back, unread in the header.
    shown = notices_page("red.a")
    assert "Skickad tillbaka" in shown
    assert "Sommarfest på Solgläntan" in shown
    assert REASON in shown
    s = browser("red.a")
    s.headers["Accept"] = "application/json"
    mine = s.get(f"{api.portal.get().absolute_url()}/@notiser").json()
    (notice,) = [n for n in mine["items"] if n["kind"] == "sentback"]
    assert notice["url"] == news.absolute_url()
    assert mine["unread"] >= 1
    # Not to the reviewer, nor to the editor of another unit.
    assert "Skickad tillbaka" not in notices_page("chef.a")
    assert "Skickad tillbaka" not in notices_page("red.b")


def _two_revisions(site):
    page = create_as(
        "red.a",
        site["a"],
        "Document",
        "Öppettider",
        text=RichTextValue("<p>Vi öppnar 06.30.</p>", "text/html", "text/html"),
    )
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_user(username="red.a"):
        repository.save(page, comment="Första")
        page.text = RichTextValue("<p>Vi öppnar 07.00.</p>", "text/html", "text/html")
        repository.save(page, comment="Andra")
    transaction.commit()
    return page


def current_text(page):
    transaction.begin()
    return api.content.get(UID=page.UID()).text.raw


def test_revert_asks_first(site, smtp):
    page = _two_revisions(site)
    url = page.absolute_url()
    status, history_page = history("red.a", page)
    assert status == 200
    # The history's own revert buttons (plone.protect adds the token).
    forms = [
        f
        for f in history_page.cssselect("#history-list form")
        if "Återför till denna revision" in text(f)
    ]
    assert forms
    s = browser("red.a")
    version = forms[-1].cssselect("input[name=version_id]")[0].get("value")
    asked = s.post(
        f"{url}/revertversion",
        data={"version_id": version, "_authenticator": token(s, url)},
    )
    assert asked.status_code == 200
    question = html.fromstring(asked.text)
    # The revision named as History shows it (issue 18: "revision 0", a
    # number History does not show): its time, who saved it, its note.
    (row,) = [
        r for r in history_page.cssselect("#history-list tr") if forms[-1] in r.iter()
    ]
    (shown_time,) = re.findall(r"\d{1,2} \S+ \d{4} kl\. \d{2}\.\d{2}", text(row))
    (note,) = re.findall(r"Ändringsanteckning: (.+?)(?: Visa|$)", text(row))
    (h1,) = question.cssselect("#content h1")
    assert text(h1) == f"Vill du återföra till revisionen från {shown_time}?"
    core = text(question.cssselect("#content-core")[0])
    assert f"revisionen som Red A sparade {shown_time}" in core
    assert f"Ändringsanteckning: {note}" in core
    assert f"revision {version}" not in text(question)
    title = text(question.cssselect("title")[0])
    assert title.startswith(f"Vill du återföra till revisionen från {shown_time}?")
    (confirm,) = question.cssselect("form.solna-confirm")
    assert confirm.get("method") == "post"
    assert "Ja, återför" in text(confirm)
    assert "Avbryt" in text(confirm)
    assert "07.00" in current_text(page)  # nothing happened yet

    # Without the token, "Ja, återför" changes nothing.
    forged = s.post(
        f"{url}/revertversion",
        data={"version_id": version, "form.buttons.revert": "1"},
    )
    assert forged.status_code == 403
    assert "07.00" in current_text(page)

    data = dict(confirm.form_values())
    data["form.buttons.revert"] = "1"
    done = s.post(confirm.get("action"), data=data)
    assert done.status_code == 200
    assert "06.30" in current_text(page)


def test_in_review_the_author_may_read_but_not_revert(site, smtp):
    page = _two_revisions(site)
    transition("red.a", page, "submit")
    status, history_page = history("red.a", page)
    assert status == 200
    assert "Återför till denna revision" not in text(history_page)
    # Nor on a revision's Visa (CMFEditions' versions_history_form).
    shown = browser("red.a").get(f"{page.absolute_url()}/versions_history_form")
    assert shown.status_code == 200
    assert not html.fromstring(shown.text).cssselect("form[action$='/@@revertversion']")
    s = browser("red.a")
    refused = s.post(
        f"{page.absolute_url()}/revertversion",
        data={
            "version_id": "0",
            "form.buttons.revert": "1",
            "_authenticator": token(s, page.absolute_url()),
        },
        allow_redirects=False,
    )
    assert refused.status_code in (*REFUSED, 302)
    assert "07.00" in current_text(page)


def test_archive_asks_first(site, smtp):
    news = create_as("red.a", site["a"], "News Item", "Nya rutiner")
    transaction.commit()
    transition("red.a", news, "submit")
    transition("chef.a", news, "publish")
    url = news.absolute_url()

    _shown, steps = bar("chef.a", url)
    (archive,) = [b for t, b in steps if t == "Arkivera"]
    assert archive.tag == "a"  # not a one-tap form any more
    assert archive.get("href") == f"{url}/@@arkivera"
    s = browser("chef.a")
    asked = s.get(archive.get("href"))
    assert asked.status_code == 200
    question = html.fromstring(asked.text)
    assert "Vill du arkivera" in text(question)
    # Its <title> as the heading reads, no space before the question mark,
    # naming the item once (the heading already does).
    shown_title = text(question.xpath("/html/head/title")[0])
    assert shown_title.startswith("Vill du arkivera Nya rutiner? — ")
    assert shown_title.count("Nya rutiner") == 1
    (confirm,) = question.cssselect("form.solna-confirm")
    assert confirm.get("method") == "post"
    assert "Ja, arkivera" in text(confirm)
    assert "Avbryt" in text(confirm)
    assert state_of(news) == "published"

    forged = s.post(f"{url}/@@arkivera", data={"form.buttons.archive": "1"})
    assert forged.status_code == 403
    assert state_of(news) == "published"
    # Staff cannot, token or not.
    staff = browser("olle.medarbetare")
    assert staff.get(f"{url}/@@arkivera", allow_redirects=False).status_code in (
        *REFUSED,
        302,
    )

    data = dict(confirm.form_values())
    data["form.buttons.archive"] = "1"
    done = s.post(confirm.get("action"), data=data)
    assert done.status_code == 200
    assert "”Nya rutiner” är arkiverad." in text(html.fromstring(done.text))
    assert state_of(news) == "archived"


def test_archiving_a_folder_says_what_goes_with_it(site, smtp):
    news = site["news"]
    with api.env.adopt_roles(["Manager"]):
        for title in ("Sommarfest", "Nya rutiner"):
            item = api.content.create(container=news, type="News Item", title=title)
            api.content.transition(item, to_state="published")
    transaction.commit()
    asked = browser("webbred").get(f"{news.absolute_url()}/@@arkivera")
    assert asked.status_code == 200
    shown = text(html.fromstring(asked.text))
    assert "Vill du arkivera" in shown
    assert "Allt som ligger i den här mappen (2 objekt)" in shown
    assert state_of(news) == "published"


@pytest.mark.parametrize("author", ["red.a", "chef.a"])
def test_send_back_or_take_back(site, smtp, author):
    """On a published item the author may take it back (Ta tillbaka); a
    reviewer sends someone else's item back with a reason (Skicka
    tillbaka). A manager who wrote it herself gets Ta tillbaka, not both."""
    news = create_as(author, site["a"], "News Item", "Sommarfest")
    transaction.commit()
    if author == "red.a":
        transition("red.a", news, "submit")
    transition("chef.a", news, "publish")
    _shown, steps = bar("chef.a", news.absolute_url())
    offered = [t for t, _b in steps]
    if author == "chef.a":
        assert "Ta tillbaka" in offered
        assert "Skicka tillbaka" not in offered
    else:
        assert "Skicka tillbaka" in offered
        assert "Ta tillbaka" not in offered
        _shown, steps = bar("red.a", news.absolute_url())
        assert [t for t, _b in steps] == ["Ta tillbaka"]


def test_the_send_back_page_names_the_item_once(site, smtp):
    """Issue 18: its <title> was "Skicka tillbaka ”Sommarfest på
    Solgläntan” — Sommarfest på Solgläntan — …": the page, then the item,
    once each; the heading names the item once too."""
    title = "Sommarfest på Solgläntan"
    news = create_as("red.a", site["a"], "News Item", title)
    transaction.commit()
    transition("red.a", news, "submit")
    page = html.fromstring(
        browser("chef.a").get(f"{news.absolute_url()}/@@skicka-tillbaka").text
    )
    shown_title = text(page.xpath("/html/head/title")[0])
    assert shown_title.startswith(f"Skicka tillbaka — {title} — ")
    assert shown_title.count(title) == 1
    (h1,) = page.cssselect("#content h1")
    assert text(h1).count(title) == 1
    assert text(h1).startswith("Skicka tillbaka")
