"""Synonyms for the intranet's own words, kept in the registry.

Record ``solna.intranet.search.synonyms`` (ISearchSettings, registry.xml):
a list of lines, each a comma-separated group of words or phrases that mean the same to
staff ("vab, vård av barn, vård av sjukt barn"). A text with one member is
indexed with the words of all (analysis.py), so a search for any finds it.
Webbredaktörer edit the list in Webbplatsinställningar (Sök: synonymer,
controlpanel.py); saving reindexes the documents that contain a word of a
changed group.
"""

from plone.registry.interfaces import IRegistry
from solna.intranet import _
from zope import schema
from zope.component import queryUtility
from zope.interface import Interface


RECORD = "solna.intranet.search.synonyms"

#: The list a new site starts with (also when no registry is at hand).
DEFAULT = (
    "vab, vård av barn, vård av sjukt barn",
    "sjukskrivning, sjukskriven, sjukfrånvaro, sjukledighet",
    "ATK, arbetstidskonto",
    "LAS, lagen om anställningsskydd, anställningsskyddslagen",
    "OB, obekväm arbetstid",
    "AB, allmänna bestämmelser",
    "dagis, förskola",
    "fritids, fritidshem",
    "rehab, rehabilitering",
    "friskvård, motion, träning",
    "föräldraledighet, föräldraledig, mammaledighet, pappaledighet",
    "lönespecifikation, lönebesked",
)


class ISearchSettings(Interface):
    """The search's settings in the registry (prefix solna.intranet.search)."""

    synonyms = schema.List(
        title=_("search_synonyms_field", default="Synonyms"),
        description=_(
            "search_synonyms_field_help",
            default="One group per line: words or phrases separated by commas.",
        ),
        value_type=schema.TextLine(),
        default=list(DEFAULT),
        required=False,
    )


#: Groups as earlier versions shipped them, and what they are now (the
#: upgrade to 20261201003 replaces a group nobody changed).
REPLACED = {
    "sjukskrivning, sjukfrånvaro, sjukledighet": (
        "sjukskrivning, sjukskriven, sjukfrånvaro, sjukledighet"
    ),
}


def groups():
    """The current groups (tuple of str): the registry's, else DEFAULT."""
    registry = queryUtility(IRegistry)
    value = registry.get(RECORD) if registry is not None else None
    return tuple(value) if value is not None else DEFAULT
