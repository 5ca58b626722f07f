"""What the profile sets up for Swedish search (post_install and the upgrade
to 20261130004).

The lexicon ``solna_lexicon`` comes from catalog.xml. A ZCTextIndex keeps
word ids of one lexicon, so moving the text indexes to it means new
indexes: ``SearchableText``, ``Title`` and ``Description`` are dropped and
added again on ``solna_lexicon`` (Okapi BM25, as Plone's), then filled.
"""

from plone import api
from solna.intranet import logger
from types import SimpleNamespace


LEXICON = "solna_lexicon"
#: The text indexes that get the Swedish analysis.
TEXT_INDEXES = ("SearchableText", "Title", "Description")


def install(site=None, lexicon=LEXICON):
    """Move the text indexes to ``lexicon`` (``solna_lexicon``; uninstall
    gives Plone's ``plone_lexicon``) and fill them; returns the ids of the
    indexes it moved (none when they were there already)."""
    catalog = api.portal.get_tool("portal_catalog")
    moved = []
    for name in TEXT_INDEXES:
        index = catalog._catalog.indexes.get(name)
        if index is not None and getattr(index, "lexicon_id", None) == lexicon:
            continue
        if index is not None:
            catalog.delIndex(name)
        extra = SimpleNamespace(
            doc_attr=name, index_type="Okapi BM25 Rank", lexicon_id=lexicon
        )
        catalog.addIndex(name, "ZCTextIndex", extra)
        moved.append(name)
    if moved:
        logger.info("Indexing %s with %s", ", ".join(moved), lexicon)
        catalog.manage_reindexIndex(ids=moved)
    return moved


def uninstall(site=None):
    """Plone's own lexicon back on the text indexes; ours removed."""
    install(site, lexicon="plone_lexicon")
    catalog = api.portal.get_tool("portal_catalog")
    if LEXICON in catalog.objectIds():
        catalog.manage_delObjects([LEXICON])
