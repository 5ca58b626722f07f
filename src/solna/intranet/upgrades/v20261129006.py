"""20261129005 → 20261129006: forms keep their cases for a retention period
(behaviour solna.retention on EasyForm) and the job that purges them."""

from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "typeinfo")
    logger.info("Upgraded to 20261129006")
