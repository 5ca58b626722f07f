"""The uninstall profile removes what the default profile added, and content
keeps its state when the site goes back to Plone's workflow (and forth)."""

from plone import api
from solna.intranet import PACKAGE_NAME

import pytest


@pytest.fixture
def published_page(portal):
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=portal, type="Document", id="rutiner", title="Rutiner"
        )
        api.content.transition(page, to_state="published")
    return page


def anonymous_may_view(obj):
    return "Anonymous" in {
        r["name"] for r in obj.rolesOfPermission("View") if r["selected"]
    }


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstall(self, portal, installer, published_page):
        self.portal = portal
        self.page = published_page
        # Closed while installed:
        assert not anonymous_may_view(published_page)
        installer.uninstall_product(PACKAGE_NAME)

    def test_product_uninstalled(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is False

    def test_browserlayer_removed(self, browser_layers):
        from solna.intranet.interfaces import ISolnaIntranetLayer

        assert ISolnaIntranetLayer not in browser_layers

    def test_workflows_removed_and_plone_chains_back(self):
        wf_tool = api.portal.get_tool("portal_workflow")
        assert "solna_intranet_workflow" not in wf_tool.objectIds()
        assert "solna_comment_workflow" not in wf_tool.objectIds()
        assert wf_tool.getDefaultChain() == ("simple_publication_workflow",)
        assert wf_tool.getChainForPortalType("Discussion Item") == (
            "comment_one_state_workflow",
        )

    def test_site_root_view_acquired_again(self):
        assert self.portal.acquiredRolesAreUsedBy("View") == "CHECKED"

    def test_published_content_stays_published(self):
        assert api.content.get_state(self.page) == "published"
        # ...in Plone's workflow, where published means public.
        assert anonymous_may_view(self.page)

    def test_start_page_and_indexes_go(self):
        """Mitt intranät goes with the add-on: Plone's start page again, and
        the catalog loses our indexes and columns."""
        assert self.portal.getLayout() == "listing_view"
        fti = api.portal.get_tool("portal_types")["Plone Site"]
        assert "mitt-intranat" not in fti.view_methods
        catalog = api.portal.get_tool("portal_catalog")
        for index in ("read_by", "unit_manager", "notice_to", "audience"):
            assert index not in catalog.indexes()
        for column in ("audience", "must_read_deadline", "notice_time"):
            assert column not in catalog.schema()

    def test_site_setup_is_plones_again(self):
        """The panels the add-on kept for IT (Manager) are Site
        Administrator's again, and RSS-flöden is Plone's Syndication."""
        for permission in (
            "Plone Site Setup: Themes",
            "Plone Site Setup: TinyMCE",
            "Plone Site Setup: Language",
            "Plone Site Setup: Filtering",
            "Inspect Relations",
        ):
            roles = {
                r["name"]
                for r in self.portal.rolesOfPermission(permission)
                if r["selected"]
            }
            assert roles == {"Manager", "Site Administrator"}, permission
        controlpanel = api.portal.get_tool("portal_controlpanel")
        configlets = {a.getId(): a for a in controlpanel.listActions()}
        assert configlets["resourceregistries"].permissions == (
            "Plone Site Setup: Site",
        )
        assert configlets["MemberFields"].permissions == (
            "Plone Site Setup: Users and Groups",
        )
        assert configlets["syndication"].title == "Syndication"
        assert configlets["syndication"].title.domain == "plone"
        action = api.portal.get_tool("portal_actions").object.syndication
        assert action.getProperty("title") == "Syndication"
        assert action.getProperty("i18n_domain") == "plone"

    def test_http_caching_is_off_and_our_rulesets_gone(self):
        """plone.app.caching stays installed (as the other add-ons we
        depend on), without our settings."""
        registry = api.portal.get_tool("portal_registry")
        assert not registry["plone.caching.interfaces.ICacheSettings.enabled"]
        assert not registry["plone.caching.interfaces.ICacheSettings.operationMapping"]
        assert (
            "plone.app.caching.weakCaching.plone.content.itemView.etags"
            not in registry.records
        )

    def test_reinstall_closes_it_again_and_keeps_the_state(self, installer):
        installer.install_product(PACKAGE_NAME)
        assert api.content.get_state(self.page) == "published"
        assert not anonymous_may_view(self.page)
        catalog = api.portal.get_tool("portal_catalog")
        (brain,) = catalog.unrestrictedSearchResults(UID=self.page.UID())
        indexed = catalog.getIndexDataForRID(brain.getRID())
        assert "Anonymous" not in indexed["allowedRolesAndUsers"]
        assert "Member" in indexed["allowedRolesAndUsers"]
