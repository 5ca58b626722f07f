"""The unit tree (organisationsträdet): walking up from a unit or an item to
the units above it, down to the units under it, and nesting units by path.

Units (``solna.Unit``) nest in folders as the organisation does: förvaltning
› område › enhet. Every walk here is either an acquisition walk over objects
already woken or one catalog query (unrestricted where a member's own unit
must be found even when they may not view it); none wakes the units it
finds. Catalog paths are physical paths joined by "/", as ``brain.getPath()``
returns them.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from solna.intranet.organisation.content import IUnit
from solna.intranet.tools import kept_on
from zope.globalrequest import getRequest


UNIT = "solna.Unit"


def nearest_unit(context):
    """The unit ``context`` is in (itself, its container, or a unit above
    it), or None outside every unit. ``context``: any content object."""
    for obj in aq_chain(aq_inner(context)):
        if IUnit.providedBy(obj):
            return obj
    return None


def ancestor_uids(unit):
    """[UID of ``unit``, UID of its parent unit, …] up to the top unit; []
    for None."""
    uids = []
    while unit is not None and IUnit.providedBy(unit):
        uids.append(api.content.get_uuid(unit))
        unit = unit.__parent__
    return uids


def parent_paths(path):
    """The catalog paths above ``path``, nearest first, without the Zope
    root: "/Plone/a/b" → ["/Plone/a", "/Plone"]."""
    found = []
    path = path.rpartition("/")[0]
    while path:
        found.append(path)
        path = path.rpartition("/")[0]
    return found


def is_within(path, ancestor):
    """Is the item at catalog path ``path`` ``ancestor`` or under it?"""
    return (path + "/").startswith(ancestor.rstrip("/") + "/")


def nearest(path, paths):
    """The nearest of ``paths`` (a set or dict keyed by catalog path) that is
    ``path`` or above it, or None."""
    for candidate in (path, *parent_paths(path)):
        if candidate in paths:
            return candidate
    return None


def _unit_brain(uid):
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(portal_type=UNIT, UID=uid) if uid else []
    return found[0] if found else None


#: Where a request keeps the chains it asked for: {(uid, catalog counter):
#: brains}. A page asks for the member's chain three times (the feed, the
#: notices, the crisis banner); the catalog's counter changes with every
#: change to the catalog, so a unit moved in the same request is not missed.
CHAINS = "_solna_unit_chains"


def chain(uid):
    """The catalog brains of the unit with this UID and of every unit above
    it, the unit first; [] for an unknown UID (two queries, unrestricted: a
    member's own unit; asked once per request and state of the catalog)."""
    catalog = api.portal.get_tool("portal_catalog")
    request = getRequest()
    memo = kept_on(request, CHAINS)
    if memo is None and request is not None:
        memo = {}
        setattr(request, CHAINS, memo)
    key = (uid, catalog.getCounter())
    if memo is not None and key in memo:
        return list(memo[key])
    found = _chain(uid)
    if memo is not None:
        memo[key] = found
    return list(found)


def _chain(uid):
    brain = _unit_brain(uid)
    if brain is None:
        return []
    path = brain.getPath()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=UNIT, path={"query": [path, *parent_paths(path)], "depth": 0}
    )
    return sorted(brains, key=lambda b: -len(b.getPath()))


def subtree_uids(uid):
    """The UIDs of the unit with this UID and of every unit under it; [] for
    an unknown UID (unrestricted)."""
    brain = _unit_brain(uid)
    return uids_under([brain.getPath()]) if brain is not None else []


def uids_under(paths):
    """The UIDs of the units at or under the catalog ``paths`` (one
    unrestricted query; [] for no paths)."""
    if not paths:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    return [
        b.UID
        for b in catalog.unrestrictedSearchResults(portal_type=UNIT, path=list(paths))
    ]


def units_under(context, **query):
    """{catalog path: brain} of the units at or under ``context`` that the
    current user may see."""
    catalog = api.portal.get_tool("portal_catalog")
    return {
        b.getPath(): b
        for b in catalog.searchResults(
            portal_type=UNIT, path="/".join(context.getPhysicalPath()), **query
        )
    }


def titled_paths(brains):
    """[(brain, [title of the top unit, …, title of the brain's unit])] for
    unit brains: each unit's place in the organisation, as far as ``brains``
    reach ("Förskola › Norra förskoleområdet › Solgläntans förskola")."""
    by_path = {brain.getPath(): brain.Title for brain in brains}
    result = []
    for brain in brains:
        parts = [brain.Title]
        for parent in parent_paths(brain.getPath()):
            if parent not in by_path:
                break
            parts.insert(0, by_path[parent])
        result.append((brain, parts))
    return result


def nested(brains, key=None):
    """The unit brains as a forest: [{"brain": brain, "children": [...]}],
    a unit under the nearest unit above it among ``brains``; roots and each
    level's children sorted by ``key`` (a function of a node; default: the
    title, case-insensitive)."""
    key = key or (lambda node: node["brain"].Title.lower())
    nodes = {b.getPath(): {"brain": b, "children": []} for b in brains}
    roots = []
    for path, node in sorted(nodes.items()):
        parent = nodes.get(path.rsplit("/", 1)[0])
        (parent["children"] if parent else roots).append(node)
    for node in nodes.values():
        node["children"].sort(key=key)
    return sorted(roots, key=key)


def top_most(brains):
    """The brains without those under another of them, by path."""
    top = []
    for brain in sorted(brains, key=lambda b: b.getPath()):
        if not any(is_within(brain.getPath(), t.getPath()) for t in top):
            top.append(brain)
    return top
