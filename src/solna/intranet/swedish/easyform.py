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
A file question's settings, as zope.schema's object fields', also offered
"the Interface that defines the Fields comprising the Object" and "Validate
Invariants" (``schema.validateInvariants``): also for IT alone (IT_ONLY).

The dialogue's "Valideringar" listed the validators by their ids
("isEmail", "isUSPhoneNumber"): they are titled in Swedish
(VALIDATOR_TITLES, collective.easyform domain), and those of no use in a
Swedish municipality's forms (US phone numbers, ZIP codes and social
security numbers, ASCII-only text, Unix names: US_OR_TECHNICAL) are offered
to IT alone; one a question already has stays listed.

Its "Visas som" (which widget shows the question) listed the widgets by
their class names, each twice ("TextFieldWidget" of z3c.form and of
plone.app.z3cform): they are titled in Swedish (WIDGET_TITLES), each kind
once, the one Plone's forms use (the widget registered for the most
specific browser layer the request has). Widgets without a title are
offered to IT alone; the one a question already has stays listed. Our
phone number widget (forms/widgets.py, not registered for any field) is
offered for text lines."""

from collective.easyform.browser import fields as easyform_fields
from collective.easyform.browser.actions import EasyFormActionsView
from collective.easyform.browser.fields import EasyFormFieldsView
from collective.easyform.interfaces import IFieldValidator
from collective.easyform.interfaces.fields import WidgetVocabulary
from plone import api
from plone.autoform.interfaces import WIDGETS_KEY
from plone.schema.email import IEmail
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import IFieldWidget
from zope.component import getGlobalSiteManager
from zope.component import getUtilitiesFor
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory
from zope.schema.interfaces import ITextLine
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
    "isNotInFuture": _easyform("validator_isNotInFuture", default="Not after today"),
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


#: The widgets of "Visas som", titled by their factories' names: the same
#: kind of widget from z3c.form, plone.app.z3cform and plone.schema shares
#: a title and is offered once.
_text = _easyform("widget_text", default="Text line")
_textarea = _easyform("widget_textarea", default="Text box, several lines")
_email = _easyform("widget_email", default="Email address")
_url = _easyform("widget_url", default="Web address")
_select = _easyform("widget_select", default="Drop-down list (choose one)")
_file = _easyform("widget_file", default="File upload")
_content = _easyform("widget_content", default="Content on the intranet")
_checkbox = _easyform("widget_single_checkbox", default="One checkbox")
_multi = _easyform("widget_multi", default="Several values")
_rich = _easyform("widget_richtext", default="Formatted text (text editor)")
_ordered = _easyform("widget_ordered_select", default="Ordered list (choose several)")
WIDGET_TITLES = {
    "TextFieldWidget": _text,
    "TextAreaFieldWidget": _textarea,
    "TextLinesFieldWidget": _easyform("widget_textlines", default="One value per line"),
    "PasswordFieldWidget": _easyform("widget_password", default="Password (hidden)"),
    "EmailFieldWidget": _email,
    "URIFieldWidget": _url,
    "UriFieldWidget": _url,
    "TelFieldWidget": _easyform("widget_tel", default="Phone number"),
    "DateFieldWidget": _easyform("widget_date", default="Date"),
    "DatetimeFieldWidget": _easyform("widget_datetime", default="Date and time"),
    "TimeFieldWidget": _easyform("widget_time", default="Time"),
    "RadioFieldWidget": _easyform("widget_radio", default="Radio buttons (choose one)"),
    "CheckBoxFieldWidget": _easyform(
        "widget_checkbox", default="Checkboxes (choose several)"
    ),
    "SingleCheckBoxFieldWidget": _checkbox,
    "SingleCheckBoxBoolFieldWidget": _checkbox,
    "ChoiceWidgetDispatcher": _select,
    "SelectFieldWidget": _select,
    "CollectionSelectFieldWidget": _easyform(
        "widget_select_several", default="List (choose several)"
    ),
    "SequenceSelectFieldWidget": _ordered,
    "OrderedSelectFieldWidget": _ordered,
    "AjaxSelectFieldWidget": _easyform("widget_ajax_select", default="Searchable list"),
    "FileFieldWidget": _file,
    "NamedFileFieldWidget": _file,
    "NamedImageFieldWidget": _easyform("widget_image", default="Image upload"),
    "RichTextFieldWidget": _rich,
    "LabelFieldWidget": _easyform("widget_label", default="Text only (no answer)"),
    "RichLabelFieldWidget": _easyform(
        "widget_richlabel", default="Formatted text only (no answer)"
    ),
    "LikertFieldWidget": _easyform("widget_likert", default="Scale (Likert)"),
    "ContentBrowserFieldWidget": _content,
    "RelatedItemsFieldWidget": _content,
    "RecurrenceFieldWidget": _easyform("widget_recurrence", default="Recurrence"),
    "multiFieldWidgetFactory": _multi,
    "MultiFieldWidget": _multi,
}
#: Our phone number widget, offered for text lines.
TEL_WIDGET = "solna.intranet.forms.widgets.TelFieldWidget"


def widget_registrations():
    """The field widgets registered in the component registry and the
    registries below it (a test layer's stacks one on the other): each
    (field's interface, browser layer, factory)."""
    seen = set()
    registries = [getGlobalSiteManager()]
    while registries:
        registry = registries.pop(0)
        if id(registry) in seen:
            continue
        seen.add(id(registry))
        for registration in registry.registeredAdapters():
            if (
                registration.provided is IFieldWidget
                and len(registration.required) == 2
            ):
                yield (*registration.required, registration.factory)
        registries.extend(getattr(registry, "__bases__", ()))


def _dotted(factory):
    return f"{factory.__module__}.{factory.__name__}"


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
#: A question's settings for IT alone: the named vocabulary, and a file or
#: image question's "schema" and "validate_invariants" (plone.namedfile's
#: INamedFileField extends zope.schema's IObject, whose settings name the
#: interface of the object stored and whether
#: ``schema.validateInvariants`` is called: nothing a Webbredaktör sets).
IT_ONLY = ("vocabularyName", "schema", "validate_invariants")


class FieldEditForm(easyform_fields.FieldEditForm):
    """A question's settings without "Vokabulärens namn" and a file
    question's object settings for editors (IT_ONLY)."""

    def updateFields(self):
        super().updateFields()
        if not api.user.has_permission(NAME_VOCABULARIES, obj=api.portal.get()):
            hidden = [name for name in IT_ONLY if name in self.fields]
            if hidden:
                self.fields = self.fields.omit(*hidden)
        # "Valideringar" and "Visas som" (easyform's IFieldExtender, in its
        # group Avancerat).
        for fields in [self.fields, *(g.fields for g in getattr(self, "groups", ()))]:
            for name, form_field in fields.items():
                if name.split(".")[-1] == "validators":
                    form_field.field = field = copy.copy(form_field.field)
                    field.value_type = copy.copy(field.value_type)
                    field.value_type.vocabularyName = None
                    field.value_type.vocabulary = self.validators_vocabulary()
                elif name.split(".")[-1] == "field_widget":
                    form_field.field = field = copy.copy(form_field.field)
                    field.vocabularyName = None
                    field.vocabulary = self.widgets_vocabulary()

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

    def chosen_widget(self):
        """The dotted name of the widget the question has, or None."""
        field = self.context.field
        hints = (
            field.interface.queryTaggedValue(WIDGETS_KEY, {}) if field.interface else {}
        )
        chosen = hints.get(field.__name__)
        if chosen is None or isinstance(chosen, str):
            return chosen
        factory = getattr(chosen, "widget_factory", None)
        return factory and _dotted(factory)

    def widgets_vocabulary(self):
        """The widgets that can show the question, by their Swedish titles,
        each kind once (see the module's docstring)."""
        field = self.context.field
        chosen = self.chosen_widget()
        everything = api.user.has_permission(NAME_VOCABULARIES, obj=api.portal.get())
        best = {}  # a title's message id (or an untitled dotted name): (rank, dotted)
        for required, layer, factory in widget_registrations():
            if not required.providedBy(field):
                continue
            dotted = _dotted(factory)
            message = WIDGET_TITLES.get(factory.__name__)
            if message is None and not everything and dotted != chosen:
                continue
            key = str(message) if message is not None else dotted
            rank = (
                dotted == chosen,
                layer.providedBy(self.request),
                len(getattr(layer, "__iro__", ())),
            )
            if key not in best or rank > best[key][0]:
                best[key] = (rank, dotted)
        dotted_names = [dotted for _rank, dotted in best.values()]
        if ITextLine.providedBy(field) and not IEmail.providedBy(field):
            dotted_names.append(TEL_WIDGET)
        if chosen and chosen not in dotted_names:
            dotted_names.append(chosen)
        terms = []
        for dotted in dict.fromkeys(dotted_names):
            name = dotted.rsplit(".", 1)[-1]
            title = translate(WIDGET_TITLES.get(name, name), context=self.request)
            terms.append(SimpleTerm(dotted, dotted, title))
        return WidgetVocabulary(sorted(terms, key=lambda term: term.title))


class FieldEditView(easyform_fields.EditView):
    """A question's settings. The form editor opens them in a modal, from a
    bare page made for that (no head, no title, ``lang="en"``); opened as a
    page (a long press, a new tab, no JavaScript) that was an unstyled page
    with an empty ``<title>``. This template draws the form in the site's
    page (main_template; in the modal, with ``ajax_load``, Plone's ajax
    template, whose ``#content`` the modal shows, as before)."""

    form = FieldEditForm
    index = ViewPageTemplateFile("templates/field_edit.pt")
