"""Setting up the sign-in routes in a site (issue 16): called by the
profile's post_install and by upgrade step 20261129018; each part is
idempotent."""

from solna.intranet.login import codes
from solna.intranet.login import devices
from solna.intranet.login import guard
from solna.intranet.login import invitations
from solna.intranet.login import reset
from solna.intranet.login import sso


PARTS = (guard, devices, codes, invitations, reset, sso)


def install(site):
    """Install every part's PAS plugins and settings in ``site``."""
    for part in PARTS:
        part.install(site)


def uninstall(site):
    """Remove what ``install`` added (the parts that added something)."""
    for part in reversed(PARTS):
        if hasattr(part, "uninstall"):
            part.uninstall(site)
