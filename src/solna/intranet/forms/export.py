"""Export a form's cases for its handlers: CSV (semicolons and a BOM, as
Swedish Excel opens it) or XLSX (openpyxl)."""

from collective.easyform.api import get_schema
from plone.namedfile.interfaces import INamed
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.cases import in_field_order
from solna.intranet.forms.cases import joined
from solna.intranet.forms.cases import STATUSES
from solna.intranet.forms.handling import local
from zope.i18n import translate
from zope.schema import getFieldsInOrder

import csv
import datetime
import io
import openpyxl
import re


FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: A cell starting with these is a formula to Excel: an answer must stay text.
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def text(value, field=None):
    """An answer as one cell's text (several answers: see cases.joined)."""
    if INamed.providedBy(value):
        return value.filename
    if isinstance(value, (list, tuple, set, frozenset)):
        return joined(in_field_order(field, value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return "" if value is None else str(value)


def table(form, request):
    """The header and one row per case, oldest first."""
    schema = get_schema(form)
    store = CaseStore(form)
    cases = store.all()
    ordered = [name for name, _field in getFieldsInOrder(schema)] if schema else []
    extra = sorted({n for c in cases for n in c.data} - set(ordered))
    columns = [n for n in ordered if any(n in c.data for c in cases)] + extra

    def title(name):
        field = schema.get(name) if schema is not None else None
        return translate(field.title, context=request) if field else name

    head = [
        translate(label, context=request)
        for label in (
            _("column_case", default="Case"),
            _("column_submitted", default="Submitted"),
            _("column_submitter", default="Submitted by"),
            _("column_status", default="Status"),
            _("column_note", default="Note"),
        )
    ] + [title(n) for n in columns]
    rows = [
        [
            case.id,
            local(case.created).strftime("%Y-%m-%d %H:%M"),
            case.submitter,
            translate(STATUSES[case.status], context=request),
            case.note,
        ]
        + [text(case.data.get(n), schema.get(n) if schema else None) for n in columns]
        for case in cases
    ]
    return head, rows


def safe(cell):
    """Keep Excel from reading an answer as a formula (CSV injection)."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA) else cell


class ExportView(BrowserView):
    """@@arenden-export?format=csv|xlsx (permission: Handle cases)."""

    def __call__(self):
        kind = self.request.form.get("format", "csv")
        if kind not in FORMATS:
            kind = "csv"
        head, rows = table(self.context, self.request)
        if kind == "csv":
            out = io.StringIO()
            writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
            writer.writerow(head)
            writer.writerows([safe(c) for c in row] for row in rows)
            body = ("\ufeff" + out.getvalue()).encode("utf-8")
        else:
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.title = translate(_("Cases"), context=self.request)[:31]
            sheet.append(head)
            for row in rows:
                sheet.append(row)
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # never a formula
            out = io.BytesIO()
            book.save(out)
            body = out.getvalue()
        name = re.sub(r"[^a-z0-9-]+", "-", self.context.getId().lower())
        today = datetime.date.today().isoformat()
        response = self.request.response
        response.setHeader("Content-Type", FORMATS[kind])
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="arenden-{name}-{today}.{kind}"',
        )
        response.setHeader("Cache-Control", "private, no-store")
        return body
