"""Who handles a form's cases (behaviour ``solna.handlers``) and how long the
form keeps them (behaviour ``solna.retention``), in one fieldset."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from solna.intranet import _
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import provider


DEFAULT_DAYS = 365
#: The group that handles a new form until the editor picks another.
DEFAULT_HANDLERS = "formularhandlaggare"


@provider(IFormFieldProvider)
class IHandlers(model.Schema):
    model.fieldset("handling", label=_("Handling"), fields=["handler_groups"])
    directives.write_permission(handler_groups="solna.intranet.AssignFormHandlers")
    # Check boxes, not z3c.form's ordered select (an inline script, which the
    # Content-Security-Policy does not allow).
    directives.widget("handler_groups", CheckBoxFieldWidget)
    handler_groups = schema.List(
        title=_("Handled by"),
        description=_(
            "The groups whose members read, handle and export this form's "
            "cases and are mailed when one arrives. Nobody else on the staff "
            "can see them."
        ),
        value_type=schema.Choice(vocabulary="plone.app.vocabularies.Groups"),
        required=True,
        min_length=1,
        default=[DEFAULT_HANDLERS],
    )


@provider(IFormFieldProvider)
class IRetention(model.Schema):
    model.fieldset("handling", label=_("Handling"), fields=["retention_days"])
    retention_days = schema.Int(
        title=_("Keep cases for (days)"),
        description=_(
            "Cases older than this are deleted with their attachments, as the "
            "GDPR requires. Ask the registrar (registrator) how long this kind "
            "of case must be kept."
        ),
        required=True,
        min=1,
        default=DEFAULT_DAYS,
    )
