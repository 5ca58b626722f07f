"""When news is a crisis, who may raise one, and when it is active.

A crisis is a news item with priority Kris. It is **active** from its
publication (its publishing date) until its end time (the item's
expiration date) or until Krisledning ends it (``end``: "Avsluta
krisläge", which records when and by whom). The catalog answers "which
crises are active for this member" in one query: ``crisis_open`` (a
BooleanIndex: Kris and not ended), ``review_state``, ``effectiveRange``
(published and not expired) and the member's ``audience`` tokens
(news/audience.py), so a page view costs one query and wakes no object.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from DateTime import DateTime
from plone import api
from plone.indexer import indexer
from plone.memoize import ram
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import in_effect
from solna.intranet.catalog import in_window
from solna.intranet.catalog import window
from solna.intranet.news.behaviors import IPriority
from solna.intranet.news.readers import Member

import datetime


#: The permission (title) that lets one raise, end and follow up a crisis.
PUBLISH_CRISIS = "solna.intranet: Publish crisis information"
#: The priority value that makes news a crisis (vocabularies.py).
KRIS = "kris"
#: The profile's group of those who may raise a crisis.
CRISIS_GROUP = "krisledning"
#: Attributes stored on the item when Krisledning ends the crisis.
ENDED, ENDED_BY = "crisis_ended", "crisis_ended_by"


def is_crisis(item):
    """Is ``item`` news with priority Kris?"""
    priority = IPriority(item, None)
    return priority is not None and getattr(priority, "priority", None) == KRIS


def may_raise(context):
    """May the current user raise (or end, or follow up) a crisis at
    ``context``? (Permission PUBLISH_CRISIS.)"""
    return bool(getSecurityManager().checkPermission(PUBLISH_CRISIS, context))


def ended(item):
    """(when: aware datetime in UTC, by: user id) once Krisledning ended the
    crisis, else None."""
    when = getattr(aq_base(item), ENDED, None)
    if when is None:
        return None
    return when, getattr(aq_base(item), ENDED_BY, "")


def end(item, userid, now=None):
    """Avsluta krisläge: record when and by whom, and take the item out of
    the active crises (index ``crisis_open``). Ending twice keeps the first
    time. Returns (when, by). The caller checks ``may_raise``."""
    already = ended(item)
    if already is not None:
        return already
    when = now or datetime.datetime.now(datetime.UTC)
    setattr(item, ENDED, when)
    setattr(item, ENDED_BY, userid)
    item.reindexObject(idxs=["crisis_open"])
    return when, userid


def under_way(item):
    """Is ``item`` published and, if a crisis, not ended (its priority,
    publishing and end time aside)? (security/grants.py asks it of an item
    whose priority is being changed from Kris.)"""
    return (
        ended(item) is None and api.content.get_state(item, default=None) == "published"
    )


def is_live(item):
    """Is ``item`` a crisis that is under way: Kris, published and not
    ended (its publishing or end time aside)? Then only those who may raise
    a crisis change, retract or delete it (raising.py)."""
    return is_crisis(item) and under_way(item)


def is_active(item, now=None):
    """Is the crisis ``item`` active now: Kris, published, its publishing
    date reached, not expired and not ended?"""
    if not is_crisis(item) or ended(item) is not None:
        return False
    if api.content.get_state(item, default=None) != "published":
        return False
    moment = DateTime(now) if now is not None else DateTime()
    # As the catalog reads them: an item created with effective=… (tests,
    # scripts) holds the date itself in place of the method.
    effective, expires = (
        value() if callable(value) else value
        for value in (item.effective, item.expires)
    )
    return effective <= moment and (expires is None or moment < expires)


@indexer(IPriority)
def crisis_open(obj):
    """Index ``crisis_open``: Kris and not ended (publication and end time
    are the catalog's ``review_state`` and ``effectiveRange``)."""
    return is_crisis(obj) and ended(obj) is None


def active_query(tokens=None, **query):
    """The catalog query for active crises, newest first; with ``tokens``
    (audience tokens, news/audience.py) only those meant for them."""
    found = {
        "portal_type": "News Item",
        "crisis_open": True,
        "review_state": "published",
        "effectiveRange": DateTime(),
        "sort_on": "effective",
        "sort_order": "descending",
        **query,
    }
    if tokens is not None:
        found["audience"] = list(tokens)
    return found


def search_active(tokens=None, unrestricted=False):
    """Catalog brains of the active crises (``active_query``), newest first,
    for every page: the publishing dates are checked on the few open crisis
    news found, not with ``effectiveRange`` over every item of the site,
    whose cost grows with the site (catalog.py, issue 21). Unrestricted, or
    as the current member may see them."""
    query = active_query(tokens)
    now = query.pop("effectiveRange")
    catalog = api.portal.get_tool("portal_catalog")
    if unrestricted:
        found = catalog.unrestrictedSearchResults(**query)
    else:
        found = catalog.searchResults(show_inactive=True, **query)
    return [brain for brain in found if in_effect(brain, now)]


def _windows_key(method):
    catalog = api.portal.get_tool("portal_catalog")
    return ("/".join(catalog.getPhysicalPath()), catalog_counter())


@ram.cache(_windows_key)
def _open_windows():
    """The ``catalog.window`` of every open, published crisis news, whoever
    it is meant for; kept until the catalog changes."""
    query = active_query()
    query.pop("effectiveRange")
    catalog = api.portal.get_tool("portal_catalog")
    return tuple(window(brain) for brain in catalog.unrestrictedSearchResults(**query))


def any_active(now=None):
    """Whether some crisis is active at ``now`` (a DateTime; now), for
    anyone. Most pages are drawn when none is: then nobody's audience is
    worked out nor searched for (``active_for``; 4 % of a page, issue 21)."""
    now = (now or DateTime()).timeTime()
    return any(in_window(kept, now) for kept in _open_windows())


def active_for(userid):
    """Catalog brains of the crises active now that are meant for the member
    ``userid`` (their unit and the units above it, their profession, or all
    staff), newest first; [] at once when no crisis is active
    (``any_active``). Unrestricted: a crisis meant for a member is
    published, so she may see it."""
    if not any_active():
        return []
    return search_active(Member(userid).tokens, unrestricted=True)


def active():
    """Catalog brains of every active crisis (for Krisledning and jobs)."""
    return search_active(unrestricted=True)
