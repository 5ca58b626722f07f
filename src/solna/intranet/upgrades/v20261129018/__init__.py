"""20261129017 → 20261129018: a limit on guessing passwords (issue 16).

The guard (login/guard.py) joins the user folder as its only password check.
"""

from solna.intranet.login.setup import install_guard


def upgrade(context):
    install_guard()
