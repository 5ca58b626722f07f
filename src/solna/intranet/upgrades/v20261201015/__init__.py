"""→ 20261201015: Plone's social media tags hidden (viewlets.xml): drawn
only for visitors not signed in, who see nothing but the login, they read
the social media settings on every member's page (issue 21)."""

from plone import api


def upgrade(context):
    """Run the profile's viewlets step (idempotent)."""
    api.portal.get_tool("portal_setup").runImportStepFromProfile(
        "profile-solna.intranet:default", "viewlets", run_dependencies=False
    )
