"""Regel (HR rule) and Fråga och svar (answer on employment terms)."""

from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from solna.intranet import _
from solna.intranet.review.behaviors import IReviewable
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


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
