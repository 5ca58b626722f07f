"""The easyform action "Spara som ärende": store the submission as a case,
tell the form's handlers and send the submitter a receipt."""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from plone import api
from plone.supermodel.exportimport import BaseHandler
from solna.intranet import _
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.handlers import handlers
from solna.intranet.mail import send
from solna.intranet.members import fullname


def notify_received(form, submitter):
    """Mail the handlers (a link, no answers: personal data stays on the
    site) and the submitter a receipt; after the commit, as review mail."""
    portal_url = api.portal.get().absolute_url()
    mapping = {
        "form": form.Title(),
        "submitter": fullname(submitter.getId()),
        "url": f"{form.absolute_url()}/@@arenden",
        "mine": f"{portal_url}/@@mina-arenden",
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
    send(
        [submitter],
        _("mail_case_receipt_subject", default="Received: ${form}", mapping=mapping),
        _(
            "mail_case_receipt_body",
            default="We have received your “${form}”. Its status is Received; "
            "you will get an e-mail when it changes.\n\n"
            "Follow it under Mina ärenden:\n${mine}",
            mapping=mapping,
        ),
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
            notify_received(form, user)


SaveCaseAction = ActionFactory(
    SaveCase,
    _("label_save_case_action", default="Save as case"),
    "collective.easyform.AddDataSavers",
)
SaveCaseHandler = BaseHandler(SaveCase)
