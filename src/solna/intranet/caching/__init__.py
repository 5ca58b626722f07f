"""HTTP caching for a closed intranet (issue 22), with plone.app.caching.

What is cached where:

- **Static files** (``++plone++``, ``++theme++``, ``++resource++``,
  ``++webresource++``): ``public``, in browsers and any cache on the way; a
  year and ``immutable`` when the URL names the version, an hour otherwise
  (static.py). They hold no member data and the login page needs them.
- **Pages, REST answers and files of content**: only in the member's own
  browser (``Cache-Control: max-age=0, must-revalidate, private``), with an
  ETag (Last-Modified for files and images), so that a repeat visit asks
  "still this?" and gets a 304 without the page. plone.app.caching's "Weak
  caching" operation does this for the rulesets ``plone.content.itemView``,
  ``folderView``, ``dynamic`` (plone.restapi's services), ``feed`` and
  ``file`` (profiles/default/registry/caching.xml). Pages without a ruleset
  (forms, our own views) stay ``private, no-cache`` without an ETag.
- **Nothing shared**: no page is ever ``public`` or has ``s-maxage``
  (policy.py has the last word, whatever the registry says), and no caching
  proxy is put in front: the site is closed, every page is a member's, and
  staff use their phones through proxies we do not control. Purging
  (plone.cachepurging) stays off; README "HTTP caching" says how to turn it
  on if a proxy is ever added for static files.

The ETag of a page (etags.py) is made of, each for a reason:
``userid`` (a member's page is theirs: another member's ETag never matches),
``roles`` (what one may do on the page: the toolbar, edit links),
``userLanguage``, ``locked`` (the lock banner), ``copy`` (the paste action),
``resourceRegistries`` (the script and style links), ``catalogCounter`` (any
content added, edited, moved, commented), ``solna.database`` (any other write:
crisis, settings, portlets, rights), ``solna.clock`` (publishing dates) and
``solna.representation`` (a page and its JSON share an address). A request
with a status message to show gets no 304 (plone.app.caching's
``cacheStopRequestVariables``). Left out: ``lastModified`` (an edit
moves ``catalogCounter`` anyway), ``skin`` (one theme), ``language`` (the
site is Swedish; ``userLanguage`` is the negotiated one) and
``anonymousOrRandom`` (nobody anonymous sees a page).

Sources: plone.app.caching's documentation (operations, rulesets, ETags);
RFC 9111 (HTTP Caching); RFC 9110 8.8.3 and 13.1.2 (ETag, If-None-Match).
"""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.base.utils import get_installer
from plone.registry.interfaces import IRegistry
from Products.GenericSetup.context import DirectoryImportContext
from zope.component import getUtility


#: The caching settings of our profile (a file of its registry/ folder).
SETTINGS = Path(__file__).parent.parent / "profiles/default/registry"
SETTINGS_FILE = "caching.xml"
#: The rulesets we give an operation; the upgrade step and uninstall use it.
RULESETS = (
    "plone.content.itemView",
    "plone.content.folderView",
    "plone.content.dynamic",
    "plone.content.feed",
    "plone.content.file",
)


def import_settings():
    """Import profiles/default/registry/caching.xml alone, as the profile
    does (not the rest of our registry.xml, which IT may have changed)."""
    setup = api.portal.get_tool("portal_setup")
    context = DirectoryImportContext(setup, str(SETTINGS))
    body = context.readDataFile(SETTINGS_FILE)
    RegistryImporter(getUtility(IRegistry), context).importDocument(body)


def install():
    """Install plone.app.caching (if it is not) and our settings: what the
    upgrade step 20261201009 does for a site made before it."""
    installer = get_installer(api.portal.get())
    if not installer.is_product_installed("plone.app.caching"):
        installer.install_product("plone.app.caching")
    import_settings()
