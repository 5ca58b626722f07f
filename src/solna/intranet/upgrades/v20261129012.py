"""20261129011 → 20261129012: Omvärldsbevakning (the registry of site-wide
feeds, the permission of the job that fetches them)."""

from plone import api
from solna.intranet import logger


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "plone.app.registry"):
        setup.runImportStepFromProfile(
            "profile-solna.intranet:default", step, run_dependencies=False
        )
    logger.info("Upgraded to 20261129012")
