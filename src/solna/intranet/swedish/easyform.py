"""The form editor (collective.easyform's @@fields and @@actions) with
Swedish titles: plone.schemaeditor titles its page, breadcrumb and heading
("Edit ${name}") with the traversal name, "fields" and "actions".

A question's settings (…/fields/<name>/@@edit, the dialogue behind
"Inställningar…") offer a choice question's options typed one per line
and, in plone.schemaeditor, a "Vokabulärens namn": every vocabulary factory
of the site by its dotted name and English docstring
("plone.app.vocabularies.Keywords - Vocabulary factory listing…", about a
hundred). A form's REST API, its cases and their export read the options a
question holds, never a named vocabulary (forms/submission.py: such a
question would offer the app no choices and refuse every answer), so a
Webbredaktör has no use for it: the field is left out of the dialogue for
all but IT (Manager, "Manage portal"), who may still name one. A question
IT gave a named vocabulary keeps it when an editor saves its settings."""

from collective.easyform.browser import fields as easyform_fields
from collective.easyform.browser.actions import EasyFormActionsView
from collective.easyform.browser.fields import EasyFormFieldsView
from plone import api
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory


_ = MessageFactory("solna.intranet")


def _retitle(view, title):
    title = translate(title, context=view.request)
    view.Title = lambda: title
    # SchemaListing's heading: the context's label when it has one.
    view.label = title


class FieldsView(EasyFormFieldsView):
    def __init__(self, context, request):
        super().__init__(context, request)
        _retitle(self, _("easyform_fields_title", default="The form's fields"))


class ActionsView(EasyFormActionsView):
    def __init__(self, context, request):
        super().__init__(context, request)
        _retitle(
            self,
            _(
                "easyform_actions_title",
                default="What happens when the form is sent",
            ),
        )


#: Who may give a question a named vocabulary (see the module's docstring).
NAME_VOCABULARIES = "Manage portal"


class FieldEditForm(easyform_fields.FieldEditForm):
    """A question's settings without "Vokabulärens namn" for editors."""

    def updateFields(self):
        super().updateFields()
        if "vocabularyName" in self.fields and not api.user.has_permission(
            NAME_VOCABULARIES, obj=api.portal.get()
        ):
            self.fields = self.fields.omit("vocabularyName")


class FieldEditView(easyform_fields.EditView):
    form = FieldEditForm
