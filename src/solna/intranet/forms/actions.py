"""The easyform action "Spara som ärende": store the submission as a case."""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from plone import api
from plone.supermodel.exportimport import BaseHandler
from solna.intranet import _
from solna.intranet.forms.cases import CaseStore


class SaveCase(Action):
    """Saves the submission as a case the form's handlers handle and the
    submitter follows in Mina ärenden."""

    def onSuccess(self, fields, request):
        form = get_context(self)
        user = api.user.get_current()
        data = {name: value for name, value in fields.items() if value is not None}
        CaseStore(form).add(user.getId(), data)


SaveCaseAction = ActionFactory(
    SaveCase,
    _("label_save_case_action", default="Save as case"),
    "collective.easyform.AddDataSavers",
)
SaveCaseHandler = BaseHandler(SaveCase)
