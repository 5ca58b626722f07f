"""→ 20261201014: editors' pages load ``solna-i18n-preload`` before
mockup's bundle (resources/bundles.py), so mockup's texts are Swedish on a
day's first page too (folder contents stayed English when mockup drew it
before its catalog arrived)."""

from solna.intranet.resources.bundles import install


def upgrade(context):
    """Write the bundle records (idempotent)."""
    install()
