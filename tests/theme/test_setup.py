"""The Solna look's install (theme/setup.py): on a site that has Plone's
footer portlets, toolbar logo and favicon, ``install(site)`` puts ours in
their place; running it again changes nothing."""

from pathlib import Path
from plone import api
from plone.formwidget.namedfile.converter import b64decode_file
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from plone.registry.interfaces import IRegistry
from solna.intranet.app import assets
from solna.intranet.theme.setup import install
from zope.component import getMultiAdapter
from zope.component import getUtility


def footer_portlets(portal):
    manager = getUtility(IPortletManager, name="plone.footerportlets", context=portal)
    return getMultiAdapter((portal, manager), IPortletAssignmentMapping)


def test_install_replaces_plone_branding(portal):
    # The profile did it on this site; put Plone's back, as on an old site.
    from plone.app.portlets.portlets import classic

    mapping = footer_portlets(portal)
    assert list(mapping) == []
    mapping["colophon"] = classic.Assignment(template="colophon", macro="")
    api.portal.set_registry_record(
        "plone.toolbar_logo", "/++plone++static/plone-toolbarlogo.svg"
    )
    getUtility(IRegistry)["plone.site_favicon"] = None
    install(portal)
    install(portal)
    assert list(footer_portlets(portal)) == []
    logo = api.portal.get_registry_record("plone.toolbar_logo")
    assert logo == "/++plone++solna.intranet/app/icon.svg"
    favicon = api.portal.get_registry_record("plone.site_favicon")
    _name, data = b64decode_file(favicon)
    assert data == (assets.STATIC / "app" / "favicon-32.png").read_bytes()
    assert api.portal.get_registry_record("plone.site_favicon_mimetype") == "image/png"


def test_system_fonts_only():
    """No web font is downloaded: the compiled CSS declares none (Barceloneta's
    Roboto is left out) and the page (our main_template) links none."""
    from solna.intranet import theme

    folder = Path(theme.__file__).parent
    css = (folder / "resources" / "css" / "solna.min.css").read_text(encoding="utf-8")
    page = (folder / "templates" / "main_template.pt").read_text(encoding="utf-8")
    assert "@font-face" not in css
    assert ".woff" not in css + page
    assert "fonts.googleapis" not in css + page
    assert "--bs-font-sans-serif: system-ui," in css


def test_our_types_have_their_own_icons(portal):
    """Not Plone's blank file icon, which looked like an empty checkbox."""
    icons = getMultiAdapter((portal, portal.REQUEST), name="iconresolver")
    blank = icons.tag("contenttype/no-such-type")
    for name, icon in {
        "solna-unit": "building",
        "solna-person": "person-vcard",
        "solna-rule": "journal-text",
    }.items():
        tag = icons.tag(f"contenttype/{name}")
        assert f"bi-{icon}" in tag, tag
        assert tag != blank
