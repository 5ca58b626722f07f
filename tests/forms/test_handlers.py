"""Each form names the groups that handle it: their members (and site
administrators) handle its cases; Formulärhandläggare no longer handles
every form; changing the groups on the form moves the right at once."""

from plone import api
from solna.intranet.forms.behaviors import IHandlers
from solna.intranet.forms.handlers import handlers
from solna.intranet.forms.shipped import create_forms
from tests.fixtures.staff import create_staff
from zope.schema import getFields

import pytest


HANDLE = "solna.intranet: Handle cases"


@pytest.fixture
def people(portal):
    create_staff(
        {
            "hr.handlaggare": ("hr-handlaggare",),
            "it.handlaggare": ("it-service",),
            "forslag.handlaggare": ("formularhandlaggare",),
            "olle.medarbetare": (),
            "maria.webb": ("webbredaktorer",),
        }
    )
    return portal["blanketter"]


def may_handle(login, form):
    return api.user.has_permission(HANDLE, username=login, obj=form)


def test_only_the_forms_own_groups_handle_it(people):
    forms = people
    assert may_handle("hr.handlaggare", forms["fraga-hr"])
    assert not may_handle("hr.handlaggare", forms["bestallning-av-it"])
    assert may_handle("it.handlaggare", forms["bestallning-av-it"])
    assert not may_handle("it.handlaggare", forms["fraga-hr"])
    # Formulärhandläggare: the suggestions, not every form.
    assert may_handle("forslag.handlaggare", forms["forslag-och-ideer"])
    assert not may_handle("forslag.handlaggare", forms["fraga-hr"])
    assert not any(may_handle("olle.medarbetare", form) for form in forms.values())
    # Site administrators handle every form.
    assert all(may_handle("maria.webb", form) for form in forms.values())
    assert {u.getId() for u in handlers(forms["fraga-hr"])} == {"hr.handlaggare"}


def test_changing_the_groups_moves_the_right(people):
    form = people["fraga-hr"]
    form.handler_groups = ["it-service"]
    assert may_handle("it.handlaggare", form)
    assert not may_handle("hr.handlaggare", form)


def test_a_new_form_is_handled_by_formularhandlaggare(people):
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(
            container=people, type="EasyForm", id="ny", title="Nytt formulär"
        )
    assert form.handler_groups == ["formularhandlaggare"]
    assert may_handle("forslag.handlaggare", form)
    assert not may_handle("hr.handlaggare", form)
    # The editor picks the groups on the form's edit form, in Swedish.
    assert "handler_groups" in getFields(IHandlers)
    assert api.group.get(groupname="formularhandlaggare").getRoles() == [
        "Authenticated"
    ]


def test_step_20261129008_on_a_site_before_it(portal, setup_tool):
    """A site at 20261129007: the group handled every form and the forms
    folder did not exist; after the step each form has its own handlers."""
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["blanketter"])
        api.group.grant_roles(groupname="formularhandlaggare", roles=["Form Handler"])
        api.group.delete(groupname="it-service")
        setup_tool.setLastVersionForProfile("solna.intranet:default", "20261129007")
        setup_tool.upgradeProfile("solna.intranet:default")
    assert (
        "Form Handler" not in api.group.get(groupname="formularhandlaggare").getRoles()
    )
    assert api.group.get(groupname="it-service") is not None
    assert portal["blanketter"]["bestallning-av-it"].handler_groups == ["it-service"]
    assert len(portal["blanketter"].objectIds()) == 7
    # Running it again creates nothing twice.
    with api.env.adopt_roles(["Manager"]):
        create_forms()
    assert len(portal["blanketter"].objectIds()) == 7


def test_handlers_find_the_cases_from_the_form(people):
    """A tab "Ärenden" on the form, in the toolbar its handlers get there."""
    form = people["fraga-hr"]
    actions = api.portal.get_tool("portal_actions")

    def tabs(login):
        with api.env.adopt_user(username=login):
            found = actions.listFilteredActionsFor(form)["object"]
            toolbar = api.user.has_permission("Show Toolbar", obj=form)
        return [a["id"] for a in found], toolbar

    ids, toolbar = tabs("hr.handlaggare")
    assert "cases" in ids
    assert toolbar
    ids, toolbar = tabs("olle.medarbetare")
    assert "cases" not in ids
    assert not toolbar


def test_shipped_forms_are_not_signed_by_admin(forms_site):
    """Issue 18: "av admin" stood under every form in Blanketter and beside
    each in its listing: the installer wrote none of them. An editor who
    changes a form is named as usual."""
    from lxml import html as parse
    from tests.fixtures.forms import STAFF
    from tests.fixtures.http import browser as as_member

    for url in (forms_site.absolute_url(), forms_site["fraga-hr"].absolute_url()):
        shown = as_member(STAFF).get(url)
        assert shown.status_code == 200
        page = parse.fromstring(shown.text)
        found = page.xpath('//a[contains(@href, "/author/admin")]')
        assert not found, [parse.tostring(a.getparent().getparent()) for a in found]
        assert " av admin" not in " ".join(page.text_content().split()), url
