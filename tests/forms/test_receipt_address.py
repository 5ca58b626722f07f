"""Issue 18, fourth trial, finding 14: the receipt of an e-form goes to the
account's address (the verified one), and the form, the receipt and REST
say so; an address typed into the form is for the handler."""

from lxml import html
from tests.fixtures.forms import FilledForm
from tests.fixtures.forms import STAFF
from tests.fixtures.http import browser
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for


ACCOUNT = f"{STAFF}@solna.example"
TYPED = "olle.privat@example.org"
NOTE = (
    "Kvittot och besked om ärendet skickas till e-postadressen i ditt konto, "
    f"{ACCOUNT}."
)
VALID = {"typ": "Semester", "start_date": "2027-07-05", "end_date": "2027-07-30"}


def test_the_form_says_where_the_receipt_goes(forms_site):
    url = forms_site["ledighetsansokan"].absolute_url()
    page = html.fromstring(browser(STAFF).get(url).text)
    (field,) = page.xpath('//div[@id="formfield-form-widgets-epost"]')
    assert NOTE in text(field)
    form = rest(STAFF).get(url).json()
    assert form["receipt"] == {"address": ACCOUNT, "message": NOTE}


def test_a_typed_address_gets_no_receipt_and_the_receipt_says_why(forms_site, smtp):
    url = forms_site["ledighetsansokan"].absolute_url()
    answer = FilledForm(browser(STAFF), url).submit({**VALID, "epost": TYPED})
    assert "Tack, vi har tagit emot det du skickade" in answer.text
    assert wait_for(lambda: smtp.to(ACCOUNT))
    (receipt,) = smtp.to(ACCOUNT)
    body = " ".join(receipt.get_content().split())
    assert f"Kvittot skickas till e-postadressen i ditt konto, {ACCOUNT}" in body
    assert f"Adressen du skrev i formuläret, {TYPED}, får handläggaren." in body
    assert smtp.to(TYPED) == []
