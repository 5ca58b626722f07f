"""20261129004 → 20261129005: handling what is submitted through forms
(the permission "solna.intranet: Handle cases" for Formulärhandläggare)."""

from plone import api
from solna.intranet import logger


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        "profile-solna.intranet:default", "rolemap", run_dependencies=False
    )
    logger.info("Upgraded to 20261129005")
