"""The content types: their Swedish titles, where they may be added."""

from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import getUtility
from zope.i18n import translate

import pytest


@pytest.mark.parametrize(
    ("portal_type", "title"),
    [
        ("solna.Unit", "Enhet"),
        ("solna.Person", "Medarbetare"),
        ("solna.Rule", "Regel"),
        ("solna.Answer", "Fråga och svar"),
    ],
)
def test_types_have_swedish_titles(portal, portal_type, title):
    fti = getUtility(IDexterityFTI, name=portal_type)
    assert translate(fti.Title(), target_language="sv") == title


@pytest.mark.parametrize(
    ("container", "portal_type", "allowed"),
    [
        ("portal", "solna.Unit", True),
        ("unit", "solna.Unit", True),
        ("unit", "solna.Person", True),
        ("unit", "solna.Rule", True),
        ("unit", "solna.Answer", True),
        ("unit", "News Item", True),
        ("portal", "solna.Person", False),
        ("portal", "solna.Rule", False),
        ("portal", "solna.Answer", False),
        ("folder", "solna.Person", False),
        ("folder", "solna.Rule", False),
        ("folder", "solna.Unit", True),
    ],
)
def test_types_are_added_only_where_they_belong(
    portal, organisation, container, portal_type, allowed
):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", title="Mapp")
    where = {
        "portal": portal,
        "unit": organisation["forskola"],
        "folder": folder,
    }[container]
    with api.env.adopt_roles(["Manager"]):
        allowed_types = [t.getId() for t in where.allowedContentTypes()]
    assert (portal_type in allowed_types) is allowed
