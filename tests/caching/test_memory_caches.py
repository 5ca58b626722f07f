"""Memory caches (plone.memoize's ``ram.cache``) keyed by the catalog's
counter (``catalog.catalog_counter``) keep nothing a transaction worked out
after it changed the catalog itself: that transaction may yet be rolled
back, and another may commit the same counter."""

from plone import api
from plone.memoize import ram
from plone.memoize.volatile import DontCache
from solna.intranet.catalog import catalog_counter

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
