"""The content types: where they may be added, their fields, validation."""

from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema import getValidationErrors
from zope.schema import ValidationError

import datetime
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


def field_error(schema, field, value):
    try:
        schema[field].validate(value)
    except ValidationError as error:
        return translate(error.doc(), target_language="sv")
    return None


def test_bad_email_and_phone_get_swedish_errors():
    from solna.intranet.organisation.content import IPerson

    assert field_error(IPerson, "email", "lena.strand@solna") == (
        "Ange en giltig e-postadress, till exempel namn@solna.se."
    )
    assert field_error(IPerson, "phone", "12") == (
        "Ange ett svenskt telefonnummer, till exempel 08-746 10 00 eller 070-123 45 67."
    )
    assert field_error(IPerson, "email", "lena.strand@solna.se") is None
    for good in ("08-746 10 00", "070-123 45 67", "+46 8 746 10 00"):
        assert field_error(IPerson, "mobile", good) is None, good


def test_review_date_before_in_force_from_is_refused():
    from solna.intranet.rules.content import IRule

    class Data:
        in_force_from = datetime.date(2027, 1, 1)
        review_date = datetime.date(2026, 12, 31)

    with pytest.raises(Invalid) as error:
        IRule.validateInvariants(Data())
    assert translate(error.value.args[0], target_language="sv") == (
        "Nästa granskning kan inte vara före datumet då regeln börjar gälla."
    )
    Data.review_date = datetime.date(2028, 1, 1)
    IRule.validateInvariants(Data())


def test_person_title_is_the_full_name(person_factory):
    person = person_factory(first_name="Ali", last_name="Hassan")
    assert person.Title() == "Ali Hassan"
    assert person.getId() == "ali-hassan"


def test_person_fields_validate(person_factory):
    from solna.intranet.organisation.content import IPerson

    person = person_factory(
        job_title="Förskollärare",
        profession="forskollarare",
        phone="08-746 12 35",
        email="lena.strand@solna.se",
    )
    assert getValidationErrors(IPerson, person) == []
