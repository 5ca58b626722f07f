"""Task-first navigation on an existing site (the upgrade step calls
``install``; new sites get the same from profiles/default)."""

from plone import api


PROFILE = "profile-solna.intranet:default"


def install(site):
    """The top navigation lists the tasks of portal_tabs (Hem, Nyheter,
    Hitta kontakt, Blanketter, Frågor och svar, Organisation; our
    actions.xml) instead of the folders and förvaltningar at the site root:
    imports the profile's ``actions`` step and turns ``plone.generate_tabs``
    off (only that record, not the whole registry step). ``site``: the
    Plone site. Idempotent."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
    api.portal.set_registry_record("plone.generate_tabs", False)
