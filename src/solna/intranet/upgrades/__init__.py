"""Upgrade steps of the solna.intranet:default profile.

Every change to profiles/default raises the version in metadata.xml (a date
and a counter: 20261129001) and adds a step here that brings an existing site
from the previous version to the new one, in a folder named after the new
version (``upgrades/v20270115001/``) holding its handler and, where the step
re-imports XML, its own small profile. ``make start`` runs pending steps on an
existing site.
"""

from plone import api


PROFILE = "profile-solna.intranet:default"


def import_steps(*steps):
    """Re-import these steps of the default profile (not its dependencies)."""
    setup = api.portal.get_tool("portal_setup")
    for step in steps:
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
