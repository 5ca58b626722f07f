"""Pocket pages: what a member's phone keeps for reading without a network.

``pocket_pages(userid)`` is the list the service worker keeps and REST
``@offline-sidor`` answers (one function, so the two never differ)::

    [{"url": the page's URL, "title": str,
      "kind": "unit" | "favorite" | "offline",
      "modified": ISO 8601 in the site's zone}]

- ``unit``: the member's own unit page (the unit card of Mitt intranät
  links to it: contacts, the manager and the colleagues' phone numbers);
- ``favorite``: her favourites (personal/favorites.py);
- ``offline``: pages an editor marked Tillgänglig offline (behaviours.py).

Only what the member may View (the catalog asks with her rights; expired
and unpublished items are left out as in every listing). The unit comes
first; then favourites and marked pages together, newest modified first,
a page that is both listed once as a favourite; at most ``LIMIT`` in all.
Three catalog queries, whatever the number of pages; nothing is written.
"""

from plone import api
from solna.intranet.dates import iso
from solna.intranet.members import profile
from solna.intranet.personal.favorites import saved


#: How many pages a phone keeps at most (the unit included).
LIMIT = 40


def _item(brain, kind):
    return {
        "url": brain.getURL(),
        "title": brain.Title,
        "kind": kind,
        "modified": iso(brain.modified),
    }


def _newest(catalog, limit, **query):
    """The ``limit`` most recently modified brains ``query`` finds for the
    current user, newest first to the second. The catalog's ``modified``
    index keeps minutes (DateIndex), so its order alone kept any ``limit``
    of the pages modified in one minute, not the newest: the brains of the
    last minute taken are all read and ordered by their exact time."""
    kept, boundary = [], None
    for brain in catalog.searchResults(
        sort_on="modified", sort_order="descending", **query
    ):
        minute = int(brain.modified.timeTime() // 60)
        if boundary is not None and minute != boundary:
            break
        kept.append(brain)
        if len(kept) >= limit:
            boundary = minute
    kept.sort(key=lambda brain: brain.modified.timeTime(), reverse=True)
    return kept[:limit]


def pocket_pages(userid, limit=LIMIT):
    """The member's pocket pages (see the module), at most ``limit``."""
    if not userid:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    unit_uid, _profession = profile(userid)
    if unit_uid:
        found += [_item(b, "unit") for b in catalog.searchResults(UID=unit_uid)]
    others = []
    favorites = list(saved(userid))
    if favorites:
        others += [
            (b.modified, _item(b, "favorite"))
            for b in _newest(catalog, limit, UID=favorites)
        ]
    others += [
        (b.modified, _item(b, "offline"))
        for b in _newest(catalog, limit, available_offline=True)
    ]
    seen = {item["url"] for item in found}
    for _when, item in sorted(others, key=lambda pair: pair[0], reverse=True):
        if item["url"] not in seen:
            seen.add(item["url"])
            found.append(item)
    return found[:limit]
