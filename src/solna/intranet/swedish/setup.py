"""What an existing site needs of swedish/ (the upgrade step calls
``install``; new sites get the same from profiles/default/registry.xml)."""

from plone import api
from plone.base.interfaces.controlpanel import ITinyMCESchema
from solna.intranet.tinymce import merge_settings

import copy


#: TinyMCE's status bar without the element path and "Build with TinyMCE":
#: labels its Swedish language pack lacks; and its editing area's name for
#: screen readers, which the pack leaves half English ("Rich Text Område").
TINYMCE_SETTINGS = {
    "elementpath": False,
    "branding": False,
    "iframe_aria_text": "Textredigerare. Tryck Alt+0 för hjälp.",
}


#: Plone's own groups, titled in Swedish (Site Setup's groups and sharing
#: show the titles; the ids stay). Plone's Reviewers are told apart from
#: the intranet's Granskare/Kommunikatörer without naming Plone to
#: Webbredaktörer.
GROUP_TITLES = {
    "Administrators": "Administratörer",
    "Site Administrators": "Webbplatsadministratörer",
    "Reviewers": "Granskare (inbyggd grupp)",
}
#: TinyMCE's image sizes (the registry's plone.picture_variants), titled
#: in Swedish where they still have Plone's English titles.
PICTURE_VARIANT_TITLES = {"Large": "Stor", "Medium": "Mellan", "Small": "Liten"}
#: The virtual group of everyone signed in (PlonePAS's auto_group).
AUTHENTICATED_TITLE = "Alla inloggade (virtuell grupp)"


#: Plone's TinyMCE toolbar (plone.base's ITinyMCESchema default) and ours:
#: on a phone TinyMCE shows the toolbar as one row that scrolls sideways,
#: and Plone's ends with the link and image buttons, 600 px off a 390 px
#: screen with no hint that they are there (issue 18's second trial); they
#: show their names ("Infoga bild"), a hundred pixels each. Ours puts them
#: first, then bold and italic, and leaves out the text-direction buttons
#: (the intranet writes Swedish, left to right).
PLONE_TOOLBAR = " ".join(ITinyMCESchema["toolbar"].default.split())
TOOLBAR = (
    "plonelink ploneimage | bold italic | styles | bullist numlist | "
    "undo redo | unlink | alignleft aligncenter alignright alignjustify | "
    "outdent indent | inserttable"
)
TOOLBAR_RECORD = "plone.toolbar"


def set_tinymce_toolbar():
    """TOOLBAR instead of Plone's default toolbar; one IT changed is kept.
    Returns True when it was set."""
    current = api.portal.get_registry_record(TOOLBAR_RECORD, default=None)
    if current is None or " ".join(current.split()) != PLONE_TOOLBAR:
        return False
    api.portal.set_registry_record(TOOLBAR_RECORD, TOOLBAR)
    return True


def install(site):
    """TinyMCE's status bar (TINYMCE_SETTINGS merged into its other
    settings, JSON, keeping what IT set there in TinyMCE's panel), its
    toolbar with link and image first (TOOLBAR) and Plone's groups'
    titles and TinyMCE's image sizes in Swedish."""
    set_tinymce_settings()
    set_tinymce_toolbar()
    title_picture_variants()
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


def title_picture_variants():
    """TinyMCE's image dialog offers the registry's picture variants by
    their titles ("Large", "Medium", "Small"): Swedish titles for those IT
    has not renamed (``PICTURE_VARIANT_TITLES``); scales unchanged."""
    record = "plone.picture_variants"
    variants = copy.deepcopy(api.portal.get_registry_record(record, default=None))
    if not variants:
        return
    changed = False
    for variant in variants.values():
        title = PICTURE_VARIANT_TITLES.get(variant.get("title"))
        if title:
            variant["title"] = title
            changed = True
    if changed:
        api.portal.set_registry_record(record, variants)
