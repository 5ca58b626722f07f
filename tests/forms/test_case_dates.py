"""Issue 18: Ärenden showed a leave application's dates as "2027-07-05",
beside "1 dec. 2026 kl. 11.32" for when it came: the page shows them as
staff read dates (dates.py), REST keeps ISO 8601 for programs."""

from lxml import html
from solna.intranet.dates import display_date
from solna.intranet.forms.cases import CaseStore
from tests.fixtures.forms import HANDLERS
from tests.fixtures.forms import STAFF
from tests.fixtures.http import browser

import datetime
import transaction


def test_a_leave_applications_dates_read_as_dates(forms_site):
    form = forms_site["ledighetsansokan"]
    CaseStore(form).submit(
        STAFF,
        {
            "namn": "Olle Medarbetare",
            "typ": "Semester",
            "start_date": datetime.date(2027, 7, 5),
            "end_date": datetime.date(2027, 7, 30),
        },
    )
    transaction.commit()
    handler = browser(HANDLERS["hr-handlaggare"])
    page = html.fromstring(handler.get(f"{form.absolute_url()}/@@arenden").text)
    (case,) = page.cssselect(".solna-case")
    shown = " ".join(case.text_content().split())
    assert "5 juli 2027" in shown
    assert "30 juli 2027" in shown
    assert display_date(datetime.date(2027, 7, 5), language="sv") == "5 juli 2027"
    assert "2027-07-05" not in shown
    # When it came: the same date, with "kl.", as everywhere.
    assert " kl. " in case.cssselect("p.small")[0].text_content()

    rest = handler.get(
        f"{form.absolute_url()}/@arenden", headers={"Accept": "application/json"}
    ).json()
    assert rest["items"][0]["data"]["start_date"] == "2027-07-05"
