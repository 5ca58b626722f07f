"""20261130001 → 20261130002: Solna's own face for phones (issue 18).

Brings the theme "solna" (plone.app.theming); the task-first top navigation
(portal_tabs instead of generated tabs, navigation/setup.py) and the footer's
site actions pointing at the Tillgänglighetsredogörelse (actions); Plone's
footer portlets removed, our toolbar logo and favicon (theme/setup.py); the
statement page itself (accessibility/setup.py); light pages for those who do
not edit (bundle records, resources/bundles.py); TinyMCE's editing frame
named and its status bar in Swedish, Plone's groups titled in Swedish
(accessibility_fixes/setup.py, swedish/setup.py); comments' titles in the
catalog reindexed (Plone's Swedish left "${creator} om …" in them); no
toolbar for a comment's author on its own pages (the comment workflow
manages Show Toolbar: workflow, and the comments' role mappings).
"""

from plone import api
from solna.intranet.accessibility.setup import install as install_statement
from solna.intranet.accessibility_fixes.setup import install as install_a11y
from solna.intranet.navigation.setup import install as install_navigation
from solna.intranet.resources.bundles import install as install_bundles
from solna.intranet.swedish.setup import install as install_swedish
from solna.intranet.theme.setup import install as install_look
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("plone.app.theming", "workflow")
    site = api.portal.get()
    install_navigation(site)  # imports the actions step too
    install_look(site)
    install_statement(site)
    install_bundles(site)
    install_a11y(site)
    install_swedish(site)
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
        "solna_comment_workflow"
    )
    for brain in catalog.unrestrictedSearchResults(portal_type="Discussion Item"):
        comment = brain._unrestrictedGetObject()
        workflow.updateRoleMappingsFor(comment)
        comment.reindexObject(idxs=["Title", "allowedRolesAndUsers"])
