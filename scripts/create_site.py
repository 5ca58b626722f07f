"""Create the Solna intranät site, or bring an existing one up to date.

Run by ``make site`` (and so by ``make start``) as
``zconsole run instance/etc/zope.conf scripts/create_site.py``, which gives
this script ``app``, the Zope root. ``zconsole run`` leaves ``sys.argv``
unreliable, so options come from the environment:

- ``SITE_ID`` (default ``Plone``)
- ``DEMO`` (``yes``/``no``, default ``yes``): load the demo content and demo
  accounts on a new site.

A second run reuses the existing database: it creates nothing twice and loses
nothing, but runs the pending upgrade steps of our profile (and, on a demo
site whose demo changed since, brings the demo accounts and content up to
date: otherwise what someone deleted from the demo stays deleted).
"""

from AccessControl.SecurityManagement import newSecurityManager
from pathlib import Path
from plone.distribution.api import site as site_api
from solna.intranet.site import answers
from solna.intranet.site import DEMO_PROFILE
from solna.intranet.site import DISTRIBUTION
from solna.intranet.site import PROFILE
from solna.intranet.site import scripted
from solna.intranet.site import SITE_TITLE
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite

import hashlib
import os
import solna.intranet
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
DEMO = os.environ.get("DEMO", "yes").lower() in ("1", "yes", "true", "on")
# The address staff use (scripts/cluster.py gives the balancer's).
URL = os.environ.get("SITE_URL", f"http://localhost:8080/{SITE_ID}")


def as_admin(app):
    """Run as the Zope admin, so that the site and content get an owner.
    Links in mail sent meanwhile (the demo's review mail) use ``URL``."""
    app = scripted(app, URL, SITE_ID)
    admin = app.acl_users.getUser("admin")
    if admin is None:  # inituser not read yet: take any Zope manager
        admin = next(u for u in app.acl_users.getUsers() if "Manager" in u.getRoles())
    newSecurityManager(None, admin.__of__(app.acl_users))
    return app


def create(app):
    site = site_api.create(app, DISTRIBUTION, answers(SITE_ID))
    setSite(site)
    site.portal_setup.runAllImportStepsFromProfile(f"profile-{PROFILE}")
    if DEMO:
        site.portal_setup.runAllImportStepsFromProfile(f"profile-{DEMO_PROFILE}")
        IAnnotations(site)[DEMO_KEY] = demo_fingerprint()
    # Content creation can reset the title (PITFALLS.md): set it last.
    site.title = SITE_TITLE
    site.portal_registry["plone.site_title"] = SITE_TITLE
    transaction.commit()
    print(f"Created the site {SITE_ID!r} ({'with' if DEMO else 'without'} demo)")


#: Where the site keeps the fingerprint of the demo it last loaded.
DEMO_KEY = "solna.intranet.demo-fingerprint"


def demo_fingerprint():
    """A hash of the demo's code and profile (solna/intranet/demo/,
    profiles/demo/): it changes when the demo gains something."""
    package = Path(solna.intranet.__file__).parent
    digest = hashlib.sha256()
    for folder in (package / "demo", package / "profiles" / "demo"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".xml", ".json", ".txt"):
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def upgrade(site):
    setSite(site)
    setup = site.portal_setup
    if setup.getLastVersionForProfile(PROFILE) == "unknown":
        setup.runAllImportStepsFromProfile(f"profile-{PROFILE}")
        print(f"Installed {PROFILE} in the existing site {SITE_ID!r}")
    elif steps := setup.listUpgrades(PROFILE):
        setup.upgradeProfile(PROFILE)
        print(f"Ran {len(steps)} upgrade step(s) of {PROFILE}")
    if DEMO and setup.getLastVersionForProfile(DEMO_PROFILE) != "unknown":
        # A demo site gets what the demo gained since (new demo accounts,
        # their roles), once per change of the demo: what someone deleted
        # from it stays deleted at the next start (the demo creates what is
        # missing).
        annotations = IAnnotations(site)
        fingerprint = demo_fingerprint()
        if annotations.get(DEMO_KEY) != fingerprint:
            setup.runAllImportStepsFromProfile(
                f"profile-{DEMO_PROFILE}", ignore_dependencies=True
            )
            annotations[DEMO_KEY] = fingerprint
            print("Brought the demo content and accounts up to date")
    transaction.commit()
    print(f"The site {SITE_ID!r} exists: reusing it, nothing was removed")


def print_accounts():
    from solna.intranet.demo.accounts import DEMO_ACCOUNTS
    from solna.intranet.demo.accounts import DEMO_PASSWORD

    print()
    print(f"  Solna intranät: {URL}")
    print("  Zope admin:      admin (password as set when the instance was created)")
    if DEMO:
        print(f"  Demo accounts (password {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            print(f"    {account.userid:<16} {account.role}")
    print()


app = as_admin(app)  # noqa: F821 - zconsole gives us app
if SITE_ID in app.objectIds():
    upgrade(app[SITE_ID])
else:
    create(app)
print_accounts()
# Close the database cleanly, so that Zope need not rebuild the index at start.
app._p_jar.db().close()
