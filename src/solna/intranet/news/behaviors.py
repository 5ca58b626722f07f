"""Behaviours for news: audience, priority and must-read."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from solna.intranet import _
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import Invalid
from zope.interface import invariant
from zope.interface import provider


@provider(IFormFieldProvider)
class IAudience(model.Schema):
    """Who the news is meant for: all staff, or chosen units (each with its
    sub-units) and/or professions (both chosen: those professions in those
    units)."""

    model.fieldset(
        "audience",
        label=_("Audience"),
        fields=["audience_all", "audience_units", "audience_professions"],
    )
    audience_all = schema.Bool(
        title=_("All staff"),
        required=False,
        default=True,
    )
    audience_units = schema.List(
        title=_("Units"),
        description=_("A unit includes its sub-units."),
        value_type=schema.Choice(vocabulary="solna.intranet.Units"),
        required=False,
        default=[],
    )
    directives.widget("audience_professions", CheckBoxFieldWidget)
    audience_professions = schema.List(
        title=_("Professions"),
        value_type=schema.Choice(vocabulary="solna.intranet.Professions"),
        required=False,
        default=[],
    )

    @invariant
    def someone(data):
        if not getattr(data, "audience_all", True) and not (
            getattr(data, "audience_units", None)
            or getattr(data, "audience_professions", None)
        ):
            raise Invalid(
                _(
                    "error_no_audience",
                    default="Choose at least one unit or profession, or All staff.",
                )
            )


@provider(IFormFieldProvider)
class IPriority(model.Schema):
    priority = schema.Choice(
        title=_("Priority"),
        vocabulary="solna.intranet.Priorities",
        default="normal",
    )


@provider(IFormFieldProvider)
class IMustRead(model.Schema):
    model.fieldset(
        "audience", label=_("Audience"), fields=["must_read", "must_read_deadline"]
    )
    must_read = schema.Bool(
        title=_("Must be read"),
        description=_("Readers confirm with Jag har läst."),
        required=False,
        default=False,
    )
    must_read_deadline = schema.Date(title=_("Read by"), required=False)

    @invariant
    def deadline_needs_must_read(data):
        if getattr(data, "must_read_deadline", None) and not getattr(
            data, "must_read", False
        ):
            raise Invalid(
                _(
                    "error_deadline_without_must_read",
                    default="A read-by date needs Must be read.",
                )
            )
