"""What the profile sets up for crisis mode (post_install and the upgrade
to 20261130003).

The place of Krisledning: a folder Krisinformation (id ``krisinformation``,
news/behaviors.py CRISIS_FOLDER) at the site root, published, holding only
news, where the group ``krisledning`` has the local roles Contributor,
Editor and Reviewer: its members (who may hold no other role) write,
edit and publish crisis news there and nowhere else through that group.
News added there is Kris by default (news/behaviors.py) and, written
outside any unit by someone who may address all staff, for all staff.
"""

from plone import api
from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
from solna.intranet.crisis.state import CRISIS_GROUP
from solna.intranet.news.behaviors import CRISIS_FOLDER


#: The local roles of Krisledning in its folder.
ROLES = ("Contributor", "Editor", "Reviewer")


def crisis_folder(site):
    """Krisinformation, created (published, with Krisledning's roles) if
    missing. Returns it."""
    folder = site.get(CRISIS_FOLDER)
    if folder is None:
        folder = api.content.create(
            container=site,
            type="Folder",
            id=CRISIS_FOLDER,
            title="Krisinformation",
            description="Krisledningens nyheter när något allvarligt händer.",
        )
    if api.content.get_state(folder, default=None) != "published":
        api.content.transition(folder, to_state="published")
    constrains = ISelectableConstrainTypes(folder, None)
    if constrains is not None:
        constrains.setConstrainTypesMode(1)
        constrains.setLocallyAllowedTypes(["News Item"])
        constrains.setImmediatelyAddableTypes(["News Item"])
    if api.group.get(groupname=CRISIS_GROUP) is not None:
        have = set(folder.get_local_roles_for_userid(CRISIS_GROUP))
        if not set(ROLES) <= have:
            folder.manage_setLocalRoles(CRISIS_GROUP, sorted(have | set(ROLES)))
            folder.reindexObjectSecurity()
    return folder


def install(site):
    """Set up crisis mode on ``site``; running it again changes nothing.
    (As Manager: Plone checks what the *current user* may create and which
    types she may add, and an upgrade may run as anyone allowed to run it.)"""
    with api.env.adopt_roles(["Manager"]):
        crisis_folder(site)
