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
