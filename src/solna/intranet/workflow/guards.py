"""Helpers for workflow guard expressions (GenericSetup XML), declared safe
for restricted Python."""

from AccessControl import ModuleSecurityInfo
from plone import api
from plone.app.iterate.interfaces import IWorkingCopy


security = ModuleSecurityInfo("solna.intranet.workflow.guards")
security.declarePublic("is_working_copy")
security.declarePublic("has_another_author")


def is_working_copy(obj):
    """A working copy is put in force by checking it in, never by publishing
    it beside the rule it revises."""
    return IWorkingCopy.providedBy(obj)


def has_another_author(obj):
    """True when ``obj`` has an author (a creator who is a member of this
    site) other than the current user: the one "Skicka tillbaka" (reject)
    sends it to, with the reason. A reviewer who wrote the item alone takes
    it back with "Ta tillbaka" (retract) instead, and an item whose only
    creator is Zope's administrator has no one to send it to; so the two
    steps are never offered side by side to say the same thing (issue 18).
    Returns a bool; asks the site's user folder only, wakes no content."""
    current = api.user.get_current().getId()
    acl_users = api.portal.get_tool("acl_users")
    return any(
        acl_users.getUserById(userid) is not None
        for userid in obj.listCreators()
        if userid and userid != current
    )
