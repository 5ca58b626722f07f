"""20261130003 → 20261130004: search that understands Swedish (issue 20).

The lexicon ``solna_lexicon`` (catalog) and the text indexes SearchableText,
Title and Description moved onto it and filled again (search/setup.py); the
synonym list (registry) and its page Sök: synonymer (controlpanel).
"""

from plone import api
from solna.intranet.search.setup import install as install_search
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("catalog", "plone.app.registry", "controlpanel")
    install_search(api.portal.get())
