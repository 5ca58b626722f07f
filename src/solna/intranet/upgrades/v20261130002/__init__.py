"""20261130001 → 20261130002: Solna's own face for phones (issue 18).

Brings the theme "solna" (plone.app.theming).
"""

from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("plone.app.theming")
