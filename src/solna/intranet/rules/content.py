"""Regel (HR rule) and Fråga och svar (answer on employment terms)."""

from Acquisition import aq_base
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from solna.intranet import _
from solna.intranet.dates import zone
from solna.intranet.review.behaviors import IReviewable
from solna.intranet.validators import TooLong
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

import datetime


#: Lagrum is a reference ("AB § 27", "Semesterlagen 12 §"), not a text: at
#: most this many characters (issue 18, fourth trial: 540 were taken).
LEGAL_BASIS_MAX = 200


class LegalBasisTooLong(TooLong):
    __doc__ = _(
        "error_legal_basis_too_long",
        default="The legal basis can be at most ${max} characters; this one is "
        "${length}. Write the reference (for example AB § 27) and put the "
        "explanation in the text.",
    )
    MAX = LEGAL_BASIS_MAX


def legal_basis_length(value):
    """A field constraint: the edit form and REST both give the message."""
    if value and len(value) > LEGAL_BASIS_MAX:
        raise LegalBasisTooLong(value)
    return True


def _saved(obj, name):
    """The value of ``name`` as last saved (committed) on ``obj``, or None
    for an item not saved yet. plone.restapi sets the values it is sent
    before it checks the invariants: what the item holds then may be
    what was just sent."""
    obj = aq_base(obj)
    jar = getattr(obj, "_p_jar", None)
    if jar is None or getattr(obj, "_p_oid", None) is None:
        return None
    if not obj._p_changed:
        return getattr(obj, name, None)
    try:
        state = jar.oldstate(obj, obj._p_serial)
    except Exception:  # no earlier state (saved in this transaction)
        return None
    return state.get(name) if isinstance(state, dict) else None


REVIEW_IN_PAST = _(
    "error_review_date_not_future",
    default="The next review must be a date after today. Everything else you "
    "wrote is kept: choose a later date.",
)


def _relations(title):
    return RelationList(
        title=title,
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )


def _picker(portal_type):
    return {"selectableTypes": [portal_type], "recentlyUsed": True}


class IRule(IReviewable):
    """An HR rule or regulation (summary and body come from behaviours).

    It has the owner and review date of the ``solna.review`` behaviour as
    part of its own schema, so that the invariant below sees both dates."""

    category = schema.Choice(
        title=_("Category"), vocabulary="solna.intranet.RuleCategories"
    )
    # Check boxes: z3c.form's default (ordered select) needs an inline script,
    # which the Content-Security-Policy does not allow (security/headers.py).
    directives.widget("applies_to", CheckBoxFieldWidget)
    applies_to = schema.List(
        title=_("Applies to"),
        description=_("Leave empty when the rule applies to all staff."),
        value_type=schema.Choice(vocabulary="solna.intranet.Professions"),
        required=False,
        default=[],
    )
    legal_basis = schema.TextLine(
        title=_("Agreement or legal basis"),
        description=_("For example AB § 27 or Semesterlagen 12 §."),
        required=False,
        constraint=legal_basis_length,
    )
    in_force_from = schema.Date(title=_("In force from"), required=False)
    related_forms = _relations(_("Related forms"))
    directives.widget(
        "related_forms",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=_picker("EasyForm"),
    )
    related_answers = _relations(_("Related answers"))
    directives.widget(
        "related_answers",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=_picker("solna.Answer"),
    )

    @invariant
    def review_in_the_future(data):
        """A next review date set now is after today (Stockholm time); an
        old rule whose date has passed may be saved with it unchanged (its
        reminder is what asks for the review). The edit form and REST
        (plone.restapi checks invariants with the item as ``__context__``)
        alike."""
        review = getattr(data, "review_date", None)
        if not review or review > datetime.datetime.now(zone()).date():
            return
        context = getattr(data, "__context__", None)
        if IRule.providedBy(context) and _saved(context, "review_date") == review:
            return
        raise Invalid(REVIEW_IN_PAST)

    @invariant
    def review_after_effective(data):
        effective = getattr(data, "in_force_from", None)
        review = getattr(data, "review_date", None)
        if effective and review and review < effective:
            raise Invalid(
                _(
                    "error_review_before_effective",
                    default="The next review cannot be before the date the rule "
                    "comes into force.",
                )
            )


@implementer(IRule)
class Rule(Item):
    """An HR rule."""


class IAnswer(model.Schema):
    """A question on employment terms with its straight answer; the question
    is the title, the answer the text (behaviours)."""

    category = schema.Choice(
        title=_("Category"), vocabulary="solna.intranet.RuleCategories"
    )
    related_rules = _relations(_("Related rules"))
    directives.widget(
        "related_rules",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=_picker("solna.Rule"),
    )


@implementer(IAnswer)
class Answer(Item):
    """A question and its answer."""
