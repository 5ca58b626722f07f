"""One rule for who sees, edits and deletes a comment, on every route: the
page, REST @comments (list, one, PATCH, DELETE), Plone's bulk moderation,
@moderering, @anmal. A held comment is its author's and its moderators';
authors edit and delete their own; a moderator removes someone's comment
only with a reason, which is logged and mailed."""

from lxml import html
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet.dialogue.comments.moderation import moderation_log
from tests.fixtures.comments import comment
from tests.fixtures.comments import comments_on_page
from tests.fixtures.comments import set_moderation
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for

import pytest
import requests
import transaction


def rest_comments(login, item):
    response = session(login).get(f"{item.absolute_url()}/@comments")
    assert response.status_code == 200, response.text
    return {c["text"]["data"]: c for c in response.json()["items"]}


def comment_id(item, text):
    transaction.begin()
    for found in IConversation(item).getComments():
        if found.text == text:
            return found.getId()
    return None


def log_of(item):
    transaction.begin()
    return [(e["author"], e["reason"]) for e in moderation_log(item)]


def test_a_held_comment_is_its_authors_and_its_moderators(site, news):
    set_moderation(site["a"], "premoderated")
    comment("olle.medarbetare", news, "Får man ta med hund?")
    held = comment_id(news, "Får man ta med hund?")
    url = f"{news.absolute_url()}/@comments/{held}"

    # Staff who are neither see nothing, on the page or over REST.
    assert rest_comments("red.b", news) == {}
    assert session("red.b").get(url).status_code == 404
    assert comments_on_page("red.b", news) == []
    # The author sees it, marked as waiting; so does the moderator.
    mine = rest_comments("olle.medarbetare", news)["Får man ta med hund?"]
    assert mine["review_state"] == "pending"
    assert mine["review_title"] == "Väntar på godkännande"
    assert session("olle.medarbetare").get(url).status_code == 200
    page = browser("olle.medarbetare").get(news.absolute_url()).text
    assert "Får man ta med hund?" in page
    assert "Väntar på godkännande" in page
    assert "Får man ta med hund?" in rest_comments("chef.a", news)
    # Chef B moderates another unit: nothing.
    assert rest_comments("chef.b", news) == {}


def test_authors_edit_and_delete_their_own_over_rest(site, news):
    comment("olle.medarbetare", news, "Vi ses klockan nio.")
    comment("red.b", news, "Jag kommer också.")
    mine = comment_id(news, "Vi ses klockan nio.")
    theirs = comment_id(news, "Jag kommer också.")
    base = f"{news.absolute_url()}/@comments"

    listed = rest_comments("olle.medarbetare", news)
    assert listed["Vi ses klockan nio."]["is_editable"] is True
    assert listed["Vi ses klockan nio."]["is_deletable"] is True
    assert listed["Jag kommer också."]["is_editable"] is False
    assert listed["Jag kommer också."]["is_deletable"] is False

    edited = session("olle.medarbetare").patch(
        f"{base}/{mine}", json={"text": "Vi ses klockan tio."}
    )
    assert edited.status_code == 204, edited.text
    assert "Vi ses klockan tio." in rest_comments("red.b", news)
    # Someone else's: refused in Swedish, also for a moderator.
    for login in ("olle.medarbetare", "chef.a"):
        refused = session(login).patch(f"{base}/{theirs}", json={"text": "Ändrat"})
        assert refused.status_code == 403, login
        assert "dina egna" in refused.json()["error"]["message"]
    assert "Jag kommer också." in rest_comments("red.b", news)

    deleted = session("olle.medarbetare").delete(f"{base}/{mine}")
    assert deleted.status_code == 204, deleted.text
    assert list(rest_comments("red.b", news)) == ["Jag kommer också."]
    assert log_of(news) == []  # one's own: no moderation


def test_a_moderator_removes_only_with_a_reason_on_every_route(site, news, smtp):
    for text in ("Olämpligt ett", "Olämpligt två", "Olämpligt tre"):
        comment("olle.medarbetare", news, text)
    one, two, three = (
        comment_id(news, t) for t in ("Olämpligt ett", "Olämpligt två", "Olämpligt tre")
    )
    base = f"{news.absolute_url()}/@comments"

    # REST DELETE without a reason: refused in Swedish, nothing lost.
    refused = session("chef.a").delete(f"{base}/{one}")
    assert refused.status_code == 400
    assert "Skriv varför" in refused.json()["error"]["message"]
    assert "Olämpligt ett" in rest_comments("red.b", news)
    done = session("chef.a").delete(f"{base}/{one}", json={"reason": "Personangrepp"})
    assert done.status_code == 204, done.text
    assert log_of(news) == [("olle.medarbetare", "Personangrepp")]
    assert wait_for(lambda: smtp.to("olle.medarbetare@solna.example"))
    assert "Personangrepp" in smtp.to("olle.medarbetare@solna.example")[0].get_content()

    # Plone's bulk moderation (a Kommunikatör moderates everywhere): no
    # reason, nothing deleted.
    s = browser("kommunikator")
    portal_url = api.portal.get().absolute_url()
    paths = [
        f"{'/'.join(news.getPhysicalPath())}/++conversation++default/{two}",
    ]
    s.post(
        f"{portal_url}/@@bulk-actions",
        data={
            "form.select.BulkAction": "delete",
            "paths:list": paths,
            "form.button.BulkAction": "Apply",
            "_authenticator": token(s, portal_url),
        },
    )
    assert "Olämpligt två" in rest_comments("red.b", news)
    s.post(
        f"{portal_url}/@@bulk-actions",
        data={
            "form.select.BulkAction": "delete",
            "paths:list": paths,
            "form.button.BulkAction": "Apply",
            "reason": "Spam",
            "_authenticator": token(s, portal_url),
        },
    )
    assert "Olämpligt två" not in rest_comments("red.b", news)
    assert ("olle.medarbetare", "Spam") in log_of(news)

    # Plone's own moderation page is our queue.
    page = s.get(f"{portal_url}/@@moderate-comments")
    assert page.status_code == 200
    assert page.url.endswith("/@@moderering")

    # A moderator may not rewrite someone's comment through Plone's form.
    edit = browser("chef.a").get(
        f"{news.absolute_url()}/++conversation++default/{three}/@@edit-comment",
        allow_redirects=False,
    )
    assert edit.status_code in (302, 401, 403)
    assert "Olämpligt tre" in rest_comments("red.b", news)


def test_reporting_over_rest_with_an_optional_reason(site, news):
    comment("olle.medarbetare", news, "Köp billiga klockor!")
    reported = comment_id(news, "Köp billiga klockor!")
    url = f"{news.absolute_url()}/@anmal/{reported}"
    first = session("red.b").post(url, json={"reason": "Reklam"})
    assert first.status_code == 201, first.text
    assert session("red.b").post(url).status_code == 200  # once per member
    assert session("chef.b").post(url).status_code == 201  # no reason needed
    own = session("olle.medarbetare").post(url, json={"reason": "?"})
    assert own.status_code == 400
    assert "någon annan" in own.json()["error"]["message"]
    queue = session("chef.a").get(f"{site['a'].absolute_url()}/@moderering").json()
    (entry,) = queue["items"]
    assert [r["reason"] for r in entry["reports"]] == ["Reklam", ""]
    # The page's "Anmäl…" leads to a page of its own asking why, optionally.
    page = html.fromstring(browser("red.b").get(news.absolute_url()).text)
    (link,) = page.xpath('//a[contains(@class, "action-report")]')
    assert " ".join(link.text_content().split()) == "Anmäl…"
    asking = html.fromstring(browser("red.b").get(link.get("href")).text)
    assert asking.xpath("string(//h1)").strip() == "Anmäl en kommentar"
    assert "Köp billiga klockor!" in asking.xpath("string(//blockquote)")
    assert asking.xpath(
        '//form[contains(@action, "@@anmal")]//textarea[@name="reason"]'
    )


def test_moderering_says_when_the_comment_is_not_there(site, news):
    answer = session("chef.a").post(
        f"{site['a'].absolute_url()}/@moderering",
        json={
            "comment": f"{news.absolute_url()}/++conversation++default/1",
            "action": "delete",
            "reason": "Spam",
        },
    )
    assert answer.status_code == 404
    assert "ingen sådan kommentar" in answer.json()["error"]["message"]


@pytest.fixture
def admins_item(site):
    """A news item written by the Zope administrator (root user folder)."""
    s = requests.Session()
    s.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    s.headers["Accept"] = "application/json"
    created = s.post(
        site["news"].absolute_url(),
        json={"@type": "News Item", "title": "Från förvaltningen"},
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert s.post(f"{url}/@workflow/publish").ok
    return url


def test_comments_on_the_admins_item_over_every_route(site, admins_item):
    portal_url = api.portal.get().absolute_url()
    api_url = admins_item.replace(portal_url, f"{portal_url}/++api++")
    for url, text in (
        (f"{admins_item}/@comments", "Utan ++api++"),
        (f"{api_url}/@comments", "Med ++api++"),
        (f"{api_url}/@comments", "Fråga @admin om det"),
    ):
        added = session("olle.medarbetare").post(url, json={"text": text})
        assert added.status_code == 204, (url, added.text)
    listed = session("red.b").get(f"{admins_item}/@comments").json()["items"]
    assert [c["text"]["data"] for c in listed] == [
        "Utan ++api++",
        "Med ++api++",
        "Fråga @admin om det",
    ]
    assert session("olle.medarbetare").get(f"{portal_url}/@notiser").ok


NOT_OBJECTS = ("[]", '"text"', "{not json", "42", "null")


def test_every_post_answers_a_body_that_is_no_object_in_swedish(site, news):
    """Ours and plone.restapi's: 400 with a Swedish message, never 500."""
    portal_url = api.portal.get().absolute_url()
    unit = site["a"].absolute_url()
    form = f"{portal_url}/blanketter/fraga-hr"
    writes = [
        ("post", f"{news.absolute_url()}/@comments"),
        ("post", f"{news.absolute_url()}/@anmal/1"),
        ("post", f"{unit}/@moderering"),
        ("post", unit),  # content creation
        ("post", f"{news.absolute_url()}/@workflow/retract"),
        ("post", f"{portal_url}/@favoriter"),
        ("post", f"{portal_url}/@valj-enhet"),
        ("post", f"{portal_url}/@chefens-sida"),
        ("post", f"{portal_url}/@notiser"),
        ("post", f"{form}/@arenden"),
        ("post", f"{portal_url}/natverk"),
        ("patch", news.absolute_url()),
        ("patch", f"{news.absolute_url()}/@comments/1"),
    ]
    for method, url in writes:
        # curl -d sends its body as a form, a JSON client as JSON: both.
        for content_type in ("application/json", "application/x-www-form-urlencoded"):
            answer = getattr(session("webbred"), method)(
                url, data="[]", headers={"Content-Type": content_type}
            )
            assert answer.status_code == 400, (url, content_type, answer.text[:300])
        for body in NOT_OBJECTS:
            answer = getattr(session("webbred"), method)(
                url, data=body, headers={"Content-Type": "application/json"}
            )
            assert answer.status_code == 400, (method, url, body, answer.text[:300])
            assert "JSON-objekt" in answer.text, (url, body, answer.text[:300])


def test_no_reply_to_a_comment_one_may_not_see(site, news):
    """A reply would tell that the held comment exists, and hang under it."""
    set_moderation(site["a"], "premoderated")
    comment("olle.medarbetare", news, "Hemlig fråga")
    held = comment_id(news, "Hemlig fråga")
    refused = session("red.b").post(
        f"{news.absolute_url()}/@comments/{held}", json={"text": "Svar"}
    )
    assert refused.status_code == 404
    assert refused.json()["error"]["message"].startswith("Det finns ingen sådan")
    # The same as for a comment that does not exist, or is no number.
    for other in ("99999", "abc"):
        answer = session("red.b").post(
            f"{news.absolute_url()}/@comments/{other}", json={"text": "Svar"}
        )
        assert answer.status_code == 404, other
    # The page's form, with the reply's hidden field forged.
    s = browser("red.b")
    page = html.fromstring(s.get(news.absolute_url()).text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.comment"]]')
    data = {
        **dict(form.form_values()),
        "form.widgets.text": "Svar",
        "form.widgets.in_reply_to": str(held),
        "form.buttons.comment": "Kommentera",
    }
    assert s.post(form.get("action"), data=data).status_code == 404
    transaction.begin()
    assert len(IConversation(news)) == 1


def test_rest_comment_errors_are_swedish(site, news):
    base = f"{news.absolute_url()}/@comments"
    for body in ({}, {"text": 5}, {"text": ["a"]}):
        answer = session("olle.medarbetare").post(base, json=body)
        assert answer.status_code == 400, body
        assert "Skriv kommentaren" in answer.json()["error"]["message"], body
    empty = session("olle.medarbetare").post(base, json={"text": ""})
    assert empty.status_code == 400
    assert "fylla i" in empty.json()["error"]["message"]
    patched = session("olle.medarbetare").patch(f"{base}/abc", json={"text": "x"})
    assert patched.status_code == 404
    assert "ingen sådan kommentar" in patched.json()["error"]["message"]


EDITABLE = "Kommentaren har svar och kan inte tas bort. Du kan redigera den."
ASK_A_MODERATOR = (
    "Kommentaren har svar och kan inte tas bort. Be en moderator om den behöver "
    "tas bort."
)


def comment_on_page(login, item, comment_id):
    """The comment ``comment_id`` as ``login`` sees it under the item."""
    page = html.fromstring(browser(login).get(item.absolute_url()).text)
    (found,) = page.xpath(f'//div[@id="{comment_id}"]')
    return found


def actions_text(element):
    return " ".join(
        " ".join(a.text_content().split())
        for a in element.xpath('.//*[contains(@class, "comment-actions")]')
    )


def test_an_author_told_why_a_replied_comment_stays(site, news):
    """Issue 18: "Ta bort…" vanished from one's own comment once someone
    replied (plone.app.discussion keeps a thread whole), without a word.
    Where it was, its author reads why and what she can do; REST refuses
    with the same words."""
    comment("olle.medarbetare", news, "Första")
    first = comment_id(news, "Första")
    delete_link = './/a[contains(@href, "@@ta-bort-min-kommentar")]'
    before = comment_on_page("olle.medarbetare", news, first)
    assert before.xpath(delete_link)
    assert EDITABLE not in actions_text(before)
    assert (
        rest_comments("olle.medarbetare", news)["Första"]["not_deletable_reason"]
        is None
    )

    replied = session("red.b").post(
        f"{news.absolute_url()}/@comments/{first}", json={"text": "Svar på första"}
    )
    assert replied.status_code == 204, replied.text

    # The page: no "Ta bort…"; why, where it was, beside Redigera.
    after = comment_on_page("olle.medarbetare", news, first)
    assert not after.xpath(delete_link)
    assert EDITABLE in actions_text(after)
    assert "Redigera" in actions_text(after)
    # Only she is told (the one who replied sees her comment as before).
    assert EDITABLE not in actions_text(comment_on_page("red.b", news, first))

    # REST: refused with the same words, which the listing also gives.
    refused = session("olle.medarbetare").delete(
        f"{news.absolute_url()}/@comments/{first}"
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == EDITABLE
    assert rest_comments("olle.medarbetare", news)["Första"][
        "not_deletable_reason"
    ] == (EDITABLE)

    # The question page opened before the reply: back to the comment, told.
    s = browser("olle.medarbetare")
    stale = s.get(
        f"{news.absolute_url()}/++conversation++default/{first}/@@ta-bort-min-kommentar"
    )
    assert stale.status_code == 200
    assert EDITABLE in " ".join(html.fromstring(stale.text).text_content().split())
    assert comment_id(news, "Första") == first

    # Where authors may not edit their comments, a moderator is the way.
    api.portal.set_registry_record(
        "edit_comment_enabled", False, interface=IDiscussionSettings
    )
    transaction.commit()
    after = comment_on_page("olle.medarbetare", news, first)
    assert ASK_A_MODERATOR in actions_text(after)
    assert not after.xpath(delete_link)
    refused = session("olle.medarbetare").delete(
        f"{news.absolute_url()}/@comments/{first}"
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == ASK_A_MODERATOR


def test_values_of_the_wrong_kind_get_swedish_400s(site, news):
    """Inside a JSON object, too: never a 500."""
    portal_url = api.portal.get().absolute_url()
    folder = site["news"].absolute_url()
    wrong_type = session("webbred").post(folder, json={"@type": 5, "title": "X"})
    assert wrong_type.status_code == 400
    assert "innehållstyp" in wrong_type.json()["message"]
    for value in (5, ["2027-01-01"], "i morgon"):
        wrong_date = session("webbred").patch(
            news.absolute_url(), json={"effective": value}
        )
        assert wrong_date.status_code == 400, value
        assert "ÅÅÅÅ-MM-DD" in wrong_date.json()["message"], value
    cleared = session("webbred").patch(news.absolute_url(), json={"expires": ""})
    assert cleared.status_code == 204, cleared.text
    unknown = session("olle.medarbetare").post(
        f"{portal_url}/natverk/../natverk", json={"action": "x"}
    )
    assert unknown.status_code in (400, 401, 403, 404)  # not a community: no 500
