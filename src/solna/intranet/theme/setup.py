"""Install the Solna look on a site: no Plone branding (footer portlets,
toolbar logo, favicon). New sites get it through post_install, existing ones
through the upgrade step; running it again changes nothing."""

from plone import api
from plone.formwidget.namedfile.converter import b64encode_file
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from solna.intranet import logger
from solna.intranet.app import assets
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.component import queryUtility


#: Plone's footer portlets on the site root (Products.CMFPlone's
#: dependencies/portlets.xml): the copyright ("footer"), "Powered by Plone"
#: ("colophon") and the site actions ("actions", now in our footer).
PLONE_FOOTER_PORTLETS = ("footer", "colophon", "actions")
#: The editors' toolbar logo (a URL relative to the site, ISiteSchema).
TOOLBAR_LOGO = f"/{assets.PREFIX}/app/icon.svg"
FAVICON = "app/favicon-32.png"
#: Our types' icons (Plone's icon resolver: ``contenttype/<normalized type>``
#: in the registry, Bootstrap's icons that Plone ships). Without them a
#: unit, a person or a rule was drawn with Plone's blank "file" icon, which
#: looks like an empty checkbox in the navigation, the add menu and the
#: content browser.
TYPE_ICONS = {
    "solna-unit": "building",
    "solna-person": "person-vcard",
    "solna-rule": "journal-text",
    "solna-answer": "question-circle",
    "solna-community": "people",
    "solna-topic": "chat-text",
}


def remove_footer_portlets(site):
    """Remove Plone's footer portlets from the site root; returns the names
    removed."""
    manager = queryUtility(IPortletManager, name="plone.footerportlets", context=site)
    if manager is None:
        return []
    mapping = getMultiAdapter((site, manager), IPortletAssignmentMapping)
    removed = [name for name in PLONE_FOOTER_PORTLETS if name in mapping]
    for name in removed:
        del mapping[name]
    return removed


def install_type_icons():
    """Register TYPE_ICONS (records ``plone.icon.contenttype/<type>``);
    an icon IT changed is kept. Returns the types whose icon was added."""
    registry = getUtility(IRegistry)
    added = []
    for name, icon in TYPE_ICONS.items():
        key = f"plone.icon.contenttype/{name}"
        if key in registry.records:
            continue
        registry.records[key] = Record(
            field.TextLine(title=name),
            f"++plone++bootstrap-icons/{icon}.svg",
        )
        added.append(name)
    return added


def install(site):
    """Solna's footer instead of Plone's portlets, our icon as the toolbar
    logo and as the favicon (``/favicon.ico`` and Plone's link to it), our
    types' icons."""
    install_type_icons()
    removed = remove_footer_portlets(site)
    api.portal.set_registry_record("plone.toolbar_logo", TOOLBAR_LOGO)
    data = (assets.STATIC / FAVICON).read_bytes()
    api.portal.set_registry_record(
        "plone.site_favicon", b64encode_file("favicon-32.png", data)
    )
    api.portal.set_registry_record("plone.site_favicon_mimetype", "image/png")
    logger.info("Solna look installed (footer portlets removed: %s)", removed)
