"""Ärendehantering: a case as the pages and REST show it, and a handler's
change of its status (which mails the submitter). Shared by Mina ärenden,
Ärenden, their REST services and the CSV export."""

from collective.easyform.api import get_schema
from plone import api
from plone.namedfile.interfaces import INamed
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.cases import in_field_order
from solna.intranet.forms.cases import STATUSES
from solna.intranet.forms.events import CaseStatusChanged
from solna.intranet.forms.validators import answer_length
from solna.intranet.forms.validators import MAX_TEXT
from solna.intranet.forms.validators import number
from solna.intranet.mail import send
from solna.intranet.members import member
from zoneinfo import ZoneInfo
from zope.event import notify
from zope.i18n import translate
from zope.i18nmessageid import Message

import datetime


NO_SUCH_CASE = _(
    "error_no_such_case",
    default="There is no such case, or no such status.",
)


NOTE_TOO_LONG = _(
    "error_note_too_long",
    default="The note is too long: ${length} characters, at most ${max} can be "
    "saved. Everything you wrote is kept: shorten it and save again.",
)


def note_error(note):
    """Why a handler's note cannot be saved (longer than an e-form's text
    area may be, forms/validators.py), or None."""
    length = answer_length(note or "")
    if length <= MAX_TEXT:
        return None
    mapping = {"length": number(length), "max": number(MAX_TEXT)}
    return Message(NOTE_TOO_LONG, mapping=mapping)


def local(moment):
    """A stored UTC time in the site's time zone (Europe/Stockholm)."""
    zone = api.portal.get_registry_record("plone.portal_timezone") or "UTC"
    return moment.astimezone(ZoneInfo(zone))


def attachment_url(form, case, name):
    return f"{form.absolute_url()}/@@arenden-bilaga?case={case.id}&field={name}"


def answer(form, case, name, value, field=None):
    """An answer as text; several answers as a list in the question's own
    order; an attachment as its name, size and the address its handlers
    download it from."""
    if INamed.providedBy(value):
        return {
            "filename": value.filename,
            "size": value.getSize(),
            "content-type": value.contentType,
            "download": attachment_url(form, case, name),
        }
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in in_field_order(field, value)]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def serialize(form, case, request, full=False):
    """A case as Mina ärenden, Ärenden and REST show it: {"id", "form": the
    form's title, "form_url", "created": ISO 8601, "created_display":
    Swedish, "status": a key of cases.STATUSES, "status_title": translated,
    "note": the handler's note}; with ``full`` (for the form's handlers) also
    "submitter" (login) and "data": {field name: answer(...)}."""
    data = {
        "id": case.id,
        "form": form.Title(),
        "form_url": form.absolute_url(),
        "created": iso(case.created),
        "created_display": display(case.created, request),
        "status": case.status,
        "status_title": translate(STATUSES[case.status], context=request),
        "note": case.note,
    }
    if full:
        data["submitter"] = case.submitter
        schema = get_schema(form)
        data["data"] = {
            name: answer(form, case, name, value, schema.get(name))
            for name, value in case.data.items()
        }
    return data


def change_status(form, case_id, status, note):
    """Set the status (a key of cases.STATUSES) and the handler's note of the
    case ``case_id`` of ``form``, and mail the submitter (unless the handler
    is the submitter) after the commit. Returns the case, or None if there
    is no such case or status (nothing is changed then)."""
    case = CaseStore(form).get(case_id)
    if case is None or status not in STATUSES:
        return None
    actor = api.user.get_current()
    case.set_status(status, note, actor.getId())
    notify(CaseStatusChanged(form, case, status))
    submitter = member(case.submitter)
    if submitter is not None and submitter.getId() != actor.getId():
        mapping = {
            "form": form.Title(),
            "status": STATUSES[status],
            "note": note or "–",
            "url": f"{api.portal.get().absolute_url()}/@@mina-arenden",
        }
        send(
            [submitter],
            _(
                "mail_case_status_subject",
                default="Your case: ${form}",
                mapping=mapping,
            ),
            _(
                "mail_case_status_body",
                default="Your case “${form}” is now: ${status}.\n\nNote from "
                "the handler: ${note}\n\nAll your cases: ${url}",
                mapping=mapping,
            ),
        )
    return case
