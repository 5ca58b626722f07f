"""20261129012 → 20261129013: Notiser (the digest job's permission, the
member's choice "E-post med mina notiser")."""

from plone import api
from solna.intranet import logger


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "usersschema"):
        setup.runImportStepFromProfile(
            "profile-solna.intranet:default", step, run_dependencies=False
        )
    logger.info("Upgraded to 20261129013")
