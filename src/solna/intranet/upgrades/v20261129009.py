"""20261129008 → 20261129009: the toolbar only for those who may edit where
they are (Show Toolbar); a form's handlers find its cases from the form."""

from plone import api
from solna.intranet import logger


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "actions"):
        setup.runImportStepFromProfile(
            "profile-solna.intranet:default", step, run_dependencies=False
        )
    logger.info("Upgraded to 20261129009")
