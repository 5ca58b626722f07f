"""What a write touches: a comment writes the comment (its catalog entries
and its place in the thread), not the item, its conversation, a growing
list or anyone's notices; a news item added to a unit writes no order list
and reindexes nobody's rights. Objects every write touches are what makes
concurrent writes collide (scripts/benchmark_writes.py measures that)."""

from Acquisition import aq_base
from plone import api
from plone.app.discussion.browser.comments import CommentForm
from plone.app.discussion.interfaces import IConversation
from tests.fixtures.conflicts import always_in_conflict
from tests.fixtures.http import session
from ZODB.Connection import Connection
from zope.annotation.interfaces import IAnnotations
from ZPublisher.HTTPRequest import HTTPRequest

import contextlib
import pytest
import transaction


@contextlib.contextmanager
def writes():
    """The persistent objects the requests inside write: [object]."""
    found = []
    original = Connection.register

    def register(self, obj):
        found.append(obj)
        return original(self, obj)

    Connection.register = register
    try:
        yield found
    finally:
        Connection.register = original


def sizes(objects):
    """Bytes each written object takes in the storage now."""
    transaction.begin()
    storage = api.portal.get()._p_jar.db().storage
    return [len(storage.load(o._p_oid)[0]) for o in objects if o._p_oid]


@pytest.fixture
def thread(site):
    """A published news item in Solgläntan with 40 comments."""
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=site["a"], type="News Item", id="trad", title="Tråd"
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    add_comments(item, "olle.medarbetare", [f"Inlägg {n}" for n in range(40)])
    return item


def add_comments(item, login, texts):
    """``texts`` as comments of ``login`` on ``item``, each made by the
    comment form's own code (what a member's POST to @comments runs), all
    in one transaction: the thread is the same as after as many requests
    (the BTrees and the catalog are in the same state whatever commits
    between), without a request and a commit (the catalog's buckets
    written again) for each."""
    with api.env.adopt_user(username=login):
        for text in texts:
            form = CommentForm(item, item.REQUEST)
            data = {**dict.fromkeys(form.fields.keys()), "text": text}
            IConversation(item).addComment(form.create_comment(data))
    transaction.commit()


def comment_on(item, login, text):
    with writes() as written:
        posted = session(login).post(
            f"{item.absolute_url()}/@comments", json={"text": text}
        )
    assert posted.status_code == 204, posted.text
    return written


def test_a_comment_writes_the_comment_not_its_thread(thread):
    transaction.begin()
    conversation = IConversation(thread)
    before = api.portal.get_tool("portal_catalog").getMetadataForUID(
        "/".join(thread.getPhysicalPath())
    )
    written = comment_on(thread, "red.b", "Jag tar med kaffe @olle.medarbetare")
    kinds = {type(o).__name__ for o in written}
    assert "Comment" in kinds
    # Not the item, not its conversation (plone.app.discussion's __roles__
    # fault), not the item's catalog record (no comment count there), not
    # the site's annotations (notices are read from the catalog).
    assert thread._p_oid not in {o._p_oid for o in written}
    assert conversation._p_oid not in {o._p_oid for o in written}
    portal = api.portal.get()
    site_data = [v for v in IAnnotations(portal).values() if hasattr(v, "_p_oid")]
    assert not {v._p_oid for v in site_data} & {o._p_oid for o in written}
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    after = catalog.getMetadataForUID("/".join(thread.getPhysicalPath()))
    assert after == before
    # The thread's replies are a tree set, not one list that grows.
    assert "LLSet" not in {type(v).__name__ for v in conversation._children.values()}
    # ... and the mention and the reply reached their members anyway.
    notices = session("olle.medarbetare").get(
        f"{api.portal.get().absolute_url()}/@notiser"
    )
    assert [n["kind"] for n in notices.json()["items"]][:1] == ["mention"]


def _by_kind(objects):
    """(bytes of what is no BTree part, the largest BTree part written).
    A BTree's buckets and nodes are bounded by design whatever it holds,
    but how full the one a write lands in happens to be (the catalog's
    metadata buckets hold up to 60 records) says nothing about growth."""
    plain, largest = 0, 0
    stored = [o for o in objects if o._p_oid]  # as ``sizes`` counts them
    for obj, size in zip(stored, sizes(stored), strict=True):
        if type(obj).__module__.startswith("BTrees."):
            largest = max(largest, size)
        else:
            plain += size
    return plain, largest


def test_what_a_comment_writes_does_not_grow_with_the_thread(thread):
    early, _ = _by_kind(comment_on(thread, "red.b", "Tidig kommentar om hämtning"))
    add_comments(thread, "red.a", [f"Svar {n}" for n in range(160)])
    late, bucket = _by_kind(comment_on(thread, "red.b", "Sen kommentar om hämtning"))
    assert late < early * 1.5, (early, late)
    assert bucket < 32 * 1024, bucket


def test_adding_to_a_unit_writes_no_order_list_and_reindexes_no_rights(site):
    unit = site["a"]
    transaction.begin()
    reindexed = []
    unit_class = type(aq_base(unit))
    original = unit_class.reindexObjectSecurity

    def spy(self, *args, **kwargs):
        reindexed.append(self.getId())
        return original(self, *args, **kwargs)

    unit_class.reindexObjectSecurity = spy
    try:
        # (The first item ever added to a place makes its content rules'
        # storage once; the next ones are the ones that come in numbers.)
        first = session("red.a").post(
            unit.absolute_url(), json={"@type": "News Item", "title": "Första"}
        )
        assert first.status_code == 201, first.text
        with writes() as written:
            created = session("red.a").post(
                unit.absolute_url(), json={"@type": "News Item", "title": "Ny"}
            )
        assert created.status_code == 201, created.text
        assert reindexed == []
        assert "PersistentList" not in {type(o).__name__ for o in written}
        # ... nor the unit itself (its date, its catalog record).
        assert unit._p_oid not in {o._p_oid for o in written}
        # Editing the unit's text changes no one's rights either...
        edited = session("chef.a").patch(
            unit.absolute_url(), json={"opening_hours": "6.30–18.00"}
        )
        assert edited.status_code == 204, edited.text
        assert reindexed == []
        # ... choosing its editors does.
        edited = session("chef.a").patch(
            unit.absolute_url(), json={"editors": ["red.a", "red.b"]}
        )
        assert edited.status_code == 204, edited.text
        transaction.begin()
        assert unit.editors == ["red.a", "red.b"]
        assert reindexed == ["solglantan"]
    finally:
        unit_class.reindexObjectSecurity = original


@pytest.fixture
def conflicting_page(site, monkeypatch):
    # Zope sleeps a random 0-1, 0-2, 0-4 s before each of its 3 retries (up
    # to 14 s for the test's two requests); the retries still all run and
    # all collide, only without the pause between them.
    monkeypatch.setattr(HTTPRequest, "delay_retry", lambda self: None)
    with always_in_conflict():
        yield f"{site['a'].absolute_url()}/@@alltid-krock"


def test_a_conflict_that_outlasts_the_retries_keeps_what_was_written(
    conflicting_page,
):
    from lxml import html

    s = session("olle.medarbetare")
    s.headers["Accept"] = "text/html"
    answer = s.post(
        conflicting_page,
        data={
            "form.widgets.text": "Min långa kommentar om utflykten",
            "form.buttons.comment": "Kommentera",
            "_authenticator": "abc123",
        },
    )
    assert answer.status_code == 409
    page = html.fromstring(answer.text)
    assert page.xpath('//*[@id="portal-logo"]')  # in the site's theme
    assert "Många sparade samtidigt" in answer.text
    (form,) = page.xpath('//form[.//textarea[@name="form.widgets.text"]]')
    assert form.get("action") == conflicting_page
    fields = dict(form.form_values())
    assert fields["form.widgets.text"] == "Min långa kommentar om utflykten"
    assert fields["_authenticator"] == "abc123"
    assert fields["form.buttons.comment"] == "Kommentera"
    # REST: the same, as JSON.
    answer = session("olle.medarbetare").post(conflicting_page, json={"text": "x"})
    assert answer.status_code == 409
    assert "Många sparade samtidigt" in answer.json()["error"]["message"]


def test_starting_a_discussion_writes_no_community(site):
    with api.env.adopt_roles(["Manager"]):
        community = api.content.create(
            container=api.portal.get()["natverk"],
            type="solna.Community",
            id="utepedagogik",
            title="Utepedagogik",
        )
    transaction.commit()
    url = community.absolute_url()
    for login in ("olle.medarbetare", "red.b"):
        assert session(login).post(f"{url}/@natverk", json={"action": "join"}).ok
    first = session("red.b").post(
        url, json={"@type": "solna.Topic", "title": "A", "text": "A"}
    )
    assert first.status_code == 201, first.text
    with writes() as written:
        joined = session("red.a").post(f"{url}/@natverk", json={"action": "join"})
        started = session("olle.medarbetare").post(
            url, json={"@type": "solna.Topic", "title": "Regnkläder", "text": "?"}
        )
    assert joined.ok
    assert started.status_code == 201, started.text
    transaction.begin()
    assert community._p_oid not in {o._p_oid for o in written}


def test_units_and_communities_keep_their_behaviours(site):
    """Quiet containers are still dexterity content with their behaviours:
    REST reads them, the Dialog tab's setting applies."""
    from plone.app.dexterity.behaviors.exclfromnav import IExcludeFromNavigation
    from solna.intranet.dialogue.behaviors import IModeration

    unit = site["a"]
    assert IModeration.providedBy(unit)
    assert IExcludeFromNavigation.providedBy(unit)
    assert session("olle.medarbetare").get(unit.absolute_url()).status_code == 200
    changed = session("webbred").patch(
        unit.absolute_url(), json={"comment_moderation": "premoderated"}
    )
    assert changed.status_code == 204, changed.text
    created = session("webbred").post(
        f"{api.portal.get().absolute_url()}/natverk",
        json={"@type": "solna.Community", "title": "Nytt nätverk"},
    )
    assert created.status_code == 201, created.text
    assert session("olle.medarbetare").get(created.json()["@id"]).status_code == 200


def test_a_comment_from_a_page_left_open_too_long_is_kept(news):
    """A token the keyring no longer knows: the page again, the comment
    still in the form, and why (not a redirect that drops it)."""
    from lxml import html as lxml_html
    from tests.fixtures.http import browser

    s = browser("olle.medarbetare")
    page = lxml_html.fromstring(s.get(news.absolute_url()).text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.comment"]]')
    data = dict(form.form_values())
    data["_authenticator"] = "0" * 40  # what an old page's token has become
    data["form.widgets.text"] = "Vi tar med regnkläder."
    data["form.buttons.comment"] = "Kommentera"
    answer = s.post(form.get("action"), data=data, allow_redirects=False)
    assert answer.status_code == 200, (answer.status_code, answer.headers)
    shown = lxml_html.fromstring(answer.text)
    assert shown.xpath('//textarea[@name="form.widgets.text"]')[0].text_content() == (
        "Vi tar med regnkläder."
    )
    assert "skicka den igen" in answer.text.lower() or "send it again" in answer.text
    transaction.begin()
    from plone.app.discussion.interfaces import IConversation

    assert len(IConversation(news)) == 0
