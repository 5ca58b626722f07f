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
IT gave a named vocabulary keeps it when an editor saves its settings.

The dialogue's "Valideringar" listed the validators by their ids
("isEmail", "isUSPhoneNumber"): they are titled in Swedish
(VALIDATOR_TITLES, collective.easyform domain), and those of no use in a
Swedish municipality's forms (US phone numbers, ZIP codes and social
security numbers, ASCII-only text, Unix names: US_OR_TECHNICAL) are offered
to IT alone; one a question already has stays listed."""

from collective.easyform.browser import fields as easyform_fields
from collective.easyform.browser.actions import EasyFormActionsView
from collective.easyform.browser.fields import EasyFormFieldsView
from collective.easyform.interfaces import IFieldValidator
from plone import api
from zope.component import getUtilitiesFor
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import copy


_ = MessageFactory("solna.intranet")
_easyform = MessageFactory("collective.easyform")

#: The validators' titles (Products.validation's, easyform's and ours in
#: forms/validators.py), by id.
VALIDATOR_TITLES = {
    "isEmail": _easyform("validator_isEmail", default="Email address"),
    "isURL": _easyform("validator_isURL", default="Web address (URL)"),
    "isInt": _easyform("validator_isInt", default="Whole number"),
    "isDecimal": _easyform("validator_isDecimal", default="Decimal number"),
    "isInternationalPhoneNumber": _easyform(
        "validator_isInternationalPhoneNumber",
        default="Phone number, international format",
    ),
    "isPersonnummer": _easyform(
        "validator_isPersonnummer", default="Swedish personal identity number"
    ),
    "isSwedishPhone": _easyform(
        "validator_isSwedishPhone", default="Swedish phone number"
    ),
    "isNotBeforeStartDate": _easyform(
        "validator_isNotBeforeStartDate", default="Not before the start date"
    ),
    "isAttachment": _easyform(
        "validator_isAttachment", default="Attachment (file type and size)"
    ),
    "inNumericRange": _easyform(
        "validator_inNumericRange", default="Number within a range"
    ),
    "isPrintable": _easyform(
        "validator_isPrintable", default="Only letters A-Z and digits"
    ),
    "isSSN": _easyform("validator_isSSN", default="US social security number"),
    "isUSPhoneNumber": _easyform(
        "validator_isUSPhoneNumber", default="US phone number"
    ),
    "isZipCode": _easyform("validator_isZipCode", default="US ZIP code"),
    "isMailto": _easyform("validator_isMailto", default="mailto: link"),
    "isUnixLikeName": _easyform("validator_isUnixLikeName", default="Unix user name"),
    "isValidEmail": _easyform(
        "validator_isValidEmail", default="Email address (the site's check)"
    ),
    "isCommaSeparatedEmails": _easyform(
        "validator_isCommaSeparatedEmails",
        default="Email addresses, separated by commas",
    ),
    "isChecked": _easyform("validator_isChecked", default="Must be ticked"),
    "isUnchecked": _easyform("validator_isUnchecked", default="Must not be ticked"),
    "isNotLinkSpam": _easyform(
        "validator_isNotLinkSpam", default="No links (protection against spam)"
    ),
}
#: Validators offered to IT (Manager) alone.
US_OR_TECHNICAL = frozenset(
    {
        "inNumericRange",
        "isPrintable",
        "isSSN",
        "isUSPhoneNumber",
        "isZipCode",
        "isMailto",
        "isUnixLikeName",
    }
)


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
        # "Valideringar" (easyform's IFieldExtender, in its group Avancerat).
        for fields in [self.fields, *(g.fields for g in getattr(self, "groups", ()))]:
            for name, form_field in fields.items():
                if name.split(".")[-1] == "validators":
                    form_field.field = field = copy.copy(form_field.field)
                    field.value_type = copy.copy(field.value_type)
                    field.value_type.vocabularyName = None
                    field.value_type.vocabulary = self.validators_vocabulary()

    def validators_vocabulary(self):
        """The validators by their Swedish titles, those of US_OR_TECHNICAL
        for IT only, unless the question has one."""
        chosen = set(getattr(self.getContent(), "validators", None) or ())
        everything = api.user.has_permission(NAME_VOCABULARIES, obj=api.portal.get())
        terms = []
        for name, _utility in getUtilitiesFor(IFieldValidator):
            if name in US_OR_TECHNICAL and not everything and name not in chosen:
                continue
            title = translate(VALIDATOR_TITLES.get(name, name), context=self.request)
            terms.append(SimpleTerm(name, name, title))
        return SimpleVocabulary(sorted(terms, key=lambda term: term.title))


class FieldEditView(easyform_fields.EditView):
    form = FieldEditForm
