"""Upgrade steps of the solna.intranet:default profile.

One idiom, after kitconcept.intranet: one folder per profile version, named
after the version the step leads to, holding exactly one registered step.
To add the next upgrade (say 20270115001):

1. Raise ``<version>`` in profiles/default/metadata.xml to 20270115001 (a
   date and a counter; never change an existing version, title or step).
2. Add the package ``upgrades/v20270115001/`` (the ``v`` because a Python
   package name cannot start with a digit) with an ``__init__.py`` whose
   docstring says what the version brings, and a ``configure.zcml``;
   include it at the end of ``upgrades/configure.zcml``
   (``<include package=".v20270115001" />``).
3. In that ``configure.zcml``, with ``profile="solna.intranet:default"``,
   ``source`` the previous version and ``destination`` the new one:

   - a step that only re-imports import steps of our profile (rolemap,
     typeinfo, workflow, actions, catalog, plone.app.registry,
     componentregistry ...) is a ``<genericsetup:upgradeDepends
     import_steps="rolemap typeinfo" .../>``, without Python;
   - a step that needs Python is a ``<genericsetup:upgradeStep
     handler=".upgrade" .../>``, the function ``upgrade(context)`` in that
     version's ``__init__.py``. It re-imports what it needs first, with
     ``import_steps(...)`` below, then does its work, so that the version
     stays one step with one title.

4. Test it in tests/setup/test_upgrades.py: set a site back to the previous
   version (``setup_tool.setLastVersionForProfile``), make it look like a
   site of that version, run ``setup_tool.upgradeProfile`` and check what the
   step should have changed. The tests there also check that the last step
   leads to the version in metadata.xml and that every step runs.

``make site`` (and so ``make start``) runs pending steps on an existing site.
"""

from plone import api


PROFILE = "profile-solna.intranet:default"


def import_steps(*steps):
    """Re-import these steps of the default profile (not its dependencies)."""
    setup = api.portal.get_tool("portal_setup")
    for step in steps:
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
