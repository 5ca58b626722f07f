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
from solna.intranet.dates import display_date
from solna.intranet.dates import typed
from solna.intranet.forms.cases import cases_of
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.cases import STATUSES
from solna.intranet.forms.handling import change_status
from solna.intranet.forms.handling import note_error
from solna.intranet.forms.handling import serialize
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import fullname
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer

import datetime


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
        self.refused = {}
        if self.request.method == "POST" and "form.buttons.save" in form:
            CheckAuthenticator(self.request)
            note = (form.get("note") or "").strip()
            if refused := note_error(note):
                # The page again, the note as typed under its message.
                self.refused = {
                    "case": form.get("case", ""),
                    "note": note,
                    "message": refused,
                    "status": form.get("status", ""),
                }
                return self.index()
            case = change_status(
                self.context,
                form.get("case", ""),
                form.get("status", ""),
                note,
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
        """The cases shown (open ones, or all with ``?alla=1``), as
        ``serialize`` makes them for handlers, each with ``shown``: {field
        name: the answer as the page shows it} for answers that read
        differently from ``data`` (a date: "5 juli 2027", not REST's ISO
        "2027-07-05"; dates.py)."""
        show_all = self.request.form.get("alla")
        store = CaseStore(self.context)
        cases = store.all() if show_all else store.open()
        found = []
        for case in cases:
            data = serialize(self.context, case, self.request, full=True)
            data["shown"] = {
                name: display_date(value, self.request)
                for name, value in case.data.items()
                if isinstance(value, datetime.date)
                and not isinstance(value, datetime.datetime)
            }
            # A date-time typed in a form is local time (dates.typed).
            data["shown"].update(
                (name, display(typed(value), self.request))
                for name, value in case.data.items()
                if isinstance(value, datetime.datetime)
            )
            found.append(data)
        return found

    def typed(self, case):
        """What the handler sent for ``case`` when it was refused: {"note",
        "message", "status"}, or None."""
        refused = getattr(self, "refused", None) or {}
        return refused if refused.get("case") == case["id"] else None

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
