"""Behaviours for news: audience, priority and must-read."""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.z3cform.widgets.select import SelectFieldWidget
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from plone.uuid.interfaces import IUUID
from solna.intranet import _
from solna.intranet.organisation.tree import nearest_unit
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import Invalid
from zope.interface import invariant
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


def _placed(context):
    """Is ``context`` somewhere in the site? (A news item being created
    over REST is not yet: its audience is decided when it is added, see
    audience.audience_on_creation.)"""
    return aq_parent(aq_inner(context)) is not None


@provider(IContextAwareDefaultFactory)
def all_staff_by_default(context):
    """News written outside any unit is for all staff, when its writer may
    address all staff; news written in a unit is for that unit. None: not
    decided yet."""
    if not _placed(context):
        return None
    return nearest_unit(context) is None and bool(
        getSecurityManager().checkPermission(ADDRESS_ALL_STAFF, context)
    )


@provider(IContextAwareDefaultFactory)
def own_unit_by_default(context):
    if not _placed(context):
        return None
    unit = nearest_unit(context)
    uid = IUUID(unit, None) if unit is not None else None
    return [uid] if uid else []


#: Who may write news for all staff (Alla medarbetare).
ADDRESS_ALL_STAFF = "solna.intranet: Address all staff"


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
    directives.write_permission(audience_all="solna.intranet.AddressAllStaff")
    audience_all = schema.Bool(
        title=_("All staff"),
        description=_("Only communicators and web editors write to all staff."),
        required=False,
        defaultFactory=all_staff_by_default,
    )
    # A select of plone.app.z3cform (the pattern): z3c.form's default needs
    # an inline script, which the Content-Security-Policy does not allow.
    directives.widget("audience_units", SelectFieldWidget)
    audience_units = schema.List(
        title=_("Units"),
        description=_("A unit includes its sub-units."),
        value_type=schema.Choice(vocabulary="solna.intranet.Units"),
        required=False,
        defaultFactory=own_unit_by_default,
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
        if getattr(data, "audience_all", None) is False and not (
            getattr(data, "audience_units", None)
            or getattr(data, "audience_professions", None)
        ):
            raise Invalid(
                _(
                    "error_no_audience",
                    default="Choose at least one unit or profession, or All staff.",
                )
            )


#: Krisledning's folder at the site root (crisis/setup.py): news written
#: there is Kris by default.
CRISIS_FOLDER = "krisinformation"


@provider(IContextAwareDefaultFactory)
def priority_by_default(context):
    """Kris for news written in Krisinformation, else Normal."""
    if _placed(context):
        for obj in aq_inner(context).aq_chain:
            if getattr(obj, "portal_type", None) == "Plone Site":
                break
            if (
                getattr(obj, "getId", lambda: None)() == CRISIS_FOLDER
                and getattr(aq_parent(obj), "portal_type", None) == "Plone Site"
            ):
                return "kris"
    return "normal"


@provider(IFormFieldProvider)
class IPriority(model.Schema):
    priority = schema.Choice(
        title=_("Priority"),
        vocabulary="solna.intranet.Priorities",
        defaultFactory=priority_by_default,
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
