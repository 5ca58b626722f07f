"""20261129003 → 20261129004: workflow-driven publishing.

Roles and groups, the Arkiverad state, the HR rule workflow with working
copies (plone.app.iterate), unit managers and editors, the review behaviour
on units and answers, and the catalog columns of the stale content report.
"""

from plone import api
from plone.base.utils import get_installer
from solna.intranet import logger
from solna.intranet.setuphandlers import carry_over_states
from solna.intranet.setuphandlers import INTRANET_WORKFLOW
from solna.intranet.upgrades import import_steps
from solna.intranet.workflow.groups import create_groups


def upgrade(context):
    installer = get_installer(api.portal.get())
    if not installer.is_product_installed("plone.app.iterate"):
        installer.install_product("plone.app.iterate")
    import_steps(
        "rolemap", "workflow", "typeinfo", "catalog", "plone.app.registry", "actions"
    )
    create_groups()
    # Rules keep their state in their new workflow (same state ids); this
    # also applies every workflow's new permissions and reindexes security.
    portal = api.portal.get()
    carry_over_states(
        portal, INTRANET_WORKFLOW, "solna_rule_workflow", portal_type="solna.Rule"
    )
    # The new metadata columns (review date, responsible) of what has them.
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type=["solna.Rule", "solna.Answer", "solna.Unit"]
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=["review_date"])
    logger.info("Upgraded to 20261129004")
