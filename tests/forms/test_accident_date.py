"""Issue 18, fourth trial, finding 13: Tillbud och arbetsskada refuses an
accident date after today, in Swedish, on the page and in REST, keeping
what was typed."""

from solna.intranet.dates import zone
from tests.fixtures.forms import errors
from tests.fixtures.forms import FilledForm
from tests.fixtures.forms import STAFF
from tests.fixtures.http import browser
from tests.fixtures.http import session as rest

import datetime


FUTURE = "Datumet kan inte vara i framtiden: skriv den dag det hände."


def answers(day):
    return {
        "telefon": "070-123 45 67",
        "typ": "Tillbud (ingen skadades)",
        "datum": day.isoformat(),
        "plats": "Gården, vid klätterställningen",
        "beskrivning": "En planka i klätterställningen hade lossnat.",
    }


def test_an_accident_in_the_future_is_refused_on_the_page(forms_site):
    url = forms_site["tillbud-och-arbetsskada"].absolute_url()
    today = datetime.datetime.now(zone()).date()
    page = FilledForm(browser(STAFF), url)
    answer = page.submit(answers(today + datetime.timedelta(days=1)))
    assert FUTURE in errors(answer)
    assert "Gården, vid klätterställningen" in answer.text  # kept
    done = FilledForm(browser(STAFF), url).submit(answers(today))
    assert "Tack, vi har tagit emot det du skickade" in done.text, errors(done)


def test_an_accident_in_the_future_is_refused_in_rest(forms_site):
    url = forms_site["tillbud-och-arbetsskada"].absolute_url()
    today = datetime.datetime.now(zone()).date()
    refused = rest(STAFF).post(
        f"{url}/@skicka", json=answers(today + datetime.timedelta(days=365))
    )
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"]["errors"]["datum"] == FUTURE
