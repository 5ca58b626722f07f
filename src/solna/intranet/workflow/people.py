"""Who is responsible for an item: its reviewers and its authors (members
of the site only, see members.py)."""

from AccessControl.PermissionRole import rolesForPermissionOn
from Acquisition import aq_chain
from Acquisition import aq_inner
from borg.localrole.interfaces import ILocalRoleProvider
from plone import api
from Products.CMFCore.interfaces import ISiteRoot
from Products.CMFCore.permissions import ReviewPortalContent
from solna.intranet.members import member
from solna.intranet.members import members
from zope.component import getAdapters


#: Roles that hold review rights everywhere without being anyone's reviewer.
NOT_REVIEWERS = {"Manager", "Site Administrator", "Owner", "Authenticated"}


def _principals_with_roles(obj, roles):
    """Principal ids (users or groups) that have one of ``roles`` on
    ``obj``: site-wide, or as a local role on it or on a container."""
    found = set()
    role_manager = api.portal.get_tool("acl_users").portal_role_manager
    for role in roles:
        found.update(pid for pid, _title in role_manager.listAssignedPrincipals(role))
    for item in aq_chain(aq_inner(obj)):
        for _name, provider in getAdapters((item,), ILocalRoleProvider):
            for pid, local_roles in provider.getAllRoles():
                if roles.intersection(local_roles):
                    found.add(pid)
        if getattr(item, "__ac_local_roles_block__", False) or ISiteRoot.providedBy(
            item
        ):
            break
    return found


def _users(principal_ids):
    for pid in sorted(principal_ids):
        if api.group.get(groupname=pid) is not None:
            yield from members(u.getId() for u in api.user.get_users(groupname=pid))
        elif (user := member(pid)) is not None:
            yield user


def reviewers(obj):
    """The accounts that may review ``obj`` where it is: the manager of its
    unit (and of the units above), the site-wide reviewers, and for HR rules
    the HR reviewers, as the workflow's permissions say. Site administrators
    are not reviewers by default."""
    roles = set(rolesForPermissionOn(ReviewPortalContent, obj)) - NOT_REVIEWERS
    seen, result = set(), []
    for user in _users(_principals_with_roles(obj, roles)):
        if user.getId() in seen:
            continue
        seen.add(user.getId())
        if api.user.has_permission(ReviewPortalContent, user=user, obj=obj):
            result.append(user)
    return result


def authors(obj):
    """The accounts listed as the item's creators."""
    return members(obj.listCreators())
