"""The förvaltning an item or person belongs to, indexed ("forvaltning"):
the search's unit facet counts and filters by it without waking objects."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
from solna.intranet.organisation.content import IUnit


@indexer(IDexterityContent)
def forvaltning(obj):
    """The UID of the nearest solna.Unit above (or being) ``obj`` whose kind
    is förvaltning; not indexed outside every förvaltning. People live in
    their unit, so theirs is their unit's."""
    for item in aq_chain(aq_inner(obj)):
        if IUnit.providedBy(item) and getattr(item, "kind", None) == "forvaltning":
            uid = getattr(item, "_plone.uuid", None)
            if uid:
                return uid
    raise AttributeError("forvaltning")
