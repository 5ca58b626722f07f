"""20261129002 → 20261129003: HR may see and edit people in every state of
the person workflow (to set or lift skyddad identitet)."""

from plone import api
from solna.intranet import logger
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("workflow")
    wf_tool = api.portal.get_tool("portal_workflow")
    count = wf_tool.updateRoleMappings()
    logger.info("Upgraded to 20261129003: %d role mappings updated", count)
