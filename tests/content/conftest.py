"""A small organisation: förvaltning › område › förskola, with people."""

from plone import api

import pytest


@pytest.fixture
def organisation(portal):
    with api.env.adopt_roles(["Manager"]):
        forvaltning = api.content.create(
            container=portal,
            type="solna.Unit",
            id="barn-och-utbildning",
            title="Barn- och utbildningsförvaltningen",
            kind="forvaltning",
        )
        omrade = api.content.create(
            container=forvaltning,
            type="solna.Unit",
            id="norra-forskoleomradet",
            title="Norra förskoleområdet",
            kind="avdelning",
        )
        forskola = api.content.create(
            container=omrade,
            type="solna.Unit",
            id="solglantan",
            title="Solgläntans förskola",
            kind="forskola",
            phone="08-746 12 34",
        )
        other = api.content.create(
            container=portal,
            type="solna.Unit",
            id="omsorg",
            title="Omsorgsförvaltningen",
            kind="forvaltning",
        )
        for unit in (forvaltning, omrade, forskola, other):
            api.content.transition(unit, to_state="published")
    return {
        "forvaltning": forvaltning,
        "omrade": omrade,
        "forskola": forskola,
        "other": other,
    }


@pytest.fixture
def person_factory(organisation):
    def create(unit="forskola", **data):
        data.setdefault("first_name", "Lena")
        data.setdefault("last_name", "Strand")
        with api.env.adopt_roles(["Manager"]):
            person = api.content.create(
                container=organisation[unit],
                type="solna.Person",
                # plone.api needs a title to make the id; a person's title
                # is always the full name.
                title=f"{data['first_name']} {data['last_name']}",
                **data,
            )
            if not data.get("protected_identity"):
                api.content.transition(person, to_state="published")
        return person

    return create
