"""20261130003 → 20261130004: search that understands Swedish, and
statistics (issue 20).

The lexicon ``solna_lexicon`` (catalog) and the text indexes SearchableText,
Title and Description moved onto it and filled again (search/setup.py: with
the whole text of rules and answers, and the units' and people's words in
Swedish); the index ``forvaltning`` for the search's unit facet (catalog),
filled; the synonym list and the light script of the search suggestions
(registry) and the page Sök: synonymer (controlpanel); Statistik's
permissions (rolemap) and its place in the user menu (actions).
"""

from plone import api
from solna.intranet.search.setup import install as install_search
from solna.intranet.search.setup import TEXT_INDEXES
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "catalog", "plone.app.registry", "controlpanel", "actions")
    catalog = api.portal.get_tool("portal_catalog")
    if not install_search(api.portal.get()):
        # On the Swedish lexicon already: the new indexers' text.
        catalog.manage_reindexIndex(ids=list(TEXT_INDEXES))
    catalog.reindexIndex(["forvaltning"], None)
