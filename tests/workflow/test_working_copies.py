"""A rule revised through a working copy keeps everything that was stored on
it: its comments (same id, author and date), its moderation log, the
favourites that point at it and every other annotation, across check-out,
check-in, cancelling and deleting the copy by any route; the catalog never
keeps an entry for something that is gone."""

from lxml import html
from plone import api
from solna.intranet.dialogue.comments.moderation import moderation_log
from tests.fixtures.http import session
from zope.annotation.interfaces import IAnnotations

import pytest
import transaction


RULE = {
    "@type": "solna.Rule",
    "title": "Semester",
    "category": "ledighet",
    "text": {"data": "<p>Du har 25 semesterdagar.</p>", "content-type": "text/html"},
}


@pytest.fixture
def rule(site):
    """A rule in force at HR with Olle's comment, a comment a moderator
    removed (the log), Olle's favourite and an annotation of some add-on."""
    created = session("hr.red").post(site["hr"].absolute_url(), json=RULE)
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert session("hr.red").post(f"{url}/@workflow/submit").ok
    assert session("hr.gransk").post(f"{url}/@workflow/publish").ok
    for login, text in (
        ("olle.medarbetare", "Gäller det även timanställda?"),
        ("red.a", "Olämpligt inlägg"),
    ):
        added = session(login).post(f"{url}/@comments", json={"text": text})
        assert added.status_code == 204, added.text
    transaction.begin()
    obj = api.content.get(path="/hr/semester")
    removed = next(c for c in comments_of(url, "hr.gransk") if c["author"] == "red.a")
    moderated = session("hr.gransk").post(
        f"{site['hr'].absolute_url()}/@moderering",
        json={"comment": removed["url"], "action": "delete", "reason": "Osakligt"},
    )
    assert moderated.ok, moderated.text
    saved = session("olle.medarbetare").post(
        f"{api.portal.get().absolute_url()}/@favoriter", json={"UID": obj.UID()}
    )
    assert saved.status_code == 201, saved.text
    transaction.begin()
    IAnnotations(obj)["some.addon"] = {"kept": True}
    transaction.commit()
    return url


def comments_of(url, login="olle.medarbetare"):
    items = session(login).get(f"{url}/@comments").json()["items"]
    return [
        {
            "id": c["comment_id"],
            "author": c["author_username"],
            "created": c["creation_date"],
            "text": c["text"]["data"],
            "url": c["@id"].replace("/@comments/", "/++conversation++default/"),
        }
        for c in items
    ]


def stored(url):
    """What is kept on the rule itself, read from the database."""
    transaction.begin()
    obj = api.content.get(path="/hr/semester")
    return {
        "log": [(e["author"], e["reason"]) for e in moderation_log(obj)],
        "addon": dict(IAnnotations(obj).get("some.addon", {})),
        "uid": obj.UID(),
    }


def catalog_is_whole():
    """Every catalog entry resolves to an object, and no comment is
    indexed twice."""
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Discussion Item")
    for brain in brains:
        assert brain._unrestrictedGetObject() is not None, brain.getPath()
    return sorted(b.getPath() for b in brains)


def favourites(login="olle.medarbetare"):
    response = session(login).get(f"{api.portal.get().absolute_url()}/@favoriter")
    return [f["title"] for f in response.json()["items"]]


def working_copy_of(url):
    return session("hr.red").get(f"{url}/@workingcopy").json()["working_copy"]


def check_out(url):
    checkout = session("hr.red").post(f"{url}/@workingcopy")
    assert checkout.status_code == 201, checkout.text
    return checkout.json()["@id"]


def search(login, words):
    response = session(login).get(
        f"{api.portal.get().absolute_url()}/@search",
        params={"SearchableText": words, "portal_type": "Discussion Item"},
    )
    assert response.status_code == 200, response.text
    return [i["@id"] for i in response.json()["items"]]


def test_check_in_keeps_comments_log_favourites_and_annotations(rule):
    before_comments, before = comments_of(rule), stored(rule)
    indexed = catalog_is_whole()
    assert [c["author"] for c in before_comments] == ["olle.medarbetare"]
    assert before["log"] == [("red.a", "Osakligt")]

    copy = check_out(rule)
    # The draft has no comments of its own: staff comment on the rule.
    assert session("hr.red").get(f"{copy}/@comments").json()["items"] == []
    assert catalog_is_whole() == indexed
    # Meanwhile the rule in force gets a comment, and an add-on writes.
    assert session("red.b").post(f"{rule}/@comments", json={"text": "Tack!"}).ok
    transaction.begin()
    IAnnotations(api.content.get(path="/hr/semester"))["some.addon"] = {"v": 2}
    transaction.commit()
    before_comments, before = comments_of(rule), stored(rule)
    indexed = catalog_is_whole()
    assert before["addon"] == {"v": 2}
    assert (
        session("hr.red")
        .patch(
            copy,
            json={"text": {"data": "<p>28 dagar.</p>", "content-type": "text/html"}},
        )
        .ok
    )
    assert session("hr.red").post(f"{copy}/@workflow/submit").ok
    checkin = session("hr.gransk").patch(f"{rule}/@workingcopy")
    assert checkin.status_code == 204, checkin.text

    assert "28 dagar" in session("olle.medarbetare").get(rule).json()["text"]["data"]
    assert comments_of(rule) == before_comments
    assert stored(rule) == before
    assert favourites() == ["Semester"]
    assert catalog_is_whole() == indexed
    # Staff find the comment by its words, on the rule.
    assert search("olle.medarbetare", "timanställda") == [before_comments[0]["url"]]
    page = session("olle.medarbetare").get(rule, headers={"Accept": "text/html"})
    assert "Gäller det även timanställda?" in page.text
    assert working_copy_of(rule) is None
    check_out(rule)  # and a new revision can start


def test_cancelled_check_out_keeps_everything(rule):
    before_comments, before = comments_of(rule), stored(rule)
    indexed = catalog_is_whole()
    check_out(rule)
    cancel = session("hr.red").delete(f"{rule}/@workingcopy")
    assert cancel.status_code == 204, cancel.text
    assert comments_of(rule) == before_comments
    assert stored(rule) == before
    assert catalog_is_whole() == indexed
    assert working_copy_of(rule) is None
    check_out(rule)


def delete_by_rest(copy):
    deleted = session("hr.red").delete(copy)
    assert deleted.status_code == 204, deleted.text


def html_session(login):
    s = session(login)
    s.headers["Accept"] = "text/html"
    return s


def delete_by_form(copy):
    """Plone's delete form (the Actions menu's Delete)."""
    s = html_session("hr.red")
    page = html.fromstring(s.get(f"{copy}/delete_confirmation").text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.Delete"]]')
    data = {**dict(form.form_values()), "form.buttons.Delete": "Delete"}
    response = s.post(form.get("action"), data=data)
    assert response.status_code == 200, response.status_code


def delete_in_folder_contents(copy):
    """Folder contents' Delete (its JSON endpoint @@fc-delete)."""
    s = html_session("hr.red")
    folder = copy.rsplit("/", 1)[0]
    token = html.fromstring(s.get(folder).text).xpath('//script[@id="protect-script"]')[
        0
    ]
    transaction.begin()
    uid = api.content.get(path="/hr/" + copy.rsplit("/", 1)[1]).UID()
    response = s.post(
        f"{folder}/@@fc-delete",
        data={"selection": f'["{uid}"]', "_authenticator": token.get("data-token")},
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "delete", [delete_by_rest, delete_by_form, delete_in_folder_contents]
)
def test_deleting_the_copy_by_any_route_frees_the_rule(rule, delete):
    before_comments, before = comments_of(rule), stored(rule)
    indexed = catalog_is_whole()
    copy = check_out(rule)
    delete(copy)
    assert session("hr.red").get(copy).status_code == 404
    assert working_copy_of(rule) is None
    assert comments_of(rule) == before_comments
    assert stored(rule) == before
    assert catalog_is_whole() == indexed
    # A new revision starts, and the rule knows its new copy: it can be
    # cancelled, or reviewed and checked in.
    again = check_out(rule)
    assert working_copy_of(rule)["@id"] == again
    cancel = session("hr.red").delete(f"{rule}/@workingcopy")
    assert cancel.status_code == 204, cancel.text
    again = check_out(rule)
    assert session("hr.red").post(f"{again}/@workflow/submit").ok
    checkin = session("hr.gransk").patch(f"{rule}/@workingcopy")
    assert checkin.status_code == 204, checkin.text
    assert working_copy_of(rule) is None
