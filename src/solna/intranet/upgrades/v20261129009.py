"""20261129008 → 20261129009: the toolbar only for those who may edit where
they are (Show Toolbar); a form's handlers find its cases from the form."""

from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "actions")
    logger.info("Upgraded to 20261129009")
