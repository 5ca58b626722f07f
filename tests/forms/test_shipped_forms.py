"""The seven forms the profile ships: on a staff member's phone they ask
with the right inputs, know who is asking, refuse bad answers in Swedish,
store each submission as a case for that form's handlers only, and mail the
handlers and a receipt to the submitter (real SMTP server)."""

from plone import api
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.shipped import FORMS
from tests.fixtures.forms import errors
from tests.fixtures.forms import FilledForm
from tests.fixtures.forms import HANDLERS
from tests.fixtures.forms import STAFF
from tests.fixtures.http import browser
from tests.fixtures.mail import wait_for

import pytest


#: A valid submission of each form.
VALID = {
    "ledighetsansokan": {
        "typ": "Semester",
        "start_date": "2027-07-05",
        "end_date": "2027-07-30",
    },
    "tillbud-och-arbetsskada": {
        "telefon": "070-123 45 67",
        "typ": "Tillbud (ingen skadades)",
        "datum": "2026-11-27",
        "plats": "Gården, vid klätterställningen",
        "beskrivning": "En planka i klätterställningen hade lossnat.",
    },
    "andring-av-personuppgifter": {
        "personnummer": "19811218-9876",
        "adress": "Råsundavägen 1",
        "start_date": "2027-01-01",
    },
    "bestallning-av-it": {
        "vad": "Mobiltelefon",
        "beskrivning": "Ny mobil, den gamla har spruckit.",
        "chef_godkant": True,
    },
    "forslag-och-ideer": {
        "rubrik": "Gemensam bilpool för hemtjänsten",
        "forslag": "Boka bilar i en app i stället för på papperslista.",
    },
    "fraga-hr": {"amne": "Lön", "fraga": "När kommer lönerevisionen?"},
    "rapportera-tillganglighetsbrist": {
        "var": "Hitta kontakt",
        "beskrivning": "Sökknappen går inte att nå med tangentbordet.",
    },
}


def test_the_profile_ships_the_seven_forms(forms_site):
    assert [f.id for f in FORMS] == list(VALID)
    for shipped in FORMS:
        form = forms_site[shipped.id]
        assert form.Title() == shipped.title
        assert api.content.get_state(form) == "published"
        assert form.handler_groups == list(shipped.handlers)
        assert form.retention_days == shipped.retention_days


def test_a_form_asks_with_phone_inputs_and_knows_who_is_asking(forms_site):
    page = FilledForm(
        browser(STAFF), forms_site["tillbud-och-arbetsskada"].absolute_url()
    )
    assert page.value("namn") == "Olle Medarbetare"
    assert page.value("enhet") == "Solgläntans förskola"
    assert page.value("epost") == f"{STAFF}@solna.example"
    (phone,) = page.inputs("telefon")
    assert phone.get("type") == "tel"
    (email,) = page.inputs("epost")
    assert email.get("type") == "email"
    (date,) = page.inputs("datum")
    assert date.get("type") == "date"
    (attachment,) = page.inputs("bilaga")
    assert attachment.get("type") == "file"
    # Swedish on the page: the form's own words and easyform's.
    assert "Skicka" in page.page.text
    assert 'title="Krävs"' in page.page.text


@pytest.mark.parametrize("shipped", FORMS, ids=lambda f: f.id)
def test_each_form_stores_mails_and_shows_only_to_its_handlers(
    forms_site, smtp, shipped
):
    form = forms_site[shipped.id]
    url = form.absolute_url()
    page = FilledForm(browser(STAFF), url)
    answer = page.submit(VALID[shipped.id])
    assert answer.status_code == 200
    assert "Tack, vi har tagit emot det du skickade" in answer.text, errors(answer)

    # The handlers of this form are told; the submitter gets a receipt.
    handlers = [HANDLERS[group] for group in shipped.handlers]
    for login in handlers:
        assert wait_for(lambda login=login: smtp.to(f"{login}@solna.example"))
        (mail,) = smtp.to(f"{login}@solna.example")
        assert mail["Subject"] == f"Nytt ärende: {shipped.title}"
        body = mail.get_content()
        assert "Olle Medarbetare" in body
        assert f"{url}/@@arenden" in body
        # Only a link: the answers stay on the site.
        for value in VALID[shipped.id].values():
            if isinstance(value, str) and len(value) > 12:
                assert value not in body
    assert wait_for(lambda: smtp.to(f"{STAFF}@solna.example"))
    (receipt,) = smtp.to(f"{STAFF}@solna.example")
    assert receipt["Subject"] == f"Mottaget: {shipped.title}"
    assert "Mina ärenden" in receipt.get_content()
    others = set(HANDLERS.values()) - set(handlers)
    assert not [m for login in others for m in smtp.to(f"{login}@solna.example")]

    # Its handlers see the case over REST; nobody else does.
    json = {"Accept": "application/json"}
    for login in handlers:
        cases = browser(login).get(f"{url}/@arenden", headers=json).json()["items"]
        assert len(cases) == 1
        assert cases[0]["submitter"] == STAFF
        assert cases[0]["data"]["namn"] == "Olle Medarbetare"
    for login in [STAFF, "eva.medarbetare", *others]:
        assert browser(login).get(f"{url}/@arenden", headers=json).status_code == 401
        page = browser(login).get(f"{url}/@@arenden", allow_redirects=False)
        assert page.status_code in (302, 401, 403)
        export = browser(login).get(f"{url}/@@arenden-export", allow_redirects=False)
        assert export.status_code in (302, 401, 403)
        assert "Olle Medarbetare" not in page.text + export.text
    # And the submitter finds it in Mina ärenden.
    mine = browser(STAFF).get(
        f"{api.portal.get().absolute_url()}/@mina-arenden", headers=json
    )
    assert [c["form"] for c in mine.json()["items"]] == [shipped.title]


@pytest.mark.parametrize(
    ("form_id", "answers", "message", "kept"),
    [
        (
            "ledighetsansokan",
            {"typ": "Semester", "start_date": "2027-07-30", "end_date": "2027-07-05"},
            "Slutdatumet kan inte vara före startdatumet",
            'value="2027-07-30"',
        ),
        (
            "andring-av-personuppgifter",
            {
                "personnummer": "19811218-9877",
                "adress": "Råsundavägen 1",
                "start_date": "2027-01-01",
            },
            "Den sista siffran i personnumret stämmer inte",
            'value="Råsundavägen 1"',
        ),
        (
            "tillbud-och-arbetsskada",
            {**VALID["tillbud-och-arbetsskada"], "telefon": "12345"},
            "Ange ett svenskt telefonnummer",
            'value="Gården, vid klätterställningen"',
        ),
        (
            "bestallning-av-it",
            {**VALID["bestallning-av-it"], "chef_godkant": False},
            "Rutan måste vara ikryssad.",
            "Ny mobil, den gamla har spruckit.",
        ),
        (
            "fraga-hr",
            {"amne": "Lön", "fraga": ""},
            "Du måste fylla i det här fältet.",
            "Olle Medarbetare",
        ),
    ],
    ids=["end-before-start", "personnummer", "phone", "not-approved", "required"],
)
def test_bad_answers_are_refused_in_swedish_and_kept(
    forms_site, form_id, answers, message, kept
):
    form = forms_site[form_id]
    answer = FilledForm(browser(STAFF), form.absolute_url()).submit(answers)
    assert message in answer.text, errors(answer)
    assert kept in answer.text
    assert "Tack, vi har tagit emot" not in answer.text
    assert len(CaseStore(form)) == 0


def test_a_second_click_or_resent_post_stores_one_case(forms_site, smtp):
    form = forms_site["fraga-hr"]
    page = FilledForm(browser(STAFF), form.absolute_url())
    data = page.data(VALID["fraga-hr"])
    for _attempt in range(3):  # a double click, then the browser's "resend"
        assert page.session.post(page.url, data=data).ok
    form._p_jar.sync()
    assert len(CaseStore(form)) == 1
    assert wait_for(lambda: smtp.to(f"{STAFF}@solna.example"))
    assert len(smtp.to(f"{STAFF}@solna.example")) == 1
    # Another question is another case.
    page.submit({"amne": "Pension", "fraga": "Hur ser min pension ut?"})
    form._p_jar.sync()
    assert len(CaseStore(form)) == 2
