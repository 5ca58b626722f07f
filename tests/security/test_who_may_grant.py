"""Rights may only be granted by those allowed to grant them (issue 14, 1).

Every field the site computes rights or reach from is tried over REST PATCH
as each role of the permission matrix (docs/permissions.md): it changes for
those who may grant what it grants, and for everyone else it stays as it
was. Changes are logged for HR and Webbredaktörer, and the rights follow at
once (a person's new login is the unit's manager in the catalog, for
Chefens sida and for searches of drafts).
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from tests.fixtures.http import session
from tests.fixtures.staff import create_as
from tests.fixtures.workplace import ACCOUNTS

import pytest
import transaction


LOGINS = sorted(ACCOUNTS)


def _objects(site):
    """The objects whose grant fields are tried, created as admin."""
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        chef = site["a"]["chef-a"]  # Chef A's entry (appoint_manager)
        other = api.content.create(
            container=site["a"],
            type="solna.Person",
            id="lina-ahmed",
            first_name="Lina",
            last_name="Ahmed",
        )
        api.content.transition(other, to_state="published")
        community = api.content.create(
            container=portal,
            type="solna.Community",
            id="natverket",
            title="Nätverket",
            moderators=["olle.medarbetare"],
        )
        form = api.content.create(
            container=site["a"], type="EasyForm", id="blankett", title="Blankett"
        )
    news = create_as(
        "red.a",
        site["a"],
        "News Item",
        "Nyheten",
        text=RichTextValue("<p>Hej</p>", "text/html", "text/x-html-safe"),
    )
    transaction.commit()
    return {
        "person": chef,
        "other_person": other,
        "unit": site["a"],
        "community": community,
        "form": form,
        "news": news,
    }


#: (object, field, new value as sent, may change it)
CASES = (
    ("person", "userid", "red.a", {"webbred"}),
    ("unit", "manager", "other_person", {"webbred"}),
    (
        "unit",
        "editors",
        ["red.a", "olle.medarbetare"],
        {"chef.a", "kommunikator", "webbred"},
    ),
    ("community", "members", ["red.b"], {"olle.medarbetare", "webbred"}),
    (
        "community",
        "moderators",
        ["olle.medarbetare", "red.b"],
        {"olle.medarbetare", "webbred"},
    ),
    ("form", "handler_groups", ["hr-granskare"], {"webbred"}),
    ("news", "audience_all", True, {"kommunikator", "webbred"}),
    ("news", "priority", "kris", {"webbred"}),  # and Krisledning (tests/crisis)
    ("news", "audience_units", "unit_b", {"kommunikator", "webbred"}),
)


def _value(obj, field):
    value = getattr(obj, field, None)
    to_object = getattr(value, "to_object", None)
    if to_object is not None:
        return to_object.UID()
    return list(value) if isinstance(value, (list, tuple, set)) else value


@pytest.mark.parametrize(
    ("target", "field", "sent", "allowed"), CASES, ids=[c[1] for c in CASES]
)
def test_each_field_as_each_role(site, target, field, sent, allowed):
    objects = _objects(site)
    obj = objects[target]
    if sent == "other_person":
        sent = objects["other_person"].UID()
    if sent == "unit_b":
        sent = [site["b"].UID()]
    before = _value(obj, field)
    url = obj.absolute_url()
    for login in LOGINS:
        answer = session(login).patch(url, json={field: sent})
        transaction.begin()
        now = _value(obj, field)
        if login in allowed:
            assert answer.status_code == 204, (login, answer.text)
            assert now != before, login
            # Put it back for the next role, as a Webbredaktör would.
            back = before
            if field == "manager":
                back = objects["person"].UID()
            restored = session("webbred").patch(url, json={field: back})
            assert restored.status_code == 204, restored.text
            transaction.begin()
            assert _value(obj, field) == before
        else:
            # 404: what one may not even view is not there (security/hidden.py).
            assert answer.status_code in (204, 401, 403, 404), (login, answer.text)
            assert now == before, f"{login} changed {field}"


def test_a_unit_editor_cannot_make_herself_manager(site):
    """The review's example: Lina (Redaktör) PATCHes the manager's login."""
    objects = _objects(site)
    chef = objects["person"]
    answer = session("red.a").patch(chef.absolute_url(), json={"userid": "red.a"})
    transaction.begin()
    assert chef.userid == "chef.a"
    assert answer.status_code in (204, 401, 403)
    catalog = api.portal.get_tool("portal_catalog")
    assert [
        b.getPath() for b in catalog.unrestrictedSearchResults(unit_manager="red.a")
    ] == []


def test_a_new_login_moves_the_rights_at_once_and_is_logged(site):
    objects = _objects(site)
    chef = objects["person"]
    draft = create_as("red.a", site["a"], "Document", "Utkastet")
    transaction.commit()

    def sees_draft(login):
        found = session(login).get(
            f"{api.portal.get().absolute_url()}/@search",
            params={"portal_type": "Document", "review_state": "private"},
        )
        assert found.status_code == 200
        return draft.absolute_url() in [i["@id"] for i in found.json()["items"]]

    assert sees_draft("chef.a")
    assert not sees_draft("chef.b")
    answer = session("webbred").patch(chef.absolute_url(), json={"userid": "chef.b"})
    assert answer.status_code == 204, answer.text
    transaction.begin()
    # Chefens sida finds the unit by its manager's login; drafts follow.
    catalog = api.portal.get_tool("portal_catalog")
    managed = {
        b.getPath() for b in catalog.unrestrictedSearchResults(unit_manager="chef.b")
    }
    assert "/".join(site["a"].getPhysicalPath()) in managed
    assert sees_draft("chef.b")
    assert not sees_draft("chef.a")

    # The log: HR and Webbredaktörer read it, others may not.
    for login in ("hr.red", "hr.gransk", "webbred"):
        log = session(login).get(f"{api.portal.get().absolute_url()}/@behorighetslogg")
        assert log.status_code == 200, login
        entry = log.json()["entries"][0]
        assert entry["who"] == "webbred"
        assert entry["field"] == "userid"
        assert "chef.a" in entry["old"]
        assert "chef.b" in entry["new"]
        assert entry["when_display"]
    for login in ("olle.medarbetare", "red.a", "chef.a", "kommunikator"):
        log = session(login).get(f"{api.portal.get().absolute_url()}/@behorighetslogg")
        assert log.status_code in (401, 403), login
    page = session("hr.red")
    page.headers["Accept"] = "text/html"
    answer = page.get(f"{api.portal.get().absolute_url()}/@@behorighetslogg")
    assert answer.status_code == 200
    assert "Behörighetslogg" in answer.text or "Rights log" in answer.text


def test_crisis_and_other_units_refused_in_the_edit_form(site):
    """The edit form says why in Swedish, under the field."""
    objects = _objects(site)
    news = objects["news"]
    s = session("red.a")
    s.headers["Accept"] = "text/html"
    form = s.get(f"{news.absolute_url()}/@@edit")
    assert form.status_code == 200
    from lxml import html

    doc = html.fromstring(form.text)
    fields = {
        i.get("name"): i.get("value") or ""
        for i in doc.xpath('//form[@id="form"]//input[@name]')
        if i.get("type") not in ("checkbox", "radio", "submit", "file")
    }
    fields.update(
        {
            "form.widgets.IRichTextBehavior.text": "<p>Hej</p>",
            "form.widgets.IPriority.priority:list": "kris",
            "form.widgets.IAudience.audience_units:list": [site["a"].UID()],
            "form.buttons.save": "Spara",
        }
    )
    saved = s.post(f"{news.absolute_url()}/@@edit", data=fields)
    assert saved.status_code == 200
    assert "Bara Krisledning kan publicera krisinformation." in saved.text
    transaction.begin()
    assert news.priority != "kris"


def test_members_edited_in_the_form_or_over_rest_are_logged(site):
    objects = _objects(site)
    community = objects["community"]
    answer = session("olle.medarbetare").patch(
        community.absolute_url(), json={"members": ["red.a", "red.b"]}
    )
    assert answer.status_code == 204, answer.text
    log = session("webbred").get(f"{api.portal.get().absolute_url()}/@behorighetslogg")
    entry = log.json()["entries"][0]
    assert entry["field"] == "members"
    assert entry["who"] == "olle.medarbetare"
    assert "red.b" in entry["new"]


@pytest.mark.parametrize("login", LOGINS)
def test_sharing_is_for_site_administrators_and_logged(site, login):
    """The sharing page grants roles too: a unit's editor or manager, or a
    member who owns an item, may not use it; Webbredaktörer may, logged."""
    unit = site["a"]
    answer = session(login).post(
        f"{unit.absolute_url()}/@sharing",
        json={
            "entries": [
                {"id": "olle.medarbetare", "type": "user", "roles": {"Editor": True}}
            ]
        },
    )
    transaction.begin()
    roles = dict(unit.get_local_roles()).get("olle.medarbetare", ())
    if login == "webbred":
        assert answer.status_code == 204, answer.text
        assert "Editor" in roles
        log = session("hr.red").get(
            f"{api.portal.get().absolute_url()}/@behorighetslogg"
        )
        entry = log.json()["entries"][0]
        assert entry["field"] == "local_roles"
        assert entry["who"] == "webbred"
        assert "olle.medarbetare: Editor" in entry["new"]
    else:
        # plone.restapi answers 204 and gives only roles one may delegate:
        # none. The sharing page itself is refused.
        assert answer.status_code in (204, 401, 403), (login, answer.text)
        assert "Editor" not in roles, login
        page = session(login)
        page.headers["Accept"] = "text/html"
        refused = page.get(f"{unit.absolute_url()}/@@sharing", allow_redirects=False)
        assert refused.status_code in (302, 401, 403), login


def test_a_forms_actions_are_for_those_who_choose_its_handlers(site):
    """A Mailer to oneself would read every answer: only Webbredaktörer
    change a form's actions, over REST and in the actions editor."""
    objects = _objects(site)
    form = objects["form"]
    before = form.actions_model
    mailer = before.replace(
        "</schema>",
        '<field name="till_mig" type="collective.easyform.actions.Mailer">'
        "<title>Till mig</title><recipient_email>erik@example.org</recipient_email>"
        "</field></schema>",
    )
    for login in ("kommunikator", "chef.a", "red.a"):
        answer = session(login).patch(
            form.absolute_url(), json={"actions_model": mailer}
        )
        assert answer.status_code in (204, 401, 403, 404), answer.text
        transaction.begin()
        assert form.actions_model == before, login
    page = session("kommunikator")
    page.headers["Accept"] = "text/html"
    refused = page.get(f"{form.absolute_url()}/actions", allow_redirects=False)
    assert refused.status_code in (302, 401, 403), refused.status_code
    answer = session("webbred").patch(
        form.absolute_url(), json={"actions_model": mailer}
    )
    assert answer.status_code == 204, answer.text
    transaction.begin()
    assert "erik@example.org" in form.actions_model
    log = session("hr.red").get(f"{api.portal.get().absolute_url()}/@behorighetslogg")
    entry = log.json()["entries"][0]
    assert entry["field"] == "actions_model"
    assert "erik@example.org" in entry["new"]
