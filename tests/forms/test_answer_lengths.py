"""How long an answer may be (issue 18's trial sent Fråga HR a
605-character name and a 24,406-character question): a line at most 200
characters, a text area at most 10,000, or the question's own maximum; a
longer answer is refused in Swedish under its question, on the page and
over REST, with everything typed kept and no case made."""

from lxml import html
from solna.intranet.forms.cases import CaseStore
from tests.fixtures.forms import FilledForm
from tests.fixtures.forms import published_form
from tests.fixtures.forms import STAFF
from tests.fixtures.http import browser
from tests.fixtures.http import session as rest

import pytest
import transaction


QUESTION = "Stämmer OB-tillägget på lönebeskedet?"


def message_at(answer, name):
    """The messages shown at the question ``name`` of the page answered."""
    tree = html.fromstring(answer.text)
    return [
        " ".join(e.text_content().split())
        for e in tree.xpath(
            f'//div[@id="formfield-form-widgets-{name}"]'
            '//*[contains(@class, "invalid-feedback")]'
        )
    ]


def typed(answer, name):
    """What the page answered holds in the question ``name``'s field."""
    tree = html.fromstring(answer.text)
    (element,) = tree.xpath(f'//*[@name="form.widgets.{name}"]')
    return element.text if element.tag == "textarea" else element.get("value")


def cases(form):
    transaction.begin()
    return CaseStore(form).all()


@pytest.mark.parametrize(
    ("answers", "name", "message"),
    [
        (
            {"namn": "Olle " + "M" * 600, "fraga": QUESTION},
            "namn",
            "Svaret är för långt: 605 tecken, högst 200 kan skickas.",
        ),
        (
            {"fraga": QUESTION + " " + "x" * 10_000},
            "fraga",
            # (10\u00a0038 with a no-break space, shown as a space)
            "Svaret är för långt: 10 038 tecken, högst 10 000 kan skickas.",
        ),
    ],
    ids=["line", "text-area"],
)
def test_an_over_long_answer_is_refused_and_everything_is_kept(
    forms_site, answers, name, message
):
    form = forms_site["fraga-hr"]
    answer = FilledForm(browser(STAFF), form.absolute_url()).submit(
        {"amne": "Lön", **answers}
    )
    assert answer.status_code == 200
    shown = message_at(answer, name)
    assert shown == [
        f"{message} Allt du skrivit finns kvar: korta det och skicka igen."
    ], shown
    assert "Tack, vi har tagit emot" not in answer.text
    # Nothing typed is lost: the long answer and the others are in their
    # fields as they were sent.
    for question, value in answers.items():
        assert typed(answer, question) == value, question
    assert typed(answer, "epost") == f"{STAFF}@solna.example"
    tree = html.fromstring(answer.text)
    (chosen,) = tree.xpath('//select[@name="form.widgets.amne:list"]/option[@selected]')
    assert chosen.text_content().strip() == "Lön"
    assert cases(form) == []


def test_an_answer_of_the_longest_length_is_taken(forms_site):
    """10,000 characters, line breaks counted once each (a browser sends
    CR LF)."""
    form = forms_site["fraga-hr"]
    text = "Rad ett.\r\n" * 1000 + "x" * 1000  # 11,000 sent, 10,000 counted
    answer = FilledForm(browser(STAFF), form.absolute_url()).submit(
        {"amne": "Lön", "fraga": text}
    )
    assert "Tack, vi har tagit emot" in answer.text, message_at(answer, "fraga")
    (case,) = cases(form)
    assert len(case.data["fraga"].replace("\r\n", "\n")) == 10_000


FIELDS_WITH_OWN_MAXIMUM = """<?xml version="1.0" encoding="utf-8"?>
<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="registreringsnummer" type="zope.schema.TextLine">
      <title>Registreringsnummer</title>
      <max_length>7</max_length>
    </field>
    <field name="beskrivning" type="zope.schema.Text">
      <required>False</required>
      <title>Beskrivning</title>
    </field>
  </schema>
</model>
"""


def test_a_questions_own_maximum_is_the_limit(forms_site):
    form = published_form(
        forms_site,
        "parkering",
        "Parkeringstillstånd",
        fields_model=FIELDS_WITH_OWN_MAXIMUM,
    )
    transaction.commit()
    answer = FilledForm(browser(STAFF), form.absolute_url()).submit(
        {"registreringsnummer": "ABC 123 X", "beskrivning": "Min bil."}
    )
    assert message_at(answer, "registreringsnummer") == [
        "Svaret är för långt: 9 tecken, högst 7 kan skickas. Allt du skrivit "
        "finns kvar: korta det och skicka igen."
    ]
    assert typed(answer, "registreringsnummer") == "ABC 123 X"
    assert typed(answer, "beskrivning") == "Min bil."
    questions = rest(STAFF).get(form.absolute_url()).json()["questions"]
    assert {q["name"]: q["max_length"] for q in questions} == {
        "registreringsnummer": 7,
        "beskrivning": 10_000,
    }


def test_rest_refuses_an_over_long_answer_with_the_same_message(forms_site):
    form = forms_site["fraga-hr"]
    questions = rest(STAFF).get(form.absolute_url()).json()["questions"]
    limits = {q["name"]: q.get("max_length") for q in questions}
    assert limits == {
        "namn": 200,
        "epost": 200,
        "amne": None,
        "fraga": 10_000,
        "bilaga": None,
    }
    sent = rest(STAFF).post(
        f"{form.absolute_url()}/@skicka",
        json={"amne": "Lön", "fraga": "x" * 24_406},
    )
    assert sent.status_code == 400, sent.text
    assert sent.json()["error"]["errors"] == {
        "fraga": "Svaret är för långt: 24\u00a0406 tecken, högst 10\u00a0000 kan "
        "skickas. Allt du skrivit finns kvar: korta det och skicka igen."
    }
    assert cases(form) == []


def test_a_handlers_over_long_note_is_refused_and_kept(forms_site):
    """The handler's "Anteckning till den som skickade" (20,000 characters
    in the trial, shown whole in Mina ärenden) is a text area too: refused
    in Swedish under it, as typed, on the page and over REST; the case is
    unchanged."""
    form = forms_site["fraga-hr"]
    sent = rest(STAFF).post(
        f"{form.absolute_url()}/@skicka", json={"amne": "Lön", "fraga": QUESTION}
    )
    assert sent.status_code == 201, sent.text
    case_id = sent.json()["case"]
    handler = browser("hr.handlaggare")
    url = f"{form.absolute_url()}/@@arenden"
    page = html.fromstring(handler.get(url).text)
    (edit,) = page.xpath(f'//form[.//input[@name="case"][@value="{case_id}"]]')
    data = dict(edit.form_values())
    note = "Se avtalet. " * 1_700  # 20,400 characters
    data.update({"status": "klar", "note": note, "form.buttons.save": "1"})
    answer = handler.post(url, data=data)
    assert answer.status_code == 200
    tree = html.fromstring(answer.text)
    (textarea,) = tree.xpath(f'//textarea[@id="note-{case_id}"]')
    assert textarea.text == note.strip()
    assert textarea.get("aria-invalid") == "true"
    (message,) = tree.xpath(f'//*[@id="{textarea.get("aria-describedby")}"]')
    assert " ".join(message.text_content().split()) == (
        "Anteckningen är för lång: 20 399 tecken, högst 10 000 kan sparas. Allt "
        "du skrivit finns kvar: korta den och spara igen."
    )
    (chosen,) = tree.xpath(f'//select[@id="status-{case_id}"]/option[@selected]/@value')
    assert chosen == "klar"
    refused = rest("hr.handlaggare").post(
        f"{form.absolute_url()}/@arenden",
        json={"id": case_id, "status": "klar", "note": note},
    )
    assert refused.status_code == 400
    assert "högst 10\u00a0000" in refused.json()["error"]["message"]
    (case,) = cases(form)
    assert (case.status, case.note) != ("klar", note.strip())
    assert not case.note


def test_a_long_address_prefilled_is_no_over_long_answer(forms_site):
    """Rapportera tillgänglighetsbrist fills in the page the member came
    from: a search with its filters is longer than a line may be, so the
    address comes without its query, and the report is taken."""
    form = forms_site["rapportera-tillganglighetsbrist"]
    portal_url = form.absolute_url().rsplit("/blanketter/", 1)[0]
    came_from = f"{portal_url}/@@search?SearchableText=" + "semester+" * 40
    session = browser(STAFF)
    session.headers["Referer"] = came_from
    page = FilledForm(session, form.absolute_url())
    assert page.value("var") == f"{portal_url}/@@search"
    session.headers["Referer"] = f"{portal_url}/@@search?SearchableText=lön"
    short = FilledForm(session, form.absolute_url())
    assert short.value("var") == f"{portal_url}/@@search?SearchableText=lön"
