"""Roles and groups: created by the profile with Swedish titles; Chef and
Redaktör are local roles on their own unit only."""

from plone import api
from solna.intranet.workflow.groups import GROUPS
from tests.fixtures.staff import create_as

import pytest


@pytest.mark.parametrize(
    ("group_id", "title", "roles"),
    [
        ("medarbetare", "Medarbetare", set()),
        (
            "granskare",
            "Granskare/Kommunikatörer",
            {"Contributor", "Editor", "Reviewer", "Communicator"},
        ),
        ("hr-redaktorer", "HR-redaktörer", {"HR Editor"}),
        ("hr-granskare", "HR-granskare", {"HR Reviewer"}),
        # Form handlers: only on the forms that name them (forms/handlers.py).
        ("formularhandlaggare", "Formulärhandläggare", set()),
        ("hr-handlaggare", "HR-handläggare", set()),
        ("arbetsmiljo", "Arbetsmiljöhandläggare", set()),
        ("it-service", "IT-service", set()),
        ("webbredaktorer", "Webbredaktörer", {"Site Administrator"}),
        ("krisledning", "Krisledning", {"Crisis Leader"}),
    ],
)
def test_groups_exist_with_swedish_titles_and_their_roles(
    portal, group_id, title, roles
):
    group = api.group.get(groupname=group_id)
    assert group.getProperty("title") == title
    assert set(api.group.get_roles(groupname=group_id)) - {"Authenticated"} == roles


def test_every_group_is_tested():
    assert len(GROUPS) == 10


def test_a_new_account_is_a_medarbetare(portal):
    user = api.user.create(username="ny.anstalld", email="ny@solna.example")
    assert "medarbetare" in [g.getId() for g in api.group.get_groups(user=user)]


def test_manager_and_editors_get_local_roles_on_their_unit_only(workplace):
    a, b = workplace["a"], workplace["b"]
    assert {"Reviewer", "Editor", "Contributor"} <= set(
        api.user.get_roles(username="chef.a", obj=a)
    )
    assert "Reviewer" not in api.user.get_roles(username="chef.a", obj=b)
    assert {"Editor", "Contributor"} <= set(api.user.get_roles(username="red.a", obj=a))
    assert "Editor" not in api.user.get_roles(username="red.a", obj=b)
    assert "Reviewer" not in api.user.get_roles(username="red.a", obj=a)


def test_a_new_manager_takes_over_and_the_old_one_loses_the_roles(workplace):
    a = workplace["a"]
    # The unit points at another person: chef.b becomes manager of A too.
    b_manager = workplace["b"].manager
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    with api.env.adopt_roles(["Site Administrator"]):  # who chooses managers
        a.manager = b_manager
        notify(ObjectModifiedEvent(a))
    assert "Reviewer" in api.user.get_roles(username="chef.b", obj=a)
    assert "Reviewer" not in api.user.get_roles(username="chef.a", obj=a)


def test_unit_roles_reach_the_catalog(workplace):
    """The chef sees the unit's pending items in searches (allowedRolesAndUsers)."""
    news = create_as("red.a", workplace["a"], "News Item", "Utflykt till Hagaparken")
    with api.env.adopt_user(username="red.a"):
        api.content.transition(news, transition="submit")
    with api.env.adopt_user(username="chef.a"):
        assert [b.getId for b in api.content.find(review_state="pending")] == [
            news.getId()
        ]
    with api.env.adopt_user(username="chef.b"):
        assert len(api.content.find(review_state="pending")) == 0


def test_only_site_administrators_choose_a_units_manager(workplace):
    from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
    from plone.dexterity.utils import iterSchemata

    perms = {}
    for schema in iterSchemata(workplace["a"]):
        perms.update(schema.queryTaggedValue(WRITE_PERMISSIONS_KEY, {}))
    assert perms["manager"] == "solna.intranet.AssignUnitManager"
    assert perms["editors"] == "solna.intranet.AssignUnitEditors"
    a = workplace["a"]
    assert api.user.has_permission(
        "solna.intranet: Assign unit editors", username="chef.a", obj=a
    )
    assert not api.user.has_permission(
        "solna.intranet: Assign unit manager", username="chef.a", obj=a
    )
    assert not api.user.has_permission(
        "solna.intranet: Assign unit editors", username="red.a", obj=a
    )
    assert api.user.has_permission(
        "solna.intranet: Assign unit manager", username="webbred", obj=a
    )


def test_managers_and_editors_are_chosen_over_http(site):
    from tests.fixtures.http import session

    unit = site["a"].absolute_url()
    chef, webbred = session("chef.a"), session("webbred")
    a_manager = chef.get(unit).json()["manager"]["@id"]
    b_manager = chef.get(site["b"].absolute_url()).json()["manager"]["@id"]
    # The manager field is the Webbredaktör's: the chef cannot hand it over.
    chef.patch(unit, json={"manager": b_manager})
    assert chef.get(unit).json()["manager"]["@id"] == a_manager
    # When the Webbredaktör does, the old manager's rights in the unit go.
    assert webbred.patch(unit, json={"manager": b_manager}).status_code == 204
    assert chef.patch(unit, json={"editors": ["red.a"]}).status_code in (401, 403)
    assert webbred.patch(unit, json={"manager": a_manager}).status_code == 204

    # The manager chooses the editors. An account that does not exist: a
    # clear Swedish error, nothing saved.
    wrong = chef.patch(unit, json={"editors": ["red.a", "finns.inte"]})
    assert wrong.status_code == 400
    assert "Det finns inget konto med det inloggningsnamnet" in wrong.text
    assert chef.get(unit).json()["editors"] == ["red.a"]
    # Red B becomes an editor of A too, and may now write there.
    assert chef.patch(unit, json={"editors": ["red.a", "red.b"]}).status_code == 204
    news = session("red.b").post(unit, json={"@type": "News Item", "title": "Hej"})
    assert news.status_code == 201
    # The edit form shows the editors field to the manager, in Swedish.
    form = chef.get(f"{unit}/edit", headers={"Accept": "text/html"}).text
    assert "Redaktörer" in form
