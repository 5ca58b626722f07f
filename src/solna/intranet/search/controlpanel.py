"""Sök: synonymer — the synonym list in Webbplatsinställningar (Site Setup),
for Webbredaktörer (Site Administrator), and what saving it reindexes.

REST: the list is the registry record ``solna.intranet.search.synonyms``
(plone.restapi ``@registry``, same permission).
"""

from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from solna.intranet import _
from solna.intranet import logger
from solna.intranet.search import analysis
from solna.intranet.search.setup import TEXT_INDEXES
from solna.intranet.search.synonyms import ISearchSettings
from solna.intranet.search.synonyms import RECORD


class SynonymsForm(RegistryEditForm):
    schema = ISearchSettings
    schema_prefix = "solna.intranet.search"
    label = _("search_synonyms_label", default="Search: synonyms")
    description = _(
        "search_synonyms_help",
        default="One group per line, the words separated by commas: a search "
        "for one finds documents with any of them (e.g. vab, vård av barn). "
        "Saving updates the search for the documents concerned.",
    )


SynonymsView = layout.wrap_form(SynonymsForm, ControlPanelFormWrapper)


def changed(settings, event):
    """IRecordModifiedEvent: reindex the text of the documents that contain
    a word of a group that was added, changed or removed, so the change
    holds at once for them (and only them)."""
    if getattr(event.record, "__name__", None) != RECORD:
        return
    old, new = set(event.oldValue or ()), set(event.newValue or ())
    members = {m.strip() for line in old ^ new for m in line.split(",") if m.strip()}
    if not members:
        return
    catalog = api.portal.get_tool("portal_catalog")
    paths = set()
    for member in members:
        query = analysis.query_text(member, prefix=False)
        if query:
            found = catalog.unrestrictedSearchResults(SearchableText=query)
            paths.update(b.getPath() for b in found)
    for path in paths:
        obj = catalog.unrestrictedTraverse(path, None)
        if obj is not None:
            obj.reindexObject(idxs=list(TEXT_INDEXES))
    logger.info("Synonyms changed: %d documents reindexed", len(paths))
