"""What the installable web app needs in a site (issue 17): the keyring of
the member tags (member.py). The behaviour ``solna.offline`` on Document and
its catalog index come with the profile's XML (types/Document.xml,
catalog.xml). Both functions are idempotent."""

from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from solna.intranet.app.member import RING
from zope.component import queryUtility


BEHAVIOR = "solna.offline"


def install(site):
    """Create the keyring of the member tags."""
    manager = queryUtility(IKeyManager)
    if manager is not None and RING not in manager:
        manager[RING] = Keyring(1)
        manager[RING].fill()


def uninstall(site):
    """Remove the keyring, and the behaviour from every type that has it
    (a type must not name a behaviour whose package may be removed next).
    The catalog index goes with profiles/uninstall/catalog.xml."""
    manager = queryUtility(IKeyManager)
    if manager is not None and RING in manager:
        del manager[RING]
    types = api.portal.get_tool("portal_types")
    for fti in types.objectValues():
        behaviors = getattr(fti, "behaviors", None)
        if behaviors and BEHAVIOR in behaviors:
            fti.manage_changeProperties(
                behaviors=tuple(b for b in behaviors if b != BEHAVIOR)
            )
