"""Fields from which the site computes rights or reach, who may change
them, and the log of every change (Behörighetslogg).

A field *grants* when the site derives local roles or recipients from it:

==========================  ==================================  ===============
field                       what it grants                      write permission
==========================  ==================================  ===============
Person ``userid``           the manager's roles, when the       Assign person
                            person is a unit's manager          login
Unit ``manager``            Chef: Contributor, Editor, Reviewer Assign unit
                                                                manager
Unit ``editors``            Redaktör: Contributor, Editor       Assign unit
                                                                editors
Community ``members``       reading a closed/secret community   Moderate
                                                                community
Community ``moderators``    Community Moderator                 Assign community
                                                                moderators
Form ``handler_groups``     the form's cases (Form Handler)     Assign form
                                                                handlers
News ``audience_all``       mail and notices to all staff       Address all staff
News ``priority`` = kris    a crisis to its audience            Publish crisis
                                                                information
News ``audience_units``     must-read reminders to those units  see below
==========================  ==================================  ===============

The write permissions are ``write_permission`` directives on the schemas,
which the edit and add forms and plone.restapi's deserializer honour (a
field one may not write is not shown, and a PATCH naming it leaves it
unchanged). Reach that depends on the *value* (a crisis, another unit's
staff) is checked by z3c.form validators (``CrisisValidator``,
``AudienceUnitsValidator``), which plone.restapi runs too. As a last line,
``guard`` runs on every add and modify event, whatever the route (a
script, an import, a view of ours): a grant changed by someone without the
permission raises ``Forbidden`` (403, a Swedish message) and nothing is
saved.

Every change of such a field is recorded (``record``): who, when, on what,
old and new value, in one BTree on the site that HR and Webbredaktörer read
at ``@@behorighetslogg`` (REST ``@behorighetslogg``). Community members
who join an open community themselves are not logged (no one grants).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from plone import api
from solna.intranet import _
from solna.intranet.crisis.state import is_live
from solna.intranet.crisis.state import PUBLISH_CRISIS
from solna.intranet.crisis.state import under_way
from solna.intranet.organisation.tree import is_within
from solna.intranet.organisation.tree import nearest_unit
from solna.intranet.storage import annotation
from solna.intranet.workflow.localroles import named_fields
from z3c.form import validator
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent
from zope.i18n import translate
from zope.interface import Invalid
from zope.lifecycleevent.interfaces import IObjectAddedEvent

import random
import re
import time


LOG = "solna.intranet.grants_log"
#: On each object: the grant fields' values when last saved (plain data).
SNAPSHOT = "solna.intranet.grants"

ASSIGN_PERSON_LOGIN = "solna.intranet: Assign person login"
ASSIGN_UNIT_MANAGER = "solna.intranet: Assign unit manager"
ASSIGN_UNIT_EDITORS = "solna.intranet: Assign unit editors"
MODERATE_COMMUNITY = "solna.intranet: Moderate community"
ASSIGN_COMMUNITY_MODERATORS = "solna.intranet: Assign community moderators"
ASSIGN_FORM_HANDLERS = "solna.intranet: Assign form handlers"
ADDRESS_ALL_STAFF = "solna.intranet: Address all staff"
#: Krisledning's (crisis/state.py PUBLISH_CRISIS; named here, as crisis
#: imports news, which imports this package's neighbours).
CRISIS_REFUSED = _(
    "crisis_raising_refused",
    default="Only Krisledning can publish crisis information. Choose Normal "
    "or Important, or ask Krisledning.",
)
#: A crisis under way (published, not ended) is Krisledning's alone.
LIVE_CRISIS_REFUSED = _(
    "crisis_live_refused",
    default="This crisis information belongs to an ongoing crisis and only "
    "Krisledning changes it. Ask Krisledning to change it or to end the "
    "crisis.",
)
VIEW_LOG = "solna.intranet: View grants log"

#: field name → (permission title, the field's label in the log)
FIELDS = {
    "solna.Person": {
        "userid": (ASSIGN_PERSON_LOGIN, _("Login name")),
    },
    "solna.Unit": {
        "manager": (ASSIGN_UNIT_MANAGER, _("Manager")),
        "editors": (ASSIGN_UNIT_EDITORS, _("Editors")),
    },
    "solna.Community": {
        "members": (MODERATE_COMMUNITY, _("Members")),
        "moderators": (ASSIGN_COMMUNITY_MODERATORS, _("Moderators")),
    },
    "EasyForm": {
        "handler_groups": (ASSIGN_FORM_HANDLERS, _("Handled by")),
        # Where the answers go (Mailers, saved data): see formactions.py.
        "actions_model": (ASSIGN_FORM_HANDLERS, _("Actions")),
    },
    # Not a field: the sharing page (sharing_changed).
    "*": {"local_roles": (None, _("Sharing"))},
    "News Item": {
        "audience_all": (ADDRESS_ALL_STAFF, _("All staff")),
        "priority": (None, _("Priority")),
        "audience_units": (None, _("Units")),
    },
}


def fields_of(obj):
    return FIELDS.get(getattr(aq_base(obj), "portal_type", None), {})


def field_title(portal_type, name):
    """The label of a logged field (the sharing page's for local roles)."""
    found = FIELDS.get(portal_type, {}).get(name) or FIELDS["*"].get(name)
    return found[1] if found else None


def _plain(value):
    """A field's value as plain, comparable data: a relation as its
    target's UID, a list as a sorted tuple."""
    to_object = getattr(value, "to_object", None)
    if to_object is not None or hasattr(value, "to_id"):
        return api.content.get_uuid(to_object) if to_object is not None else None
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(str(v) for v in value))
    return value


#: Kept out of the snapshot: members also change by joining (no grant, and
#: no write on the community, see dialogue/communities.py); the members
#: setter checks and records edits instead (``members_edited``).
NOT_IN_SNAPSHOT = frozenset({"members"})


ACTION = re.compile(r'<field name="([^"]+)" type="([^"]+)"')
ADDRESS = re.compile(r"<(recipient_email|cc_recipients|bcc_recipients)>([^<]*)<")


def _actions(model):
    """A form's actions model (XML) in short: its actions and the
    addresses they mail, as a sorted tuple of text."""
    if not model:
        return ()
    found = {
        f"{name} ({kind.rpartition('.')[2]})" for name, kind in ACTION.findall(model)
    }
    found.update(address.strip() for _tag, address in ADDRESS.findall(model))
    return tuple(sorted(found))


def values(obj, added=False):
    """{field: plain value} of the object's grant fields (on an added
    object also its members)."""
    return {
        name: _actions(getattr(obj, name, None))
        if name == "actions_model"
        else _plain(getattr(obj, name, None))
        for name in fields_of(obj)
        if added or name not in NOT_IN_SNAPSHOT
    }


def _empty(value):
    return value in (None, (), "", False, "normal")


def may_change(obj, name, old, new):
    """May the current user change ``name`` on ``obj`` from ``old`` to
    ``new``? The field's write permission, and for values that reach
    further than the writer's own unit, Address all staff."""
    check = getSecurityManager().checkPermission
    permission = fields_of(obj)[name][0]
    if permission and not check(permission, obj):
        return False
    if name == "priority" and new == "kris":
        return bool(check(PUBLISH_CRISIS, obj))
    if name == "priority" and old == "kris" and under_way(obj):
        # De-escalating a crisis under way ends it for its audience.
        return bool(check(PUBLISH_CRISIS, obj))
    if name == "audience_units":
        added = set(new or ()) - set(old or ())
        return not added or units_within_reach(obj, added)
    return True


def units_within_reach(context, uids):
    """Do the unit UIDs lie where the current user may address staff?
    Everywhere with Address all staff; otherwise the unit the news is
    written in and the units under it (a preschool's editor writes for
    her preschool, a förvaltning's manager for the förvaltning)."""
    if getSecurityManager().checkPermission(ADDRESS_ALL_STAFF, context):
        return True
    unit = nearest_unit(context)
    if unit is None:
        return False
    own = "/".join(unit.getPhysicalPath())
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(UID=list(uids))
    return len(found) == len(set(uids)) and all(
        is_within(brain.getPath(), own) for brain in found
    )


def _snapshot(obj):
    return dict(IAnnotations(obj).get(SNAPSHOT, {}))


def guard(obj, event):
    """On every add and modify: refuse a grant changed by someone who may
    not grant it (``Forbidden``, so nothing is saved), record every
    change, and reindex the rights that follow from it at once."""
    if IContainerModifiedEvent.providedBy(event) or not fields_of(obj):
        return
    if getattr(event, "oldParent", None) is not None:
        return  # moved or renamed: nothing granted changes
    added = IObjectAddedEvent.providedBy(event)
    annotations = IAnnotations(obj)
    if not added and SNAPSHOT not in annotations:
        # Saved before this rule existed: what it holds now is the start.
        annotations[SNAPSHOT] = _kept(values(obj))
        return
    before = {} if added else dict(annotations[SNAPSHOT])
    now = values(obj, added=added)
    changed = {
        name: (before.get(name), new)
        for name, new in now.items()
        if before.get(name) != new and not (_empty(before.get(name)) and _empty(new))
    }
    if added:
        # A new item's defaults (a form's handler group and actions, the
        # news item's own unit) are no one's grant.
        changed = {
            name: change
            for name, change in changed.items()
            if change[1] != _default(obj, name)
        }
    named = named_fields(event)
    if named is not None:
        # The edit form and REST say what they changed: only that is this
        # writer's doing (a script may have set the rest, unlogged).
        changed = {name: change for name, change in changed.items() if name in named}
    if added or changed or annotations.get(SNAPSHOT) != _kept(now):
        annotations[SNAPSHOT] = _kept(now)
    for name, (old, new) in changed.items():
        if not may_change(obj, name, old, new):
            raise _refusal(obj, name, new)
    for name, (old, new) in changed.items():
        record(obj, name, old, new)
    if changed:
        _reindex(obj, changed)


def _default(obj, name):
    """The plain default of field ``name`` on ``obj`` (its schemata's)."""
    from plone.dexterity.utils import iterSchemata

    for schema in iterSchemata(obj):
        field = schema.get(name)
        if field is not None:
            default = field.bind(obj).default
            return _actions(default) if name == "actions_model" else _plain(default)
    return None


def _kept(now):
    return {k: v for k, v in now.items() if k not in NOT_IN_SNAPSHOT}


def take_snapshot(obj):
    """Remember the grant fields ``obj`` holds now as its starting point
    (for a value set by the site itself, not by its writer: the priority
    Kris of news added to Krisinformation, crisis/raising.py)."""
    IAnnotations(obj)[SNAPSHOT] = _kept(values(obj))


def _reindex(obj, changed):
    """The rights follow at once: for a person's login, the units they
    manage (their manager index and their rights)."""
    if getattr(aq_base(obj), "portal_type", None) == "solna.Person":
        if "userid" in changed:
            units = {
                relation.from_object
                for relation in api.relation.get(
                    target=obj, relationship="manager", unrestricted=True
                )
            }
            # ... and those the catalog still knows by the old login.
            old_login = changed["userid"][0]
            if old_login:
                catalog = api.portal.get_tool("portal_catalog")
                units.update(
                    brain._unrestrictedGetObject()
                    for brain in catalog.unrestrictedSearchResults(
                        portal_type="solna.Unit", unit_manager=old_login
                    )
                )
            for unit in units - {None}:
                unit.reindexObject(idxs=["unit_manager"])
                unit.reindexObjectSecurity()
        return
    # A unit's manager and editors (workflow/localroles.reindex_security)
    # and a community's members and moderators (dialogue/communities) are
    # reindexed by their own subscribers; a form's handlers here.
    if "handler_groups" in changed:
        obj.reindexObjectSecurity()


def record(obj, name, old, new, who=None):
    """Append one change to the log: {"when": seconds since the epoch,
    "who": login, "uid", "path", "title", "type", "field", "old", "new"}
    (values plain: UIDs, logins, group ids, sorted tuples)."""
    portal = api.portal.get()
    log = annotation(portal, LOG, create=True)
    if who is None:
        who = getSecurityManager().getUser().getId() or ""
    entry = {
        "when": time.time(),
        "who": who,
        "uid": api.content.get_uuid(obj),
        "path": "/".join(obj.getPhysicalPath()[len(portal.getPhysicalPath()) :]),
        "title": obj.Title(),
        "type": obj.portal_type,
        "field": name,
        "old": old,
        "new": new,
    }
    log[(entry["when"], random.getrandbits(32))] = entry


def _refusal(obj, name, new=None):
    request = getattr(obj, "REQUEST", None)
    if name == "priority":
        message = CRISIS_REFUSED if new == "kris" else LIVE_CRISIS_REFUSED
        return Forbidden(translate(message, context=request))
    label = translate(fields_of(obj)[name][1], context=request)
    return Forbidden(
        translate(
            _(
                "error_may_not_grant",
                default="You may not change ${field} here.",
                mapping={"field": label},
            ),
            context=request,
        )
    )


def members_edited(community, before, after):
    """The members field was set (edit form, REST, a script): refused
    without Moderate community, else recorded. Not while the community is
    being created (``guard`` records its first members when it is added)."""
    if aq_parent(community) is None:
        # The edit form and REST set the field on the object itself (an
        # attribute set leaves the acquisition wrapper): find it in place.
        # Not stored yet: it is being created (guard records it).
        if getattr(community, "_p_jar", None) is None:
            return
        from plone.uuid.interfaces import IUUID

        catalog = api.portal.get_tool("portal_catalog")
        found = catalog.unrestrictedSearchResults(UID=IUUID(community, None))
        if not found:
            return
        community = found[0]._unrestrictedGetObject()
    if not getSecurityManager().checkPermission(MODERATE_COMMUNITY, community):
        raise _refusal(community, "members")
    record(community, "members", tuple(sorted(before)), tuple(sorted(after)))


def record_members(community, added=(), removed=()):
    """A moderator added or removed members outside the edit form (the
    approve and add buttons): log it without touching the snapshot."""
    if added or removed:
        before = set(community.members) - set(added) | set(removed)
        record(
            community,
            "members",
            tuple(sorted(before)),
            tuple(sorted(set(community.members))),
        )


def entries(limit=500):
    """The log, newest first: a list of the dicts ``record`` writes."""
    log = annotation(api.portal.get(), LOG)
    if isinstance(log, OOBTree):
        keys = reversed(log.keys())
    else:
        keys = sorted(log, reverse=True)
    found = []
    for key in keys:
        found.append(log[key])
        if len(found) >= limit:
            break
    return found


# The edit and add forms: the same rule as an error under the field.


def _unlock(obj):
    """Remove the current user's edit lock on ``obj`` (plone.locking)."""
    from plone.locking.interfaces import ILockable

    lockable = ILockable(obj, None)
    if lockable is not None and lockable.locked() and lockable.can_safely_unlock():
        lockable.unlock()


class CrisisValidator(validator.SimpleFieldValidator):
    """Priority Kris raises a crisis: only for those who may publish crisis
    information (Krisledning, Webbredaktörer; crisis/raising.py)."""

    def validate(self, value):
        super().validate(value)
        old = getattr(aq_base(self.context), "priority", None)
        may = getSecurityManager().checkPermission(PUBLISH_CRISIS, self.context)
        if value == "kris" and old != "kris" and not may:
            # (the form sends the priority unchanged too)
            raise Invalid(CRISIS_REFUSED)
        if old == "kris" and not may and is_live(self.context):
            # Any edit of a crisis under way (its text, audience, end time)
            # is Krisledning's: said here, so the editor keeps what she typed;
            # and her edit lock goes, so that it does not keep Krisledning
            # out of the item for ten minutes.
            _unlock(self.context)
            raise Invalid(LIVE_CRISIS_REFUSED)


class AudienceUnitsValidator(validator.SimpleFieldValidator):
    """A unit's editor writes for her unit and the units under it."""

    def validate(self, value):
        super().validate(value)
        old = set(getattr(aq_base(self.context), "audience_units", None) or ())
        added = set(value or ()) - old
        if added and not units_within_reach(self.context, added):
            raise Invalid(
                _(
                    "error_units_out_of_reach",
                    default="You write for your own unit and the units under "
                    "it. Ask a communicator to reach other units.",
                )
            )


def _register_validators():
    from solna.intranet.news.behaviors import IAudience
    from solna.intranet.news.behaviors import IPriority

    validator.WidgetValidatorDiscriminators(
        CrisisValidator, field=IPriority["priority"]
    )
    validator.WidgetValidatorDiscriminators(
        AudienceUnitsValidator, field=IAudience["audience_units"]
    )


_register_validators()


#: On an object: its local roles as last logged (plain: sorted text).
SHARED = "solna.intranet.local_roles"


def _local_roles(obj):
    return tuple(
        sorted(
            f"{principal}: {', '.join(sorted(roles))}"
            for principal, roles in obj.get_local_roles()
        )
    )


def sharing_changed(obj, event):
    """Roles given on the sharing page (or REST ``@sharing``), which only
    site administrators use: logged like the fields' grants."""
    annotations = IAnnotations(obj)
    now = _local_roles(obj)
    before = annotations.get(SHARED)
    if before == now:
        return
    annotations[SHARED] = now
    record(obj, "local_roles", before or (), now)
