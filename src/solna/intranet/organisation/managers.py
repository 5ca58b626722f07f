"""Chefer: who manages a unit and which units a person manages.

A unit's manager is the Medarbetare (``solna.Person``) chosen in the unit's
``manager`` relation field; the person's ``userid`` is the login that gets
the Chef role there (workflow/localroles.py) and Chefens sida. The manager's
login is indexed on the unit (``unit_manager``), so "which units does she
manage" is one catalog query.
"""

from solna.intranet.catalog import search
from solna.intranet.organisation.tree import top_most
from solna.intranet.organisation.tree import UNIT
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds


def manager_person(unit):
    """The Person chosen as the unit's manager, or None (no manager, or a
    broken relation). No permission check: callers showing the person to a
    reader check View on it."""
    relation = getattr(unit, "manager", None)
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def manager_userid(unit):
    """The login of the unit's manager, or None.

    Asked for every permission check below a unit (its local roles,
    workflow/localroles.py), so it reads the person without making it an
    acquisition-wrapped object: five.intid's ``to_object`` traverses from
    the site to the person each time, 7 % of a unit's page (issue 21). The
    intid utility's reference to the person (``refs``, zope.intid) holds the
    object itself, which is all a login needs."""
    relation = getattr(unit, "manager", None)
    if relation is None or relation.isBroken():
        return None
    intids = queryUtility(IIntIds)
    reference = intids.refs.get(relation.to_id) if intids is not None else None
    person = getattr(reference, "object", None)
    if person is None:  # not the usual reference: as the relation has it
        person = relation.to_object
    return getattr(person, "userid", None) or None


def managed_units(userid):
    """The catalog brains of the units the member with login ``userid``
    manages, without those under another of them (their pages are listed
    with the unit above), by path. The index finds them; the unit itself
    confirms it (the manager's entry may have changed login since the unit
    was indexed), as its local roles do. [] for no login."""
    if not userid:
        return []
    return top_most(
        brain
        for brain in search(portal_type=UNIT, unit_manager=userid)
        if manager_userid(brain.getObject()) == userid
    )
