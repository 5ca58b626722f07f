"""The form editor (collective.easyform's @@fields and @@actions) with
Swedish titles: plone.schemaeditor titles its page, breadcrumb and heading
("Edit ${name}") with the traversal name, "fields" and "actions"."""

from collective.easyform.browser.actions import EasyFormActionsView
from collective.easyform.browser.fields import EasyFormFieldsView
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
