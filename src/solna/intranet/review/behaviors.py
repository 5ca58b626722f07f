"""Owner and next review date: rules, answers and unit pages are kept up to
date by someone, by a date (behaviour ``solna.review``)."""

from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from solna.intranet import _
from solna.intranet.validators import is_login
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IReviewable(model.Schema):
    model.fieldset(
        "upkeep",
        label=_("Upkeep"),
        fields=["responsible", "review_date"],
    )
    responsible = schema.TextLine(
        title=_("Responsible"),
        description=_(
            "Login name of the person who keeps this up to date; they get the "
            "review reminders. Empty: the author."
        ),
        required=False,
        constraint=is_login,
    )
    review_date = schema.Date(
        title=_("Next review"),
        description=_("When it is to be checked again."),
        required=False,
    )
