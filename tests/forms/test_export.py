"""Export: a form's handlers download its cases as CSV (for Swedish Excel)
or XLSX, with the questions as column titles; an answer that looks like a
formula stays text; nobody else can export."""

from tests.fixtures.forms import FilledForm
from tests.fixtures.forms import STAFF
from tests.fixtures.http import browser

import csv
import io
import openpyxl


def submit_two(form):
    for question in ("När kommer lönerevisionen?", '=HYPERLINK("http://x")'):
        FilledForm(browser(STAFF), form.absolute_url()).submit(
            {"amne": "Lön", "fraga": question}
        )


def test_handlers_export_csv_and_xlsx(forms_site):
    form = forms_site["fraga-hr"]
    submit_two(form)
    url = f"{form.absolute_url()}/@@arenden-export"

    response = browser("hr.handlaggare").get(url, params={"format": "csv"})
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

    response = browser("hr.handlaggare").get(url, params={"format": "xlsx"})
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
        response = browser(login).get(url, allow_redirects=False)
        assert response.status_code in (302, 401, 403), login
        assert "lönerevisionen" not in response.text


CHOICES = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="val" type="zope.schema.Set">
      <title>Vad gäller det?</title>
      <value_type type="zope.schema.Choice">
        <values>
          <element>Semester</element>
          <element>Lön, pension</element>
          <element>Lön</element>
          <element>pension</element>
          <element>Sjuk; frånvaro</element>
        </values>
      </value_type>
    </field>
  </schema>
</model>"""


def test_several_answers_are_unambiguous_and_in_the_questions_order(forms_site):
    """Two different sets of answers never export as the same text."""
    from plone import api
    from solna.intranet.forms.cases import CaseStore
    from tests.fixtures.forms import published_form

    import transaction

    form = published_form(
        forms_site,
        "val",
        "Val",
        fields_model=CHOICES,
        handler_groups=["hr-handlaggare"],
    )
    store = CaseStore(form)
    store.add(STAFF, {"val": {"Lön, pension"}})
    store.add(STAFF, {"val": {"pension", "Lön"}})
    store.add(STAFF, {"val": {"Sjuk; frånvaro", "Semester"}})
    transaction.commit()
    url = f"{form.absolute_url()}/@@arenden-export"

    response = browser("hr.handlaggare").get(url, params={"format": "csv"})
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    cells = [row[5] for row in rows[1:]]
    assert cells == ["Lön, pension", "Lön; pension", 'Semester; "Sjuk; frånvaro"']
    assert len(set(cells)) == 3

    response = browser("hr.handlaggare").get(url, params={"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [row[5].value for row in sheet.iter_rows(min_row=2)] == cells

    rest = browser("hr.handlaggare").get(
        f"{form.absolute_url()}/@arenden", headers={"Accept": "application/json"}
    )
    assert [c["data"]["val"] for c in rest.json()["items"]] == [
        ["Lön, pension"],
        ["Lön", "pension"],
        ["Semester", "Sjuk; frånvaro"],
    ]
    assert api.content.get_state(form) == "published"
