"""Swedish validators for e-forms: personnummer (date and Luhn check),
Swedish phone numbers, an end date not before the start date; offered to
editors in easyform and refusing bad input on a real form in Swedish."""

from solna.intranet.forms.validators import personnummer_error
from tests.fixtures.forms import published_form
from tests.fixtures.staff import create_staff
from tests.fixtures.staff import PASSWORD
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import datetime
import pytest
import re
import requests
import transaction


@pytest.mark.parametrize(
    "value",
    [
        "19121212-1212",
        "121212-1212",
        "1212121212",
        "811218-9876",
        "198112189876",
        "701063-2391",  # samordningsnummer: day of birth + 60
        "121212+1212",  # born 1912, over a hundred years old
    ],
)
def test_valid_personnummer(value):
    assert personnummer_error(value) is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("19121212-1213", "error_personnummer_check"),
        ("811218-9875", "error_personnummer_check"),
        ("19850230-1234", "error_personnummer_date"),
        ("20991212-1212", "error_personnummer_date"),
        ("8112189876x", "error_personnummer_format"),
        ("1985-04-12", "error_personnummer_format"),
    ],
)
def test_invalid_personnummer_says_why(value, why):
    assert personnummer_error(value, today=datetime.date(2026, 11, 29)) == why


def test_editors_are_offered_our_validators(portal):
    factory = getUtility(IVocabularyFactory, "easyform.Validators")
    names = {term.value for term in factory(portal)}
    assert {"isPersonnummer", "isSwedishPhone", "isNotBeforeStartDate"} <= names


FIELDS = """<model xmlns="http://namespaces.plone.org/supermodel/schema"
       xmlns:easyform="http://namespaces.plone.org/supermodel/easyform">
  <schema>
    <field name="pnr" type="zope.schema.TextLine"
           easyform:validators="isPersonnummer">
      <title>Personnummer</title>
    </field>
    <field name="phone" type="zope.schema.TextLine" required="False"
           easyform:validators="isSwedishPhone">
      <title>Telefon</title>
    </field>
    <field name="start_date" type="zope.schema.Date">
      <title>Från</title>
    </field>
    <field name="end_date" type="zope.schema.Date"
           easyform:validators="isNotBeforeStartDate">
      <title>Till</title>
    </field>
  </schema>
</model>"""


@pytest.fixture
def form_url(functional_portal):
    create_staff({"olle.medarbetare": ()})
    form = published_form(
        functional_portal, "prov", "Provformulär", fields_model=FIELDS
    )
    transaction.commit()
    return form.absolute_url()


def test_a_form_refuses_bad_input_in_swedish_and_keeps_it(form_url):
    staff = requests.Session()
    staff.auth = ("olle.medarbetare", PASSWORD)
    page = staff.get(form_url).text
    # easyform's own words on the form, in Swedish (it ships no Swedish).
    assert 'value="Skicka"' in page
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    answer = staff.post(
        form_url,
        data={
            "form.widgets.pnr": "19121212-1213",
            "form.widgets.phone": "12345",
            "form.widgets.start_date": "2027-03-10",
            "form.widgets.end_date": "2027-03-01",
            "form.buttons.submit": "Skicka",
            "_authenticator": token,
        },
    ).text
    assert "Den sista siffran i personnumret stämmer inte" in answer
    assert "Ange ett svenskt telefonnummer" in answer
    assert "Slutdatumet kan inte vara före startdatumet" in answer
    # What was typed is still there to correct.
    assert 'value="19121212-1213"' in answer
    assert 'value="2027-03-10"' in answer
