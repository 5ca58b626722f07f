"""The date an item was first published.

Plone sets a publishing date (``effective``) when an editor publishes on the
page (content_status_modify) but not over REST's ``@workflow`` without one,
nor through ``plone.api.content.transition``; and rules and answers have no
field for one (no plone.publication behaviour). Without it an item has
Plone's floor date: it falls out of the search's date facet (issue 20).
"""

from DateTime import DateTime
from plone.app.dexterity.behaviors.metadata import IPublication
from plone.dexterity.interfaces import IDexterityContent


PUBLISHED = "published"
#: People are not dated: a colleague is not news of last week.
PERSON = "solna.Person"


def first_publication(obj, event):
    """IAfterTransitionEvent: an item entering ``published`` without a
    publishing date, of a type that has no field for one (rules, answers,
    units; not people), gets now. Types with Plone's publishing dates
    (news, pages) keep what the editor or Plone's publish set."""
    if event.new_state is None or event.new_state.id != PUBLISHED:
        return
    if not IDexterityContent.providedBy(obj) or obj.portal_type == PERSON:
        return
    if IPublication(obj, None) is not None:
        return  # the editor sets the date (news: Plone's publish does)
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
