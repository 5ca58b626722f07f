"""20261129004 → 20261129005: handling what is submitted through forms
(the permission "solna.intranet: Handle cases" for Formulärhandläggare)."""

from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap")
    logger.info("Upgraded to 20261129005")
