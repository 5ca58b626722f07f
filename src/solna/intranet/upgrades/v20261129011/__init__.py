"""20261129010 → 20261129011: Nätverk, communities for experience exchange
(types solna.Community and solna.Topic, their workflows, roles and
permissions) and the folder Nätverk."""

from solna.intranet import logger
from solna.intranet.dialogue.setup import create_communities_folder
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "typeinfo", "workflow")
    create_communities_folder()
    logger.info("Upgraded to 20261129011")
