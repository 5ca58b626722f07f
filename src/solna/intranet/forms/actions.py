"""The easyform action "Spara som ärende": store the submission as a case,
tell the form's handlers and send the submitter a receipt."""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from collective.easyform.interfaces import IEasyFormForm
from html import escape
from plone import api
from plone.supermodel.exportimport import BaseHandler
from solna.intranet import _
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.handlers import handlers
from solna.intranet.mail import send
from solna.intranet.members import fullname
from zope.i18n import translate


#: The field of the shipped forms where the member may type an address.
TYPED_EMAIL = "epost"


def receipt_address(member):
    """Where the receipt and the news of a case go: the address of the
    member's account, the one the intranet knows is hers (README, "E-forms":
    not an address typed into the form, which could send a case's receipt
    to someone else). "" when the account has none."""
    return (member.getProperty("email", "") or "").strip() if member else ""


def receipt_note(form, member):
    """What the form page and REST say about the receipt, or None (no
    account address, or a form that does not save cases)."""
    address = receipt_address(member)
    if not address or not saves_cases(form):
        return None
    return _(
        "form_receipt_note",
        default="The receipt and news of your case go to the e-mail address of "
        "your account, ${address}.",
        mapping={"address": address},
    )


def note_at_the_address(event):
    """z3c.form's IAfterWidgetUpdateEvent: an e-form's E-post field (where
    the member may type another address) says where the receipt goes, as
    its help text, on the page (its input mode)."""
    widget = event.widget
    field = getattr(widget, "field", None)
    if getattr(field, "__name__", None) != TYPED_EMAIL:
        return
    if not IEasyFormForm.providedBy(getattr(widget, "form", None)):
        return
    if api.user.is_anonymous():
        return
    note = receipt_note(widget.form.context, api.user.get_current())
    if note is None:
        return
    own = getattr(field, "description", "") or ""
    said = escape(translate(note, context=widget.request))
    widget.description = f"{escape(own)} {said}".strip()


def saves_cases(form):
    return "SaveCase" in (getattr(form, "actions_model", "") or "")


def notify_received(form, submitter, typed=""):
    """Mail the handlers (a link, no answers: personal data stays on the
    site) and the submitter a receipt, to her account's address, saying so
    (and that the address she typed, when another, is for the handler);
    after the commit, as review mail."""
    portal_url = api.portal.get().absolute_url()
    address = receipt_address(submitter)
    typed = (typed or "").strip() if isinstance(typed, str) else ""
    mapping = {
        "form": form.Title(),
        "submitter": fullname(submitter.getId()),
        "url": f"{form.absolute_url()}/@@arenden",
        "mine": f"{portal_url}/@@mina-arenden",
        "address": address,
        "typed": typed,
    }
    send(
        [user for user in handlers(form) if user.getId() != submitter.getId()],
        _("mail_case_new_subject", default="New case: ${form}", mapping=mapping),
        _(
            "mail_case_new_body",
            default="${submitter} has sent in “${form}”.\n\n"
            "Read and handle it here:\n${url}",
            mapping=mapping,
        ),
    )
    if typed and typed.lower() != address.lower():
        body = _(
            "mail_case_receipt_body_typed",
            default="We have received your “${form}”. Its status is Received; "
            "you will get an e-mail when it changes.\n\n"
            "Follow it under Mina ärenden:\n${mine}\n\n"
            "This receipt goes to the e-mail address of your account, "
            "${address}, as all news of the case. The address you wrote in "
            "the form, ${typed}, is for the handler.",
            mapping=mapping,
        )
    else:
        body = _(
            "mail_case_receipt_body_to",
            default="We have received your “${form}”. Its status is Received; "
            "you will get an e-mail when it changes.\n\n"
            "Follow it under Mina ärenden:\n${mine}\n\n"
            "This receipt goes to the e-mail address of your account, "
            "${address}, as all news of the case.",
            mapping=mapping,
        )
    send(
        [submitter],
        _("mail_case_receipt_subject", default="Received: ${form}", mapping=mapping),
        body,
    )


class SaveCase(Action):
    """Saves the submission as a case the form's handlers handle and the
    submitter follows in Mina ärenden."""

    def onSuccess(self, fields, request):
        form = get_context(self)
        user = api.user.get_current()
        data = {name: value for name, value in fields.items() if value is not None}
        case, new = CaseStore(form).submit(user.getId(), data)
        request.set("solna.intranet.case", case.id)  # REST @skicka answers it
        if new:
            notify_received(form, user, data.get(TYPED_EMAIL, ""))


SaveCaseAction = ActionFactory(
    SaveCase,
    _("label_save_case_action", default="Save as case"),
    "collective.easyform.AddDataSavers",
)
SaveCaseHandler = BaseHandler(SaveCase)
