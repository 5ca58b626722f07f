"""Unit-scoped roles: a unit's manager (Chef) and editors (Redaktörer).

They are local roles on the unit, computed from the unit's own fields by a
borg.localrole provider, so they need no bookkeeping: pick another manager on
the unit and the old one's roles are gone. Local roles are inherited, so the
manager of a förvaltning also manages the units under it, and a manager of
one preschool has no role in another.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from solna.intranet.organisation.content import IUnit
from solna.intranet.organisation.managers import manager_userid
from zope.component import adapter
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import implementer


#: Chef: writes, reviews and publishes within the unit.
MANAGER_ROLES = ("Contributor", "Editor", "Reviewer")
#: Redaktör: writes and edits within the unit, sends for review.
EDITOR_ROLES = ("Contributor", "Editor")


@implementer(ILocalRoleProvider)
@adapter(IUnit)
class UnitRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self):
        roles = {userid: EDITOR_ROLES for userid in self.context.editors or ()}
        manager = manager_userid(self.context)
        if manager:
            roles[manager] = MANAGER_ROLES
        return roles

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        return self._assignments().items()


#: The unit's fields the local roles are computed from.
ROLE_FIELDS = frozenset({"manager", "editors"})


def named_fields(event):
    """The field names an IObjectModifiedEvent says were changed, or None
    when it says nothing. plone.restapi names them "ISchema.field",
    z3c.form "field"."""
    descriptions = getattr(event, "descriptions", None)
    if not descriptions:
        return None
    return {
        name.rpartition(".")[2]
        for description in descriptions
        for name in getattr(description, "attributes", ())
    }


def fields_may_have_changed(event, fields):
    """Could this IObjectModifiedEvent have changed one of ``fields``? Not
    when an item was added or removed inside (IContainerModifiedEvent);
    when the event says which fields changed (the edit form and plone.
    restapi do), only if it names one; when it says nothing, perhaps."""
    if IContainerModifiedEvent.providedBy(event):
        return False
    named = named_fields(event)
    return named is None or bool(named & set(fields))


def reindex_security(unit, event):
    """Catalog searches filter on who may view (allowedRolesAndUsers): when a
    unit's manager or editors change, so does that for everything in it.
    Only then: reindexing a förvaltning's subtree takes seconds, and adding
    a news item to a unit (a ContainerModifiedEvent) changes no one's
    rights."""
    if fields_may_have_changed(event, ROLE_FIELDS):
        unit.reindexObjectSecurity()
