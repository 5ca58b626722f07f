"""20261129009 → 20261129010: comment moderation.

The comment workflow gets the state Väntar (pending) and the transition
Godkänn; units choose open or pre-moderated comments (behaviour
solna.moderation); rules and answers take comments (questions); the
moderators' permissions; the catalog index of reported comments; web
addresses in new comments become links. Existing
comments stay published.
"""

from plone import api
from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "workflow", "typeinfo", "catalog", "plone.app.registry")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.reindexIndex(["solna_reported"], None)
    # Rules now manage "Reply to item" (comments only on rules in force).
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Upgraded to 20261129010")
