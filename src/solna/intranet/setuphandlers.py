"""Install and uninstall handlers of solna.intranet."""

from plone import api
from plone.base.interfaces import INonInstallable
from solna.intranet import logger
from solna.intranet.accessibility.setup import install as install_statement
from solna.intranet.accessibility_fixes.setup import install as install_a11y
from solna.intranet.app.setup import install as install_app
from solna.intranet.app.setup import uninstall as uninstall_app
from solna.intranet.crisis.setup import install as install_crisis
from solna.intranet.dialogue.setup import create_communities_folder
from solna.intranet.forms.shipped import create_forms
from solna.intranet.login.names import forgiving_logins
from solna.intranet.login.setup import install as install_sign_in
from solna.intranet.login.setup import uninstall as uninstall_sign_in
from solna.intranet.push.setup import install as install_push
from solna.intranet.push.setup import uninstall as uninstall_push
from solna.intranet.search.setup import install as install_search
from solna.intranet.search.setup import uninstall as uninstall_search
from solna.intranet.swedish.setup import install as install_swedish
from solna.intranet.theme.setup import install as install_look
from solna.intranet.workflow.groups import create_groups
from zope.interface import implementer


PLONE_WORKFLOW = "simple_publication_workflow"
INTRANET_WORKFLOW = "solna_intranet_workflow"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Profiles the add-ons control panel does not offer."""
        return ["solna.intranet:uninstall", "solna.intranet:demo"]

    def getNonInstallableProducts(self):
        return []


def carry_over_states(portal, from_workflow, to_workflow, **query):
    """Give content that has a state in ``from_workflow`` the same state in
    ``to_workflow`` (the two share state ids: private, pending, published),
    then apply the new workflow's permissions to everything.

    Without this, installing on a site with content would turn every published
    page into a draft, and uninstalling would do the same the other way.
    ``query`` narrows it (``portal_type=...``) when one type changes workflow.
    """
    wf_tool = api.portal.get_tool("portal_workflow")
    target = wf_tool.getWorkflowById(to_workflow)
    catalog = api.portal.get_tool("portal_catalog")
    carried = 0
    # (An empty catalog query returns nothing: ask for everything by path.)
    for brain in catalog.unrestrictedSearchResults(
        path="/".join(portal.getPhysicalPath()), **query
    ):
        obj = brain._unrestrictedGetObject()
        history = getattr(obj, "workflow_history", {}) or {}
        if not history.get(from_workflow) or history.get(to_workflow):
            continue
        status = dict(history[from_workflow][-1])
        if status.get("review_state") not in target.states:
            continue
        status["action"] = None
        status["comments"] = "Tillstånd överfört vid byte av arbetsflöde"
        wf_tool.setStatusOf(to_workflow, obj, status)
        carried += 1
    changed = wf_tool.updateRoleMappings()
    logger.info(
        "Workflow %s -> %s: %d states carried over, %d objects updated",
        from_workflow,
        to_workflow,
        carried,
        changed,
    )
    catalog.reindexIndex(["review_state", "allowedRolesAndUsers"], None)


START_PAGE = "mitt-intranat"
PLONE_START_PAGE = "listing_view"


def set_start_page(portal):
    """Mitt intranät is the site's view (the type's default view too, but a
    site created earlier may have a view of its own set)."""
    if portal.getLayout() != START_PAGE:
        portal.setLayout(START_PAGE)


def post_install(context):
    """Post install script: close existing content with the intranet
    workflow; create the groups, the forms and the place for communities;
    Mitt intranät as the start page; login names without case; the sign-in
    routes; push notifications and the web app."""
    portal = api.portal.get()
    carry_over_states(portal, PLONE_WORKFLOW, INTRANET_WORKFLOW)
    create_groups()
    create_forms()
    create_communities_folder()
    set_start_page(portal)
    forgiving_logins(portal)
    install_sign_in(portal)
    install_push(portal)
    install_app(portal)
    install_look(portal)
    install_a11y(portal)
    install_statement(portal)
    install_swedish(portal)
    install_crisis(portal)
    install_search(portal)


def post_uninstall(context):
    """Post uninstall script: hand content back to Plone's workflow, the
    start page back to Plone's, and signing in to Plone's own plugins."""
    portal = api.portal.get()
    carry_over_states(portal, INTRANET_WORKFLOW, PLONE_WORKFLOW)
    if portal.getLayout() == START_PAGE:
        portal.setLayout(PLONE_START_PAGE)
    uninstall_sign_in(portal)
    uninstall_push(portal)
    uninstall_app(portal)
    uninstall_search(portal)
