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
from plone.indexer import indexer
from solna.intranet.news.behaviors import IAudience
from solna.intranet.news.behaviors import IMustRead
from solna.intranet.organisation.tree import ancestor_uids


ALL = "all"


def token(unit=None, profession=None):
    """One audience token, the only place one is written: ``unit:<uid>``,
    ``profession:<id>``, ``unit:<uid>|profession:<id>``, or ``all`` when
    neither is given."""
    if unit and profession:
        return f"unit:{unit}|profession:{profession}"
    if unit:
        return f"unit:{unit}"
    if profession:
        return f"profession:{profession}"
    return ALL


def parse(value):
    """The reverse of ``token``: (unit UID or None, profession id or None);
    (None, None) for ``all``. Raises ValueError for text that is no token."""
    if value == ALL:
        return None, None
    unit = profession = None
    for part in value.split("|"):
        kind, _sep, rest = part.partition(":")
        if kind == "unit" and rest and unit is None:
            unit = rest
        elif kind == "profession" and rest and profession is None:
            profession = rest
        else:
            raise ValueError(f"not an audience token: {value!r}")
    return unit, profession


def audience_tokens(all_staff, units, professions):
    """The tokens of a news item: [``all``] for all staff; else one per
    chosen unit, or per chosen profession, or per (unit, profession) pair
    when both are chosen."""
    if all_staff:
        return [ALL]
    units, professions = list(units or ()), list(professions or ())
    if units and professions:
        return [token(u, p) for u in units for p in professions]
    return [token(unit=u) for u in units] + [token(profession=p) for p in professions]


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


def tokens_for_uids(unit_uids, profession=None):
    """Every token a news item meant for a person can carry: ``all``, and
    for ``unit_uids`` (their unit's UID and those of the units above it) and
    ``profession`` the tokens ``audience_tokens`` writes for them."""
    units = list(unit_uids or ())
    tokens = [ALL] + [token(unit=u) for u in units]
    if profession:
        tokens.append(token(profession=profession))
        tokens += [token(u, profession) for u in units]
    return tokens


def tokens_for(unit=None, profession=None):
    """Every token a news item meant for this person can carry."""
    units = ancestor_uids(unit) if unit is not None else []
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
