"""The demo content of ``make start`` (profile solna.intranet:demo) in a test
site: the test collection (collection.py) names its documents."""

from plone import api


DEMO_PROFILE = "profile-solna.intranet:demo"


def load_demo(portal):
    """Apply the demo profile: its accounts (password
    demo.accounts.DEMO_PASSWORD) and its content, as ``make start`` does."""
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_setup").runAllImportStepsFromProfile(DEMO_PROFILE)
