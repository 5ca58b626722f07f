"""A form's handlers: the groups named on the form (behaviour
``solna.handlers``) get the local role Form Handler on it, which gives them
its cases (permission *solna.intranet: Handle cases*) and nothing else.

As with a unit's manager, the role is computed from the form's own field by a
borg.localrole provider: change the groups on the form and the rights follow.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from collective.easyform.interfaces import IEasyForm
from plone import api
from solna.intranet.forms.behaviors import DEFAULT_HANDLERS
from solna.intranet.members import members
from zope.component import adapter
from zope.interface import implementer


ROLE = "Form Handler"


def handler_groups(form):
    groups = getattr(form, "handler_groups", None)
    return list(groups) if groups is not None else [DEFAULT_HANDLERS]


def handlers(form):
    """The members of the form's handler groups (each once)."""
    found = {}
    for group in handler_groups(form):
        if api.group.get(groupname=group) is None:
            continue
        for user in members(u.getId() for u in api.user.get_users(groupname=group)):
            found.setdefault(user.getId(), user)
    return list(found.values())


@implementer(ILocalRoleProvider)
@adapter(IEasyForm)
class FormHandlerRoles:
    def __init__(self, context):
        self.context = context

    def getRoles(self, principal_id):
        return (ROLE,) if principal_id in handler_groups(self.context) else ()

    def getAllRoles(self):
        return [(group, (ROLE,)) for group in handler_groups(self.context)]
