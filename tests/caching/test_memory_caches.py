"""Memory caches (plone.memoize's ``ram.cache``) keyed by the catalog's
counter (``catalog.catalog_counter``) keep nothing a transaction worked out
after it changed the catalog itself: that transaction may yet be rolled
back, and another may commit the same counter."""

from plone import api
from plone.memoize import ram
from plone.memoize.volatile import DontCache
from Products.ZCatalog.Catalog import Catalog
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import viewer_key
from tests.fixtures.calls import spied

import pytest
import transaction


def test_a_transaction_that_changed_the_catalog_keeps_nothing(functional_portal):
    portal = functional_portal
    worked = []

    @ram.cache(lambda method: ("test_memory_caches", catalog_counter()))
    def titles():
        worked.append(1)
        return sorted(b.Title for b in api.content.find(portal_type="Document"))

    transaction.commit()
    before = catalog_counter()
    assert titles() == titles()
    assert len(worked) == 1  # kept

    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="Document", title="Utkast")
    with pytest.raises(DontCache):
        catalog_counter()
    assert "Utkast" in titles()
    assert "Utkast" in titles()
    assert len(worked) == 3  # worked out each time, not kept
    transaction.abort()

    assert catalog_counter() == before
    assert "Utkast" not in titles()  # not the rolled-back answer


def test_who_is_asking_names_a_member_only_for_the_items_granting_her_view(
    portal,
):
    """``viewer_key`` (part of the memory caches' keys) names the member
    herself only when an item of the asked types grants her View by name:
    her own items, a local role. It reads that from the indexes, as the
    catalog's own query (the reference, asked here) answers it, without
    a catalog search (which first unions all items of each type)."""
    with api.env.adopt_roles(["Manager"]):
        for userid in ("egen.skribent", "utan.egna"):
            api.user.create(email=f"{userid}@solna.se", username=userid)
        folder = api.content.create(container=portal, type="Folder", id="delad")
        api.content.create(container=portal, type="Document", id="annans")
        api.user.grant_roles(username="utan.egna", obj=folder, roles=["Reader"])
    with (
        api.env.adopt_user(username="egen.skribent"),
        api.env.adopt_roles(["Member", "Contributor"]),
    ):
        api.content.create(container=portal, type="Document", id="egen")
    catalog = api.portal.get_tool("portal_catalog")

    def by_query(userid, *types):
        found = catalog.unrestrictedSearchResults(
            portal_type=list(types), allowedRolesAndUsers=f"user:{userid}"
        )
        return bool(len(found))

    cases = [
        ("egen.skribent", ("Document",), True),  # her own page
        ("egen.skribent", ("News Item", "Folder"), False),
        ("utan.egna", ("Folder",), True),  # Reader on "delad" by name
        ("utan.egna", ("Document", "News Item"), False),
    ]
    for userid, types, named in cases:
        assert by_query(userid, *types) is named  # the reference agrees
        with (
            api.env.adopt_user(username=userid),
            spied(Catalog, "searchResults") as searches,
        ):
            key = viewer_key(*types)
        assert key[1] == (f"user:{userid}" if named else None), (userid, types)
        assert f"user:{userid}" not in key[0]  # only ever as that part
        assert searches.call_count == 0


def test_the_bucket_of_a_key_holds_it_at_every_depth():
    """``_bucket_of`` finds, by the nodes' states, the bucket that holds a
    key (a tree of three levels here, its separator keys too), the first and
    last bucket for keys outside the tree, and None for a tree kept in one
    node."""
    from BTrees.IOBTree import IOBTree
    from solna.intranet.catalog import _bucket_of

    tree = IOBTree()
    for key in range(0, 300_000, 3):
        tree[key] = (key,)
    assert isinstance(tree.__getstate__()[0][0], IOBTree)  # not one bucket
    separators = [
        key
        for child in tree.__getstate__()[0][::2]
        for key in child.__getstate__()[0][1::2]
    ]
    assert len(separators) > 100
    for key in (0, 3, 2_997, 150_000, 299_997, *separators):
        bucket = _bucket_of(tree, key)
        assert bucket[key] == (key,)
    assert _bucket_of(tree, -1) is _bucket_of(tree, 0)  # below every key
    assert 299_997 in _bucket_of(tree, 10**9)  # above every key
    assert _bucket_of(IOBTree(), 1) is None  # empty
    assert _bucket_of(IOBTree({1: (1,)}), 1) is None  # one bucket, inside the node


def test_released_records_leave_the_cache_and_changes_stay(functional_portal):
    """``release_records`` turns the catalog buckets holding the brains'
    records into ghosts (what a unit's people list read, once kept in a
    memory cache), loads them again when read, and leaves a bucket this
    transaction changed as it is."""
    from solna.intranet.catalog import _bucket_of
    from solna.intranet.catalog import release_records

    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="manga")
        for n in range(150):
            api.content.create(container=folder, type="Document", id=f"d{n}")
    transaction.commit()
    catalog = api.portal.get_tool("portal_catalog")
    data = catalog._catalog.data
    brains = catalog.unrestrictedSearchResults(
        path="/plone/manga", portal_type="Document"
    )
    titles = [b.getId for b in brains]
    buckets = {
        id(bucket): bucket for bucket in (_bucket_of(data, b.getRID()) for b in brains)
    }
    assert len(buckets) > 2
    assert all(bucket._p_status != "ghost" for bucket in buckets.values())

    assert release_records(brains) == len(buckets)
    assert all(bucket._p_status == "ghost" for bucket in buckets.values())
    again = catalog.unrestrictedSearchResults(
        path="/plone/manga", portal_type="Document"
    )
    assert [b.getId for b in again] == titles  # read again from the storage

    with api.env.adopt_roles(["Manager"]):
        changed = folder["d0"]
        changed.title = "Ändrad"
        changed.reindexObject()
    catalog.getCounter()  # indexes what is queued
    rid = catalog.getrid("/plone/manga/d0")
    bucket = _bucket_of(data, rid)
    assert bucket._p_changed
    release_records(catalog.unrestrictedSearchResults(UID=changed.UID()))
    assert bucket._p_status != "ghost"
    assert catalog._catalog.getMetadataForRID(rid)["Title"] == "Ändrad"
    transaction.abort()
