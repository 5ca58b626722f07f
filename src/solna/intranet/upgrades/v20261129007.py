"""20261129006 → 20261129007: Mina ärenden in every member's personal menu."""

from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("actions")
    logger.info("Upgraded to 20261129007")
