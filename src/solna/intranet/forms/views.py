"""Mina ärenden (staff: their own cases) and Ärenden (handlers: a form's
cases, with status and note)."""

from collective.easyform.api import get_schema
from plone import api
from plone.namedfile.interfaces import INamed
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.forms.cases import cases_of
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.cases import in_field_order
from solna.intranet.forms.cases import STATUSES
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import fullname
from solna.intranet.members import member
from solna.intranet.workflow.notifications import send
from zExceptions import NotFound
from zoneinfo import ZoneInfo
from zope.i18n import translate
from zope.interface import implementer

import datetime


NO_SUCH_CASE = _(
    "error_no_such_case",
    default="There is no such case, or no such status.",
)


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
    """Set a case's status and note; mail the submitter. Returns the case,
    or None if there is no such case or status."""
    case = CaseStore(form).get(case_id)
    if case is None or status not in STATUSES:
        return None
    actor = api.user.get_current()
    case.set_status(status, note, actor.getId())
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


@implementer(IToolPage)
class MyCasesView(BrowserView):
    """@@mina-arenden: the member's own cases and their status."""

    def cases(self):
        userid = api.user.get_current().getId()
        return [serialize(f, c, self.request) for f, c in cases_of(userid)]


@implementer(IToolPage)
class CasesView(BrowserView):
    """@@arenden on a form: its cases, for its handlers."""

    statuses = STATUSES

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and "form.buttons.save" in form:
            CheckAuthenticator(self.request)
            case = change_status(
                self.context,
                form.get("case", ""),
                form.get("status", ""),
                (form.get("note") or "").strip(),
            )
            if case is not None:
                api.portal.show_message(
                    _("The case is updated and the submitter notified."),
                    request=self.request,
                )
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@arenden"
            )
        return self.index()

    def cases(self):
        show_all = self.request.form.get("alla")
        store = CaseStore(self.context)
        cases = store.all() if show_all else store.open()
        return [serialize(self.context, c, self.request, full=True) for c in cases]

    def field_title(self, name):
        """The question as the form asks it, for a stored answer."""
        field = get_schema(self.context).get(name)
        return field.title if field is not None else name

    def size(self, size):
        """A file size as Swedish staff read it: "1,2 MB", "340 kB"."""
        if size >= 1024 * 1024:
            return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
        return f"{max(1, round(size / 1024))} kB"

    def status_title(self, status):
        return translate(STATUSES[status], context=self.request)

    submitter_name = staticmethod(fullname)


class AttachmentView(BrowserView):
    """@@arenden-bilaga?case=…&field=…: an attachment, for the form's
    handlers only (the view's permission); always as a download."""

    def __call__(self):
        case = CaseStore(self.context).get(self.request.form.get("case", ""))
        value = case.data.get(self.request.form.get("field", "")) if case else None
        if not INamed.providedBy(value):
            raise NotFound()
        set_headers(value, self.request.response, filename=value.filename)
        self.request.response.setHeader("X-Content-Type-Options", "nosniff")
        return stream_data(value)
