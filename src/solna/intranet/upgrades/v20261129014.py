"""20261129013 → 20261129014: Mitt intranät as the start page, Chefens sida
and must-read confirmations (the reminder job's permission, the indexes of
read-by dates, unit managers and community members, the audience column)."""

from plone import api
from solna.intranet import logger
from solna.intranet.setuphandlers import set_start_page
from solna.intranet.upgrades import import_steps


NEW_INDEXES = ("unit_manager", "community_members")


def upgrade(context):
    import_steps("rolemap", "typeinfo", "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=list(NEW_INDEXES))
    # The new metadata columns of news (reasons and read-by dates).
    for brain in catalog.unrestrictedSearchResults(portal_type="News Item"):
        brain._unrestrictedGetObject().reindexObject(idxs=["audience", "read_by"])
    set_start_page(api.portal.get())
    logger.info("Upgraded to 20261129014")
