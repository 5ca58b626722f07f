"""The date an item was first published.

Plone sets a publishing date (``effective``) when an editor publishes on the
page (content_status_modify) but not over REST's ``@workflow`` without one,
nor through ``plone.api.content.transition``; and rules and answers have no
"Datum" tab to set one. Without it an item has Plone's floor date: it falls
out of the search's date facet (issue 20) and its page shows no date.
"""

from DateTime import DateTime
from plone.dexterity.interfaces import IDexterityContent


PUBLISHED = "published"
#: People are not dated: a colleague is not news of last week.
PERSON = "solna.Person"


def first_publication(obj, event):
    """IAfterTransitionEvent: an item (not a person) entering ``published``
    without a publishing date gets now (a date set before, e.g. a news item planned
    for tomorrow, is kept)."""
    if event.new_state is None or event.new_state.id != PUBLISHED:
        return
    if not IDexterityContent.providedBy(obj) or obj.portal_type == PERSON:
        return
    if getattr(obj, "effective_date", None) is not None:
        return
    obj.setEffectiveDate(DateTime())
    obj.reindexObject(idxs=["effective", "effectiveRange"])


def first_published(obj):
    """When the item was first published, from its workflow history (a
    DateTime), or None: for items published before the date was kept."""
    history = getattr(obj, "workflow_history", None) or {}
    times = [
        entry.get("time")
        for entries in history.values()
        for entry in entries
        if entry.get("review_state") == PUBLISHED and entry.get("time")
    ]
    return min(times) if times else None
