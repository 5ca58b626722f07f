"""Unit-scoped roles: a unit's manager (Chef) and editors (Redaktörer).

They are local roles on the unit, computed from the unit's own fields by a
borg.localrole provider, so they need no bookkeeping: pick another manager on
the unit and the old one's roles are gone. Local roles are inherited, so the
manager of a förvaltning also manages the units under it, and a manager of
one preschool has no role in another.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from plone.indexer import indexer
from solna.intranet.organisation.content import IUnit
from zope.component import adapter
from zope.interface import implementer


#: Chef: writes, reviews and publishes within the unit.
MANAGER_ROLES = ("Contributor", "Editor", "Reviewer")
#: Redaktör: writes and edits within the unit, sends for review.
EDITOR_ROLES = ("Contributor", "Editor")


def unit_manager_userid(unit):
    """The login of the person chosen as the unit's manager, if any."""
    relation = getattr(unit, "manager", None)
    person = relation.to_object if relation is not None else None
    return getattr(person, "userid", None) or None


@indexer(IUnit)
def unit_manager(unit):
    """The manager's login, indexed: Chefens sida finds a manager's units."""
    return unit_manager_userid(unit)


@implementer(ILocalRoleProvider)
@adapter(IUnit)
class UnitRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self):
        roles = {userid: EDITOR_ROLES for userid in self.context.editors or ()}
        manager = unit_manager_userid(self.context)
        if manager:
            roles[manager] = MANAGER_ROLES
        return roles

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        return self._assignments().items()


def reindex_security(unit, event):
    """Catalog searches filter on who may view (allowedRolesAndUsers): when a
    unit's manager or editors change, so does that for everything in it."""
    unit.reindexObjectSecurity()
