"""20261201002 → 20261201003: the synonym group for being off sick also
holds "sjukskriven" ("Får jag lön när jag är sjukskriven?" is found by
"sjukskrivning"; search/synonyms.py). Only a group a Webbredaktör has not
changed is replaced; saving the list reindexes the documents it touches
(search/controlpanel.py)."""

from plone import api
from solna.intranet.search.synonyms import RECORD
from solna.intranet.search.synonyms import REPLACED


def upgrade(context):
    current = api.portal.get_registry_record(RECORD, default=None)
    if not current:
        return
    updated = [REPLACED.get(line, line) for line in current]
    if updated != list(current):
        api.portal.set_registry_record(RECORD, updated)
