"""Which CSS and JavaScript a page loads (Plone's resource registry).

Plone's bundles are records ``plone.bundles/<name>``
(plone.base.interfaces.resources.IBundleRegistry); a bundle's ``expression``
(TALES, evaluated on the page's context) decides whether a page links it.
Mockup's bundle ``plone`` (~270 KB of script, and its chunks: jQuery,
Bootstrap, TinyMCE, ...) and the editors' bundles serve the editing UI and
its toolbar. So they load exactly where the toolbar shows: for someone who
may edit where they are (the permission *Show Toolbar*,
plone_context_state.is_toolbar_visible, as the toolbar's own condition).

Everyone else gets ``solna-bootstrap`` (Bootstrap's own JavaScript, the same
version as the theme's CSS, for the user menu's dropdown and the ☰
offcanvas) and ``solna-light`` (static/light.js: replying to a comment),
both deferred. Forms, comments and searches work without script; date
fields are the browser's own.

Editors also get ``solna-i18n-preload`` (static/i18n-preload.js), not
deferred, so it runs before mockup's bundle: mockup fetches its Swedish
texts asynchronously and a pattern drawn before they arrive stayed English
(folder contents on a busy server); the script stores them first.

The same values are in profiles/default/registry.xml (new sites);
``install(site)`` writes them on an existing site (the upgrade step),
``uninstall(site)`` undoes them (mockup for everyone again).
"""

from plone.base.interfaces import IBundleRegistry
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.resources.browser.resource import update_resource_registry_mtime
from solna.intranet import logger
from zope.component import getUtility


#: Where someone may edit: the toolbar's own condition.
EDITS_HERE = "object/@@plone_context_state/is_toolbar_visible"
READS_HERE = f"not: {EDITS_HERE}"
#: Our static files: ++plone++solna.resources/...
PREFIX = "++plone++solna.resources"

#: Bundles of Plone and add-ons that only editors need: name -> expression.
EDITORS_ONLY = {
    "plone": EDITS_HERE,
    "plone-fullscreen": EDITS_HERE,
    "eventedit": EDITS_HERE,
}
#: easyform's stylesheet, only on its forms (for everyone who fills them in).
FORMS_ONLY = {"easyform": "object/@@solna-is-form"}

#: Our bundles for those who do not edit here: name -> record values.
STAFF_BUNDLES = {
    "solna-bootstrap": {
        "enabled": True,
        "jscompilation": f"{PREFIX}/bootstrap.bundle.min.js",
        "csscompilation": None,
        "expression": READS_HERE,
        "depends": None,
        "load_async": False,
        "load_defer": True,
    },
    "solna-light": {
        "enabled": True,
        "jscompilation": f"{PREFIX}/light.js",
        "csscompilation": None,
        "expression": READS_HERE,
        "depends": None,
        "load_async": False,
        "load_defer": True,
    },
    # As-you-type suggestions on the search fields (search/static/).
    "solna-suggest": {
        "enabled": True,
        "jscompilation": "++plone++solna.search/suggest.js",
        "csscompilation": None,
        "expression": READS_HERE,
        "depends": None,
        "load_async": False,
        "load_defer": True,
    },
}

#: Our bundles for those who edit here (the pages that load mockup).
EDITOR_BUNDLES = {
    "solna-i18n-preload": {
        "enabled": True,
        "jscompilation": f"{PREFIX}/i18n-preload.js",
        "csscompilation": None,
        "expression": EDITS_HERE,
        "depends": None,
        "load_async": False,
        "load_defer": False,
    },
}
OUR_BUNDLES = {**STAFF_BUNDLES, **EDITOR_BUNDLES}
#: Mockup's bundle comes after the preload (it is not deferred either):
#: bundle -> what it depends on.
DEPENDS = {"plone": "solna-i18n-preload"}


def install(site=None):
    """Write the bundle records (idempotent); returns the names changed."""
    registry = getUtility(IRegistry)
    bundles = registry.collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )
    changed = []
    for name, expression in {**EDITORS_ONLY, **FORMS_ONLY}.items():
        if name in bundles and bundles[name].expression != expression:
            bundles[name].expression = expression
            changed.append(name)
    for name, depends in DEPENDS.items():
        if name in bundles and bundles[name].depends != depends:
            bundles[name].depends = depends
            changed.append(name)
    for name, values in OUR_BUNDLES.items():
        record = bundles[name] if name in bundles else bundles.add(name)
        if any(getattr(record, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(record, key, value)
            changed.append(name)
    if changed:
        update_resource_registry_mtime()
    logger.info("Bundles for staff and editors set: %s", changed)
    return changed


#: The expressions the bundles had before install() (their own profiles').
ORIGINAL = {
    "plone": "",
    "plone-fullscreen": "",
    "eventedit": "python: member is not None",
    "easyform": "",
}


def uninstall(site=None):
    """Undo install(): mockup for everyone again, our bundles removed."""
    registry = getUtility(IRegistry)
    bundles = registry.collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )
    for name, expression in ORIGINAL.items():
        if name in bundles:
            bundles[name].expression = expression
    for name in DEPENDS:
        if name in bundles:
            bundles[name].depends = None
    for name in OUR_BUNDLES:
        if name in bundles:
            del bundles[name]
    update_resource_registry_mtime()
    logger.info("Bundles for staff and editors removed")
