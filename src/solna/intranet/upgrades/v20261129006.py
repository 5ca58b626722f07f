"""20261129005 → 20261129006: forms keep their cases for a retention period
(behaviour solna.retention on EasyForm) and the job that purges them."""

from plone import api
from solna.intranet import logger


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "typeinfo"):
        setup.runImportStepFromProfile(
            "profile-solna.intranet:default", step, run_dependencies=False
        )
    logger.info("Upgraded to 20261129006")
