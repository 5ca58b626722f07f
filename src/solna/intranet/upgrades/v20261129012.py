"""20261129011 → 20261129012: Omvärldsbevakning (the registry of site-wide
feeds, the permission of the job that fetches them)."""

from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "plone.app.registry")
    logger.info("Upgraded to 20261129012")
