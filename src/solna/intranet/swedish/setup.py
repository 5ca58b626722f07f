"""What an existing site needs of swedish/ (the upgrade step calls
``install``; new sites get the same from profiles/default/registry.xml)."""

from plone import api
from solna.intranet.tinymce import merge_settings


#: TinyMCE's status bar without the element path and "Build with TinyMCE":
#: labels its Swedish language pack lacks.
TINYMCE_SETTINGS = {"elementpath": False, "branding": False}


#: Plone's own groups, titled in Swedish (Site Setup's groups and sharing
#: show the titles; the ids stay).
GROUP_TITLES = {
    "Administrators": "Administratörer",
    "Site Administrators": "Webbplatsadministratörer",
    "Reviewers": "Granskare (Plone)",
}
#: The virtual group of everyone signed in (PlonePAS's auto_group).
AUTHENTICATED_TITLE = "Alla inloggade (virtuell grupp)"


def install(site):
    """TinyMCE's status bar (TINYMCE_SETTINGS merged into its other
    settings, JSON, keeping what IT set there in TinyMCE's panel) and
    Plone's groups' titles in Swedish."""
    set_tinymce_settings()
    groups = site.acl_users.source_groups
    for group_id, title in GROUP_TITLES.items():
        group = api.group.get(groupname=group_id)
        if group is not None:
            group.setGroupProperties({"title": title})
            # Lists of groups (a content rule's group condition) read the
            # title the group manager keeps, not the property.
            if group_id in groups.listGroupIds():
                groups.updateGroup(group_id, title=title)
    auto_group = getattr(site.acl_users, "auto_group", None)
    if auto_group is not None:
        auto_group.title = AUTHENTICATED_TITLE


def set_tinymce_settings():
    """Merge TINYMCE_SETTINGS into plone.other_settings."""
    merge_settings(TINYMCE_SETTINGS)
