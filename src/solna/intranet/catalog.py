"""Catalog searches for members that do not read the publishing dates of
the whole site.

Plone's CatalogTool adds ``effectiveRange=now`` to every search by a member
who may not see inactive content (Products.CMFPlone.CatalogTool's
``searchResults``); its DateRangeIndex answers that by uniting its sets for
every date up to now, so the cost grows with the site, whatever else the
query asks: at 20,000 news, half of what ``@mitt-intranat`` spent in the
catalog (issue 21). ``search`` asks with ``show_inactive`` and keeps the
brains in effect itself, among the few that the other indexes and the sort
limit leave: the same brains as Plone's query gives.
"""

from Acquisition import aq_base
from DateTime import DateTime
from plone import api
from plone.memoize.volatile import DontCache
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from solna.intranet.tools import tool

import bisect


def in_effect(brain, now):
    """Is the brain's item in effect at ``now`` (a DateTime), as Plone's
    ``effectiveRange`` asks: effective ≤ now ≤ expires, a missing date
    being no limit."""
    effective, expires = brain.effective, brain.expires
    return (not isinstance(effective, DateTime) or effective <= now) and (
        not isinstance(expires, DateTime) or now <= expires
    )


def window(brain):
    """The brain's (effective, expires) in seconds since the epoch, None for
    a missing date: what a memory cache keeps to ask ``in_window`` later
    (a DateTime takes some 500 bytes)."""
    return tuple(
        date.timeTime() if isinstance(date, DateTime) else None
        for date in (brain.effective, brain.expires)
    )


def in_window(kept, now):
    """``in_effect`` for a ``window`` at ``now`` (seconds since the epoch)."""
    effective, expires = kept
    return (effective is None or effective <= now) and (
        expires is None or now <= expires
    )


def catalog_counter():
    """The catalog's counter (any change of the site's content), for the
    key of a memory cache (plone.memoize's ``ram.cache``).

    Raises plone.memoize's ``DontCache`` when this transaction changed the
    catalog itself: what is worked out now may yet be rolled back, and
    another transaction may commit the same counter (a conflict-resolving
    ``Length``), so it must not be kept under that counter."""
    catalog = tool("portal_catalog")
    value = catalog.getCounter()  # indexes what is queued first
    counter = getattr(aq_base(catalog), "_counter", None)
    if getattr(counter, "_p_changed", False):
        raise DontCache
    return value


def viewer_key(*portal_types):
    """Who is asking, as far as the catalog's answers about items of these
    ``portal_types`` can differ: the roles and groups that may grant View
    (``allowedRolesAndUsers``), the member's own id only if some such item
    grants View to her by name (her own items, a local role), and whether
    she may see inactive content. A tuple, for a memory cache's key:
    colleagues with the same roles and groups share it, and a member never
    gets an answer that someone with other rights found."""
    catalog = tool("portal_catalog")
    user = tool("portal_membership").getAuthenticatedMember()
    grants = catalog._listAllowedRolesAndUsers(user)
    own = f"user:{user.getId()}"
    return (
        tuple(sorted(g for g in grants if g != own)),
        own if granted_by_name(catalog, own, portal_types) else None,
        catalog.allow_inactive({}),
    )


def granted_by_name(catalog, own, portal_types):
    """Whether an item of one of ``portal_types`` (str) grants View to
    ``own`` ("user:<id>") by name, whatever its publishing dates: read
    from the indexes, the items granting ``own`` (few: her own items,
    her local roles) looked up one by one in the type index's record →
    type map until one is of those types (bool).

    A catalog query of the same (``portal_type`` and
    ``allowedRolesAndUsers``) first unions the records of each type, all
    20,000 news for "News Item": a tenth of the unit page's CPU, on
    every page whose caches ask who is asking (issue 21)."""
    catalog.getCounter()  # indexes what is queued first, as a search does
    indexes = catalog._catalog.indexes
    roles, types = indexes.get("allowedRolesAndUsers"), indexes.get("portal_type")
    if not isinstance(roles, KeywordIndex) or not isinstance(types, FieldIndex):
        # Not the indexes Plone makes: ask the catalog.
        found = catalog.unrestrictedSearchResults(
            portal_type=list(portal_types), allowedRolesAndUsers=own
        )
        return bool(len(found))
    records = roles._index.get(own)
    if records is None:
        return False
    if isinstance(records, int):  # UnIndex keeps a single record as itself
        records = (records,)
    wanted = set(portal_types)
    type_of = types._unindex
    return any(type_of.get(record) in wanted for record in records)


def search(limit=None, **query):
    """``portal_catalog.searchResults(**query)`` as the current member gets
    it, as a list of brains, for listings.

    With ``limit`` (and a ``sort_on``): the first ``limit`` brains in
    effect, asking the catalog for more while items not yet in effect
    (scheduled news, sorted first) crowd them out. Members who may see
    inactive content (*Access inactive portal content*) get it, as Plone
    gives it to them."""
    catalog = api.portal.get_tool("portal_catalog")
    if catalog.allow_inactive(query):
        if limit:
            return list(catalog.searchResults(sort_limit=limit, **query)[:limit])
        return list(catalog.searchResults(**query))
    now = DateTime()
    if not limit:
        found = catalog.searchResults(show_inactive=True, **query)
        return [b for b in found if in_effect(b, now)]
    asked = limit
    while True:
        found = catalog.searchResults(show_inactive=True, sort_limit=asked, **query)
        found = found[:asked]
        kept = [b for b in found if in_effect(b, now)]
        if len(kept) >= limit or len(found) < asked:
            return kept[:limit]
        asked *= 2


def _bucket_of(tree, key):
    """The bucket of the BTree ``tree`` that holds ``key`` (or would), None
    for a tree kept in one piece (empty, or one bucket inside its node).
    Walks the tree's nodes by their states (BTrees' documented
    ``__getstate__``: ``((child, key, child, …), first bucket)``); loads
    only nodes, which reading the key loaded already."""
    node = tree
    while isinstance(node, type(tree)):
        state = node.__getstate__()
        if not state or len(state) < 2:
            return None
        children = state[0]
        keys = children[1::2]
        node = children[2 * bisect.bisect_right(keys, key)]
    return node


def release_records(brains):
    """Let the ZODB drop, from this connection's cache, the catalog's
    metadata buckets that hold ``brains``' records (an iterable of catalog
    brains), once what a memory cache keeps has been made of them.

    A record is read with its bucket (~30 records of ~3.5 KB in memory:
    four DateTimes of ~500 bytes each). A unit's 113 people lie in 116
    buckets over the whole site (~12 MB), which would stay in each
    connection's cache, unused while the memory cache answers (issue 21:
    peak memory of one process; an estimate: the peak fell by 8–10 MB).
    Buckets this transaction changed, or made, are left as they are
    (``_p_deactivate`` does not drop changes); a bucket read again (it also
    holds other items' records) is loaded again. Returns how many buckets
    were released."""
    catalog = api.portal.get_tool("portal_catalog")
    data = catalog._catalog.data
    found = []
    for rid in sorted(brain.getRID() for brain in brains):
        if found and rid <= found[-1].maxKey():
            continue  # in the bucket of the record before it
        bucket = _bucket_of(data, rid)
        if bucket is None:
            return 0  # the records are in the tree's own node
        found.append(bucket)
    for bucket in found:
        bucket._p_deactivate()
    return len(found)
