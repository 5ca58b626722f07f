"""20261129006 → 20261129007: Mina ärenden in every member's personal menu."""

from plone import api
from solna.intranet import logger


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        "profile-solna.intranet:default", "actions", run_dependencies=False
    )
    logger.info("Upgraded to 20261129007")
