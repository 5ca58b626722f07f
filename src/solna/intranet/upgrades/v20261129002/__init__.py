"""20261129001 → 20261129002: the content model (units, people, rules,
answers, news audience) with its indexes, person workflow and member fields."""

from plone import api
from solna.intranet import logger
from solna.intranet.upgrades import import_steps


STEPS = (
    "rolemap",
    "typeinfo",
    "workflow",
    "catalog",
    "plone.app.registry",
    "repositorytool",
    "difftool",
    "usersschema",
)
NEW_INDEXES = (
    "audience",
    "priority",
    "must_read",
    "profession",
    "unit_kind",
    "category",
    "review_date",
)


def upgrade(context):
    import_steps(*STEPS)
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=list(NEW_INDEXES))
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Upgraded to 20261129002: content model installed")
