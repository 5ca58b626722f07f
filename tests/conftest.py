from plone import api
from pytest_plone import fixtures_factory
from solna.intranet.testing import FUNCTIONAL_TESTING
from solna.intranet.testing import INTEGRATION_TESTING
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import datetime
import pytest
import transaction


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


PASSWORD = "Hemligt-losen-1"


def create_staff(accounts):
    """Accounts {login: groups}, with PASSWORD, e-mail <login>@solna.example
    and a full name from the login ("red.a" → "Red A")."""
    with api.env.adopt_roles(["Manager"]):
        for login, groups in accounts.items():
            api.user.create(
                username=login,
                email=f"{login}@solna.example",
                password=PASSWORD,
                properties={"fullname": login.replace(".", " ").title()},
            )
            for group in groups:
                api.group.add_user(groupname=group, username=login)


def published_form(container, id, title, **models):
    """A published EasyForm; ``models``: fields_model, actions_model (XML)."""
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(
            container=container, type="EasyForm", id=id, title=title, **models
        )
        api.content.transition(form, to_state="published")
    return form


@pytest.fixture
def organisation_site(functional_portal):
    """A förvaltning with Solgläntans förskola, its manager Maja Berg, a
    protected person, a rule and an answer; a staff member and an HR
    editor. Committed for the HTTP server; returns the site URL."""
    portal = functional_portal
    create_staff({"olle.medarbetare": (), "karin.hr": ()})
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="karin.hr", roles=["HR Editor"])
        forvaltning = api.content.create(
            container=portal,
            type="solna.Unit",
            id="forvaltning",
            title="Barn- och utbildningsförvaltningen",
            kind="forvaltning",
        )
        forskola = api.content.create(
            container=forvaltning,
            type="solna.Unit",
            id="solglantan",
            title="Solgläntans förskola",
            kind="forskola",
            phone="08-746 12 34",
            email="solglantan@solna.se",
            visiting_address="Skogsvägen 3\n171 45 Solna",
            opening_hours="Måndag–fredag 6.30–18.00",
        )
        chef = api.content.create(
            container=forskola,
            type="solna.Person",
            title="Maja Berg",
            first_name="Maja",
            last_name="Berg",
            job_title="Förskolechef",
            profession="chef",
            phone="08-746 12 30",
            mobile="070-123 45 67",
            email="maja.berg@solna.se",
            ask_me_about="Lediga platser\nSchema",
        )
        api.content.create(
            container=forskola,
            type="solna.Person",
            title="Sofia Dold",
            first_name="Sofia",
            last_name="Dold",
            phone="08-746 99 99",
            protected_identity=True,
        )
        forskola.manager = RelationValue(getUtility(IIntIds).getId(chef))
        answer = api.content.create(
            container=forvaltning,
            type="solna.Answer",
            title="Hur många semesterdagar har jag?",
            category="ledighet",
        )
        rule = api.content.create(
            container=forvaltning,
            type="solna.Rule",
            title="Semester",
            category="ledighet",
            legal_basis="Semesterlagen, AB § 27",
            in_force_from=datetime.date(2026, 1, 1),
            review_date=datetime.date(2027, 6, 1),
            applies_to=["forskollarare"],
            related_answers=[RelationValue(getUtility(IIntIds).getId(answer))],
        )
        for obj in (forvaltning, forskola, chef, answer, rule):
            api.content.transition(obj, to_state="published")
        forskola.reindexObject()
    transaction.commit()
    return portal.absolute_url()
