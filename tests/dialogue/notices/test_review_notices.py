"""Issue 18: Notiser tells a reviewer what waits for her review. Lina
(Redaktör at Solgläntan) sends a news item for review with a comment; Erik
(Granskare) and the unit's manager find it in their Notiser, page and REST
alike, with who sent it, when and her comment; Anna (staff) and Lina herself
do not. It is gone once it is published or sent back. Reading Notiser writes
nothing. Over HTTP, as a browser and an app send it."""

from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.fixtures.staff import create_as
from tests.fixtures.staff import create_staff

import pytest
import transaction


COMMENT = "Kan du titta på datumen innan den publiceras?"
TITLE = "Höstens föräldramöten"


@pytest.fixture
def people(site):
    """The demo's people, by their demo logins: Lina edits Solgläntan, Erik
    is a Granskare, Anna works at Solgläntan."""
    create_staff(
        {"lina.ahmed": (), "erik.sandberg": ("granskare",), "anna.lindqvist": ()}
    )
    unit = site["a"]
    with api.env.adopt_roles(["Manager"]):
        unit.editors = [*(unit.editors or ()), "lina.ahmed"]
        unit.reindexObjectSecurity()
    transaction.commit()
    return site


def portal_url():
    return api.portal.get().absolute_url()


def rest(login):
    s = browser(login)
    s.headers["Accept"] = "application/json"
    answer = s.get(f"{portal_url()}/@notiser")
    assert answer.status_code == 200
    return answer.json()


def waiting(login):
    """Her notices of items waiting for review, over REST."""
    return [n for n in rest(login)["items"] if n["kind"] == "review"]


def page_items(login):
    """The Notiser page's entries as she sees them: (badge, title, link,
    time shown, text)."""
    page = html.fromstring(browser(login).get(f"{portal_url()}/@@notiser").text)
    found = []
    for li in page.cssselect("#content-core li"):
        (link,) = li.cssselect("a")
        (time,) = li.cssselect("time")
        texts = li.cssselect("div.small:not(.text-muted)")
        found.append(
            (
                text(li.cssselect(".badge")[0]),
                text(link),
                link.get("href"),
                text(time),
                text(texts[0]) if texts else "",
            )
        )
    return found


def send_for_review(login, item, comment=""):
    """Skicka för granskning as the workflow bar posts it."""
    s = browser(login)
    answer = s.post(
        f"{item.absolute_url()}/content_status_modify",
        data={
            "workflow_action": "submit",
            "comment": comment,
            "_authenticator": token(s, item.absolute_url()),
        },
    )
    assert answer.status_code == 200
    transaction.begin()
    assert api.content.get_state(api.content.get(UID=item.UID())) == "pending"


def transition(login, item, name, **kwargs):
    transaction.begin()
    with api.env.adopt_user(username=login):
        api.content.transition(
            api.content.get(UID=item.UID()), transition=name, **kwargs
        )
    transaction.commit()


def last_transaction():
    return api.portal.get()._p_jar.db().lastTransaction()


def test_the_reviewer_is_told_what_waits_for_her_review(people):
    # Erik has nothing waiting; his notices are now kept in memory, which
    # must not hide what comes next.
    assert waiting("erik.sandberg") == []
    before = rest("erik.sandberg")["unread"]

    news = create_as("lina.ahmed", people["a"], "News Item", TITLE)
    transaction.commit()
    send_for_review("lina.ahmed", news, COMMENT)

    # REST: the item, who sent it with her comment, when.
    (notice,) = waiting("erik.sandberg")
    assert notice["kind_title"] == "Väntar på granskning"
    assert notice["title"] == TITLE
    assert notice["url"] == news.absolute_url()
    assert notice["text"] == f"Skickad av Lina Ahmed: {COMMENT}"
    assert notice["read"] is False
    assert " kl. " in notice["time_display"]
    assert rest("erik.sandberg")["unread"] == before + 1
    # The page says the same, the title linked to the item.
    assert (
        "Väntar på granskning",
        TITLE,
        news.absolute_url(),
        notice["time_display"],
        f"Skickad av Lina Ahmed: {COMMENT}",
    ) in page_items("erik.sandberg")
    # The unit's manager reviews it too; not the sender, not staff, not
    # the editor of another unit.
    assert [n["title"] for n in waiting("chef.a")] == [TITLE]
    assert waiting("lina.ahmed") == []
    assert waiting("anna.lindqvist") == []
    assert waiting("red.b") == []
    assert "Väntar på granskning" not in text(
        html.fromstring(browser("anna.lindqvist").get(f"{portal_url()}/@@notiser").text)
    )

    # Reading Notiser, page, REST and the header's count, writes nothing.
    transaction.begin()
    seen = last_transaction()
    page_items("erik.sandberg")
    rest("erik.sandberg")
    browser("erik.sandberg").get(portal_url())
    transaction.begin()
    assert last_transaction() == seen

    # Published: no longer waiting.
    transition("erik.sandberg", news, "publish")
    assert waiting("erik.sandberg") == []
    assert waiting("chef.a") == []
    assert not [i for i in page_items("erik.sandberg") if i[1] == TITLE]


def test_sent_back_or_taken_back_it_waits_no_more(people):
    news = create_as("lina.ahmed", people["a"], "News Item", TITLE)
    transaction.commit()
    send_for_review("lina.ahmed", news)
    (notice,) = waiting("erik.sandberg")
    assert notice["text"] == "Skickad av Lina Ahmed"  # no comment

    # Sent back: gone for the reviewers, and the author is told.
    transition("erik.sandberg", news, "reject", comment="Lägg till en bild.")
    assert waiting("erik.sandberg") == []
    assert waiting("chef.a") == []
    assert [n["kind"] for n in rest("lina.ahmed")["items"]] == ["sentback"]

    # Sent again, it waits again, and her send-back notice stays as it was.
    send_for_review("lina.ahmed", news, "Nu med bild.")
    (notice,) = waiting("erik.sandberg")
    assert notice["text"] == "Skickad av Lina Ahmed: Nu med bild."
    assert [n["kind"] for n in rest("lina.ahmed")["items"]] == ["sentback"]

    # Taken back by the author (retract): no longer waiting either.
    transition("lina.ahmed", news, "retract")
    assert waiting("erik.sandberg") == []


def test_only_those_who_still_may_review_it(people):
    """The notice follows the workflow's permission on the item: who has
    lost the right to review it since it was sent (no longer Granskare) is
    not told. (A changed group is no catalog write: a member who has read
    her notices in the last minute sees the change within that minute,
    notices.CACHED.)"""
    news = create_as("lina.ahmed", people["a"], "News Item", TITLE)
    transaction.commit()
    send_for_review("lina.ahmed", news)
    with api.env.adopt_roles(["Manager"]):
        api.group.remove_user(groupname="granskare", username="erik.sandberg")
    transaction.commit()
    assert waiting("erik.sandberg") == []
    assert [n["title"] for n in waiting("chef.a")] == [TITLE]
