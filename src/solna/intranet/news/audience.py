"""The audience as catalog tokens, and the query for the news meant for a
person. One KeywordIndex ``audience`` holds, per news item:

- ``all`` when it is meant for all staff;
- ``unit:<uid>`` per chosen unit, when only units are chosen;
- ``profession:<id>`` per chosen profession, when only professions are chosen;
- ``unit:<uid>|profession:<id>`` for each pair, when both are chosen.

A person in a unit with a profession matches with the tokens of the unit and
each unit above it: one catalog query, no Python filtering over news.
"""

from Acquisition import aq_base
from DateTime import DateTime
from plone import api
from plone.indexer import indexer
from solna.intranet.news.behaviors import IAudience
from solna.intranet.news.behaviors import IMustRead


ALL = "all"


def audience_tokens(all_staff, units, professions):
    if all_staff:
        return [ALL]
    units, professions = list(units or ()), list(professions or ())
    if units and professions:
        return [f"unit:{u}|profession:{p}" for u in units for p in professions]
    return [f"unit:{u}" for u in units] + [f"profession:{p}" for p in professions]


def tokens_of(obj):
    """The audience tokens of a news item."""
    behaviour = IAudience(obj)
    return audience_tokens(
        behaviour.audience_all,
        behaviour.audience_units,
        behaviour.audience_professions,
    )


@indexer(IAudience)
def audience(obj):
    return tokens_of(obj)


@indexer(IMustRead)
def read_by(obj):
    """The read-by date of must-read news (the reminder job's query)."""
    behaviour = IMustRead(obj)
    return behaviour.must_read_deadline if behaviour.must_read else None


def audience_on_creation(obj, event):
    """A news item created without an audience (over REST, or by someone
    who may not choose Alla medarbetare and so never saw the field) keeps
    the default of where it was written: that unit (with its sub-units), or
    all staff only when its writer may address them. Stored, so that moving
    the item later does not change whom it was for."""
    stored = aq_base(obj).__dict__
    for name in ("audience_all", "audience_units"):
        if name not in stored:
            setattr(obj, name, IAudience[name].bind(obj).default)


def date_on_publish(obj, event):
    """News published without a publishing date gets the time it was
    published (Plone's own form does the same; a transition through
    plone.api or a script does not): the start page's windows go by it."""
    transition = event.transition
    if transition is None or event.new_state.id != "published":
        return
    if obj.effective_date is None:
        obj.setEffectiveDate(DateTime())
        obj.reindexObject(idxs=["effective", "effectiveRange"])


def unit_and_ancestor_uids(unit):
    """The UIDs of a unit and of every unit above it."""
    from solna.intranet.organisation.content import IUnit

    uids = []
    while unit is not None and IUnit.providedBy(unit):
        uids.append(api.content.get_uuid(unit))
        unit = unit.__parent__
    return uids


def unit_chain(uid):
    """The brains of the unit with this UID and of every unit above it, the
    unit first (catalog only, unrestricted: a member's own unit)."""
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(portal_type="solna.Unit", UID=uid)
    if not uid or not found:
        return []
    path = found[0].getPath()
    ancestors = []
    while path.count("/") > 1:
        ancestors.append(path)
        path = path.rpartition("/")[0]
    brains = catalog.unrestrictedSearchResults(
        portal_type="solna.Unit", path={"query": ancestors, "depth": 0}
    )
    return sorted(brains, key=lambda b: -len(b.getPath()))


def tokens_for_uids(unit_uids, profession=None):
    """Every token a news item meant for a person can carry: ``unit_uids``
    are their unit's and those above it."""
    units = list(unit_uids or ())
    tokens = [ALL] + [f"unit:{u}" for u in units]
    if profession:
        tokens.append(f"profession:{profession}")
        tokens += [f"unit:{u}|profession:{profession}" for u in units]
    return tokens


def tokens_for(unit=None, profession=None):
    """Every token a news item meant for this person can carry."""
    units = unit_and_ancestor_uids(unit) if unit is not None else []
    return tokens_for_uids(units, profession)


def news_query(unit=None, profession=None, **query):
    """A catalog query for the news meant for a person in ``unit`` with
    ``profession``, newest first."""
    return news_query_for(tokens_for(unit, profession), **query)


def news_query_for(tokens, **query):
    """A catalog query for the news carrying one of ``tokens``, newest
    first."""
    return {
        "portal_type": "News Item",
        "audience": list(tokens),
        "sort_on": "effective",
        "sort_order": "descending",
        **query,
    }
