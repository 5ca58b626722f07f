"""20261129017 → 20261129018: signing in from one's own phone (issue 16).

Installs the sign-in routes' PAS plugins and settings (login/setup.py: the
limit on guessing, remembered devices and revocable tokens, one-time codes,
invitations, password reset, single sign-on when configured) and the
"Inloggade enheter" link among the personal actions.
"""

from plone import api
from solna.intranet.login.setup import install
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("actions", "rolemap")
    install(api.portal.get())
