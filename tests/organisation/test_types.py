"""A person's fields and their validation."""

from zope.i18n import translate
from zope.schema import getValidationErrors
from zope.schema import ValidationError


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
