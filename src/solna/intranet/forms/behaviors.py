"""How long a form keeps its cases (behaviour ``solna.retention``)."""

from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from solna.intranet import _
from zope import schema
from zope.interface import provider


DEFAULT_DAYS = 365


@provider(IFormFieldProvider)
class IRetention(model.Schema):
    model.fieldset("retention", label=_("Retention"), fields=["retention_days"])
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
