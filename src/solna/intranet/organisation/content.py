"""Enhet (unit) and Medarbetare (person)."""

from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from solna.intranet import _
from solna.intranet.containers import items_change_nothing
from solna.intranet.validators import is_email
from solna.intranet.validators import is_login
from solna.intranet.validators import is_phone
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer


#: The Zope 3 id of "solna.intranet: Manage protected identity".
PROTECTED_PERMISSION = "solna.intranet.ManageProtectedIdentity"


class IUnit(model.Schema):
    """Enhet: förvaltning, avdelning, enhet or verksamhet (a preschool, a
    home-care group); units nest to form the organisation."""

    kind = schema.Choice(
        title=_("Kind of unit"),
        vocabulary="solna.intranet.UnitKinds",
        default="enhet",
    )
    about = RichText(title=_("About the unit"), required=False)
    visiting_address = schema.Text(title=_("Visiting address"), required=False)
    postal_address = schema.Text(title=_("Postal address"), required=False)
    phone = schema.TextLine(title=_("Phone"), required=False, constraint=is_phone)
    email = schema.TextLine(title=_("E-mail"), required=False, constraint=is_email)
    opening_hours = schema.Text(title=_("Opening hours"), required=False)
    manager = RelationChoice(
        title=_("Manager"),
        description=_(
            "The manager reviews and publishes what is written for this unit "
            "and the units under it (the person's login name decides who)."
        ),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )
    directives.write_permission(manager="solna.intranet.AssignUnitManager")
    directives.widget(
        "manager",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["solna.Person"], "recentlyUsed": True},
    )
    editors = schema.List(
        title=_("Editors"),
        description=_(
            "Login names of the people who write pages and news for this unit; "
            "they send them to the manager for review."
        ),
        value_type=schema.TextLine(constraint=is_login),
        required=False,
        default=[],
    )
    directives.write_permission(editors="solna.intranet.AssignUnitEditors")
    directives.widget(
        "editors", AjaxSelectFieldWidget, vocabulary="plone.app.vocabularies.Users"
    )


@items_change_nothing
@implementer(IUnit)
class Unit(Container):
    """An organisational unit.

    Unordered (plone.folder's "unordered" ordering): an ordered folder keeps
    the order of its items in one list, rewritten whole by every item
    added, so two news items created in one unit at once collided (and a
    unit with thousands of news rewrote thousands of ids each time).
    Listings sort by title or date from the catalog. Adding an item does
    not date the unit either (containers.items_change_nothing)."""

    _ordering = "unordered"


class IPerson(model.Schema):
    """Medarbetare or contact: someone staff may want to reach."""

    first_name = schema.TextLine(title=_("First name"))
    last_name = schema.TextLine(title=_("Last name"))
    job_title = schema.TextLine(title=_("Job title"), required=False)
    profession = schema.Choice(
        title=_("Profession"),
        vocabulary="solna.intranet.Professions",
        required=False,
    )
    phone = schema.TextLine(title=_("Phone"), required=False, constraint=is_phone)
    mobile = schema.TextLine(
        title=_("Mobile phone"), required=False, constraint=is_phone
    )
    email = schema.TextLine(title=_("E-mail"), required=False, constraint=is_email)
    workplace = schema.TextLine(title=_("Workplace or room"), required=False)
    ask_me_about = schema.Text(
        title=_("Ask me about"),
        description=_("What colleagues may ask you about, one subject a line."),
        required=False,
    )
    portrait = NamedBlobImage(title=_("Portrait"), required=False)
    directives.write_permission(userid="solna.intranet.AssignPersonLogin")
    userid = schema.TextLine(
        title=_("Login name"),
        description=_("The account this person logs in with, if any."),
        required=False,
    )
    directives.write_permission(protected_identity=PROTECTED_PERMISSION)
    directives.read_permission(protected_identity=PROTECTED_PERMISSION)
    protected_identity = schema.Bool(
        title=_("Protected identity"),
        description=_(
            "Shown to nobody but HR and site administrators: not in any listing, "
            "search, directory or API."
        ),
        required=False,
        default=False,
    )


@implementer(IPerson)
class Person(Item):
    """A person; the title is the full name."""

    @property
    def title(self):
        names = (getattr(self, "first_name", None), getattr(self, "last_name", None))
        return " ".join(name for name in names if name)

    @title.setter
    def title(self, value):
        """The title follows the names; plone.dublincore may set it: ignore."""

    def Title(self):
        return self.title

    def unit(self):
        """The unit the person belongs to: the container."""
        parent = self.__parent__
        return parent if IUnit.providedBy(parent) else None
