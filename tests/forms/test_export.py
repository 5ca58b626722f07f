"""Export: a form's handlers download its cases as CSV (for Swedish Excel)
or XLSX, with the questions as column titles; an answer that looks like a
formula stays text; nobody else can export."""

from tests.forms.conftest import FilledForm
from tests.forms.conftest import session
from tests.forms.conftest import STAFF

import csv
import io
import openpyxl


def submit_two(form):
    for question in ("När kommer lönerevisionen?", '=HYPERLINK("http://x")'):
        FilledForm(session(STAFF), form.absolute_url()).submit(
            {"amne": "Lön", "fraga": question}
        )


def test_handlers_export_csv_and_xlsx(forms_site):
    form = forms_site["fraga-hr"]
    submit_two(form)
    url = f"{form.absolute_url()}/@@arenden-export"

    response = session("hr.handlaggare").get(url, params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    head, *cases = rows
    assert head[:5] == ["Ärende", "Inskickat", "Inskickat av", "Status", "Anteckning"]
    assert head[5:] == ["Namn", "E-post", "Vad gäller frågan?", "Din fråga"]
    assert [c[8] for c in cases] == [
        "När kommer lönerevisionen?",
        '\'=HYPERLINK("http://x")',
    ]
    assert {c[2] for c in cases} == {STAFF}
    assert {c[3] for c in cases} == {"Mottagen"}

    response = session("hr.handlaggare").get(url, params={"format": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response.headers["Content-Type"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == head
    assert [row[8] for row in values[1:]] == [
        "När kommer lönerevisionen?",
        '=HYPERLINK("http://x")',
    ]
    # ... as text, not as a formula Excel would run.
    assert {sheet.cell(row=r, column=9).data_type for r in (2, 3)} == {"s"}


def test_nobody_else_exports(forms_site):
    form = forms_site["fraga-hr"]
    submit_two(form)
    url = f"{form.absolute_url()}/@@arenden-export?format=csv"
    for login in (STAFF, "eva.medarbetare", "it.handlaggare", "forslag.handlaggare"):
        response = session(login).get(url, allow_redirects=False)
        assert response.status_code in (302, 401, 403), login
        assert "lönerevisionen" not in response.text
