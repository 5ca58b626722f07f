"""Skyddad identitet: an ordinary member never sees a protected person, not
in views, listings, the directory search or REST; HR does."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from solna.intranet.organisation.directory import search_directory

import pytest


@pytest.fixture
def people(portal, person_factory):
    open_person = person_factory(first_name="Lena", last_name="Strand")
    hidden = person_factory(
        first_name="Sofia", last_name="Dold", protected_identity=True
    )
    return open_person, hidden


def catalog_titles(**query):
    return {b.Title for b in api.content.find(portal_type="solna.Person", **query)}


def test_protected_person_is_in_the_protected_state(people):
    _, hidden = people
    assert api.content.get_state(hidden) == "protected"


def test_member_does_not_find_the_protected_person(portal, people):
    setRoles(portal, TEST_USER_ID, ["Member"])
    assert catalog_titles() == {"Lena Strand"}
    assert [b.Title for b in search_directory("Dold")] == []
    assert [b.Title for b in search_directory("Sofia")] == []
    assert [b.Title for b in search_directory("Lena")] == ["Lena Strand"]


def test_member_may_not_view_the_protected_person(portal, people):
    _, hidden = people
    setRoles(portal, TEST_USER_ID, ["Member"])
    assert not api.user.has_permission("View", obj=hidden)
    assert not api.user.has_permission("Access contents information", obj=hidden)


@pytest.mark.parametrize("role", ["HR Editor", "HR Reviewer", "Site Administrator"])
def test_hr_and_site_administrators_see_the_protected_person(portal, people, role):
    _, hidden = people
    setRoles(portal, TEST_USER_ID, ["Member", role])
    assert api.user.has_permission("View", obj=hidden)
    assert catalog_titles() == {"Lena Strand", "Sofia Dold"}
    assert [b.Title for b in search_directory("Dold")] == ["Sofia Dold"]


def test_protection_survives_a_role_mapping_update(portal, people):
    _, hidden = people
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    setRoles(portal, TEST_USER_ID, ["Member"])
    assert not api.user.has_permission("View", obj=hidden)


def test_lifting_the_protection_makes_a_draft(portal, people):
    _, hidden = people
    hidden.protected_identity = False
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(hidden))
    assert api.content.get_state(hidden) == "private"


def test_only_hr_may_set_the_field(portal):
    from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
    from solna.intranet.organisation.content import IPerson

    permissions = IPerson.queryTaggedValue(WRITE_PERMISSIONS_KEY)
    assert permissions["protected_identity"] == (
        "solna.intranet.ManageProtectedIdentity"
    )
    setRoles(portal, TEST_USER_ID, ["Member", "Editor", "Contributor"])
    assert not api.user.has_permission(
        "solna.intranet: Manage protected identity", obj=portal
    )
    setRoles(portal, TEST_USER_ID, ["Member", "HR Editor"])
    assert api.user.has_permission(
        "solna.intranet: Manage protected identity", obj=portal
    )


def test_hr_may_edit_a_published_person_to_protect_it(portal, people):
    open_person, _ = people
    assert api.content.get_state(open_person) == "published"
    with api.env.adopt_roles(["Manager"]):
        for userid, roles in (("karin.hr", ["HR Editor"]), ("olle.staff", [])):
            api.user.create(username=userid, email=f"{userid}@solna.example")
            if roles:
                api.user.grant_roles(username=userid, roles=roles)
    assert api.user.has_permission(
        "Modify portal content", username="karin.hr", obj=open_person
    )
    assert not api.user.has_permission(
        "Modify portal content", username="olle.staff", obj=open_person
    )
