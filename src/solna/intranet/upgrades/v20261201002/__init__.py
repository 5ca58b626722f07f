"""20261201001 → 20261201002: TinyMCE's image sizes titled in Swedish
(Stor, Mellan, Liten instead of Large, Medium, Small: the registry's
plone.picture_variants, where IT has not renamed them; swedish/setup.py,
issue 18)."""

from plone import api
from solna.intranet.swedish.setup import install as install_swedish


def upgrade(context):
    install_swedish(api.portal.get())
