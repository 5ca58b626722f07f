"""Vocabularies of the organisation: the units."""

from plone import api
from solna.intranet.organisation.tree import titled_paths
from solna.intranet.organisation.tree import UNIT
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def units(context=None):
    """Every unit the current user may see, by UID, titled with its place in
    the organisation ("Förskola › Norra förskoleområdet › Solgläntans
    förskola"). Catalog only. Registered as ``solna.intranet.Units``."""
    brains = api.content.find(portal_type=UNIT, sort_on="path")
    return SimpleVocabulary(
        [
            SimpleTerm(brain.UID, brain.UID, " › ".join(parts))
            for brain, parts in titled_paths(brains)
        ]
    )
