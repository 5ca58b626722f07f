"""E-forms over REST, as on the page (a future app has only REST): anyone
who may fill a form in reads its questions with their prefilled answers;
sending it in runs the same validators and makes the same case and mails;
saved data and cases only for those allowed; a Webbredaktör edits a form."""

from plone import api
from tests.fixtures.forms import STAFF
from tests.fixtures.http import session as rest
from tests.fixtures.mail import wait_for

import base64
import pytest
import transaction


PASSWORD = "Hemligt-losen-1"


def api_url(obj):
    portal_url = api.portal.get().absolute_url()
    return obj.absolute_url().replace(portal_url, f"{portal_url}/++api++")


def cases_of(form):
    transaction.begin()
    from solna.intranet.forms.cases import CaseStore

    return CaseStore(form).all()


def test_everyone_who_may_fill_it_in_reads_the_questions(forms_site):
    form = forms_site["fraga-hr"]
    for url in (api_url(form), form.absolute_url()):
        answer = rest(STAFF).get(url)
        assert answer.status_code == 200, answer.text
        data = answer.json()
        names = [q["name"] for q in data["questions"]]
        assert names == ["namn", "epost", "amne", "fraga", "bilaga"]
        by_name = {q["name"]: q for q in data["questions"]}
        assert by_name["namn"]["default"] == "Olle Medarbetare"  # prefilled
        assert by_name["epost"]["default"] == f"{STAFF}@solna.example"
        assert by_name["epost"]["input"] == "email"
        assert "Lön" in [c["value"] for c in by_name["amne"]["choices"]]
        assert by_name["fraga"]["required"] is True
        assert by_name["bilaga"]["input"] == "file"
        assert by_name["bilaga"]["validators"] == ["isAttachment"]
        assert data["submit"]["@id"].endswith("/@skicka")
        assert "cases" not in data
        assert "savedDataStorage" not in data
    # The folder's listing with full objects too.
    listing = rest(STAFF).get(api_url(forms_site), params={"fullobjects": 1})
    assert listing.status_code == 200, listing.text
    # A handler also gets where the cases are.
    handler = rest("hr.handlaggare").get(api_url(form)).json()
    assert handler["cases"]["@id"].endswith("/@arenden")


def test_sending_a_form_in_over_rest_is_the_page_s_submission(forms_site, smtp):
    form = forms_site["fraga-hr"]
    sent = rest(STAFF).post(
        f"{form.absolute_url()}/@skicka",
        json={"amne": "Lön", "fraga": "När betalas OB-tillägget ut?"},
    )
    assert sent.status_code == 201, sent.text
    (case,) = cases_of(form)
    assert sent.json()["case"] == case.id
    assert case.submitter == STAFF
    assert case.data["namn"] == "Olle Medarbetare"  # the prefill, as the page
    assert case.data["fraga"] == "När betalas OB-tillägget ut?"
    assert wait_for(lambda: smtp.to("hr.handlaggare@solna.example"))
    assert wait_for(lambda: smtp.to(f"{STAFF}@solna.example"))
    mine = rest(STAFF).get(f"{api.portal.get().absolute_url()}/@mina-arenden")
    assert [c["id"] for c in mine.json()["items"]] == [case.id]
    # Sent again at once (a double tap): the same case.
    again = rest(STAFF).post(
        f"{form.absolute_url()}/@skicka",
        json={"amne": "Lön", "fraga": "När betalas OB-tillägget ut?"},
    )
    assert again.json()["case"] == case.id
    assert len(cases_of(form)) == 1


def test_bad_answers_get_the_forms_swedish_messages_and_nothing_is_kept(
    forms_site,
):
    hr = forms_site["fraga-hr"]
    missing = rest(STAFF).post(f"{hr.absolute_url()}/@skicka", json={"amne": "Lön"})
    assert missing.status_code == 400
    assert missing.json()["error"]["errors"]["fraga"] == (
        "Du måste fylla i det här fältet."
    )
    unknown = rest(STAFF).post(
        f"{hr.absolute_url()}/@skicka", json={"fraga": "Hej", "lon": 1}
    )
    assert unknown.status_code == 400
    assert "lon" in unknown.json()["error"]["message"]
    personal = forms_site["andring-av-personuppgifter"]
    wrong = rest(STAFF).post(
        f"{personal.absolute_url()}/@skicka",
        json={"personnummer": "19850412-1235", "telefon": "123"},
    )
    assert wrong.status_code == 400
    errors = wrong.json()["error"]["errors"]
    assert "sista siffran" in errors["personnummer"]
    assert "telefonnummer" in errors["telefon"]
    exe = rest(STAFF).post(
        f"{hr.absolute_url()}/@skicka",
        json={
            "amne": "Lön",
            "fraga": "Se bilaga",
            "bilaga": {
                "filename": "program.exe",
                "data": base64.b64encode(b"MZ...").decode(),
            },
        },
    )
    assert exe.status_code == 400
    assert "EXE" in exe.json()["error"]["errors"]["bilaga"]
    assert cases_of(hr) == []
    assert cases_of(personal) == []


def test_an_attachment_over_rest(forms_site):
    form = forms_site["fraga-hr"]
    pdf = b"%PDF-1.4 intyg"
    sent = rest(STAFF).post(
        f"{form.absolute_url()}/@skicka",
        json={
            "amne": "Lön",
            "fraga": "Intyget bifogat",
            "bilaga": {
                "filename": "intyg.pdf",
                "content-type": "application/pdf",
                "data": base64.b64encode(pdf).decode(),
            },
        },
    )
    assert sent.status_code == 201, sent.text
    (case,) = cases_of(form)
    assert case.data["bilaga"].filename == "intyg.pdf"
    assert case.data["bilaga"].data == pdf


@pytest.fixture
def webbred(forms_site):
    from tests.fixtures.staff import create_staff

    create_staff({"webbred": ("webbredaktorer",)})
    transaction.commit()
    return "webbred"


def test_a_webbredaktor_edits_a_form_over_rest(forms_site, webbred):
    form = forms_site["forslag-och-ideer"]
    edited = rest(webbred).patch(
        api_url(form), json={"description": "Tipsa om det som gör jobbet bättre."}
    )
    assert edited.status_code == 204, edited.text
    read = rest(STAFF).get(api_url(form)).json()
    assert read["description"] == "Tipsa om det som gör jobbet bättre."
    refused = rest(STAFF).patch(api_url(form), json={"description": "Hackad"})
    assert refused.status_code in (401, 403)
    assert rest(STAFF).get(api_url(form)).json()["description"] != "Hackad"


def test_answers_of_the_wrong_kind_get_swedish_messages(forms_site):
    hr = forms_site["fraga-hr"]
    url = f"{hr.absolute_url()}/@skicka"
    cases = [
        ({"amne": {"x": 1}, "fraga": "?"}, "amne", "Välj ett av"),
        ({"amne": "Bananer", "fraga": "?"}, "amne", "Välj ett av"),
        ({"amne": "Lön", "fraga": ["x", "y"]}, "fraga", "som text"),
        ({"amne": "Lön", "fraga": "?", "epost": "inte-en-adress"}, "epost", "giltig"),
    ]
    for answers, question, words in cases:
        answer = rest(STAFF).post(url, json=answers)
        assert answer.status_code == 400, (answers, answer.text)
        assert words in answer.json()["error"]["errors"][question], answers
    personal = forms_site["andring-av-personuppgifter"]
    dated = rest(STAFF).post(
        f"{personal.absolute_url()}/@skicka", json={"start_date": 5}
    )
    assert dated.status_code == 400
    assert "ÅÅÅÅ-MM-DD" in dated.json()["error"]["errors"]["start_date"]
    assert cases_of(hr) == []
    assert cases_of(personal) == []
    # One-line questions are text inputs, longer ones text areas.
    questions = {
        q["name"]: q["input"] for q in rest(STAFF).get(api_url(hr)).json()["questions"]
    }
    assert questions["namn"] == "text"
    assert questions["fraga"] == "textarea"
