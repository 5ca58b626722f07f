"""20261129012 → 20261129013: Notiser (the digest job's permission, the
member's choice "E-post med mina notiser")."""

from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "usersschema")
    logger.info("Upgraded to 20261129013")
