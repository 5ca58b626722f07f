"""The default profile installs a closed, Swedish intranet with its add-ons."""

from plone import api
from solna.intranet import PACKAGE_NAME

import pytest


class TestInstall:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal

    def test_product_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is True

    @pytest.mark.parametrize(
        "package",
        ["plone.restapi", "plone.app.discussion", "collective.easyform"],
    )
    def test_dependency_installed(self, installer, package):
        assert installer.is_product_installed(package) is True

    def test_browserlayer(self, browser_layers):
        from solna.intranet.interfaces import ISolnaIntranetLayer

        assert ISolnaIntranetLayer in browser_layers

    def test_last_version_is_metadata_version(self, profile_last_version, setup_tool):
        metadata_version = setup_tool.getVersionForProfile(f"{PACKAGE_NAME}:default")
        assert profile_last_version(f"{PACKAGE_NAME}:default") == metadata_version

    def test_site_is_swedish(self):
        assert api.portal.get_registry_record("plone.default_language") == "sv"
        assert api.portal.get_registry_record("plone.available_languages") == [
            "sv",
            "en",
        ]
        assert self.portal.Language() == "sv"

    def test_site_title_and_timezone(self):
        assert self.portal.title == "Solna intranät"
        assert (
            api.portal.get_registry_record("plone.portal_timezone")
            == "Europe/Stockholm"
        )
        assert api.portal.get_registry_record("plone.first_weekday") == 0

    def test_comments_enabled_for_staff_only(self):
        prefix = "plone.app.discussion.interfaces.IDiscussionSettings"
        assert api.portal.get_registry_record(f"{prefix}.globally_enabled") is True
        assert api.portal.get_registry_record(f"{prefix}.anonymous_comments") is False

    def test_news_are_not_in_the_navigation(self):
        displayed = api.portal.get_registry_record("plone.displayed_types")
        assert "News Item" not in displayed
        assert "Folder" in displayed


class TestWorkflows:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.wf_tool = api.portal.get_tool("portal_workflow")

    def test_default_chain_is_the_intranet_workflow(self):
        assert self.wf_tool.getDefaultChain() == ("solna_intranet_workflow",)

    @pytest.mark.parametrize(
        "portal_type", ["Document", "Folder", "News Item", "Event", "EasyForm"]
    )
    def test_content_types_use_the_intranet_workflow(self, portal_type):
        assert self.wf_tool.getChainForPortalType(portal_type) == (
            "solna_intranet_workflow",
        )

    def test_comments_use_the_closed_comment_workflow(self):
        assert self.wf_tool.getChainForPortalType("Discussion Item") == (
            "solna_comment_workflow",
        )

    @pytest.mark.parametrize(
        "workflow_id", ["solna_intranet_workflow", "solna_comment_workflow"]
    )
    def test_no_state_grants_anything_to_anonymous(self, workflow_id):
        workflow = self.wf_tool[workflow_id]
        for state in workflow.states.values():
            for permission, roles in (state.permission_roles or {}).items():
                assert "Anonymous" not in roles, (state.id, permission)

    def test_site_root_view_is_not_acquired_and_not_anonymous(self, portal):
        roles = {r["name"] for r in portal.rolesOfPermission("View") if r["selected"]}
        assert "Anonymous" not in roles
        assert "Member" in roles
        assert portal.acquiredRolesAreUsedBy("View") == ""
