"""Who is responsible for an item (its reviewers and its authors), and how
a member is named and placed on a page."""

from AccessControl.PermissionRole import rolesForPermissionOn
from Acquisition import aq_chain
from Acquisition import aq_inner
from borg.localrole.interfaces import ILocalRoleProvider
from plone import api
from Products.CMFCore.interfaces import ISiteRoot
from Products.CMFCore.permissions import ReviewPortalContent
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
            yield from api.user.get_users(groupname=pid)
        elif (user := api.user.get(userid=pid)) is not None:
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
    return [
        user
        for userid in obj.listCreators()
        if (user := api.user.get(userid=userid)) is not None
    ]


def fullname(userid):
    """A member's full name, else their login ("" for no one)."""
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname", "") or userid) if user else userid or ""


def unit_title(userid):
    """The title of the member's unit (their profile keeps its UID), or ""."""
    user = api.user.get(userid=userid) if userid else None
    uid = user.getProperty("unit", "") if user else ""
    unit = api.content.get(UID=uid) if uid else None
    return unit.Title() if unit is not None else ""
