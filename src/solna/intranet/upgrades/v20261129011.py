"""20261129010 → 20261129011: Nätverk, communities for experience exchange
(types solna.Community and solna.Topic, their workflows, roles and
permissions) and the folder Nätverk."""

from plone import api
from solna.intranet import logger
from solna.intranet.dialogue.setup import create_communities_folder


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "typeinfo", "workflow"):
        setup.runImportStepFromProfile(
            "profile-solna.intranet:default", step, run_dependencies=False
        )
    create_communities_folder()
    logger.info("Upgraded to 20261129011")
