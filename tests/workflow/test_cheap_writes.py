"""Writes stay cheap in a large unit (issue 21): adding an item to a unit
reindexes that item, not the security of the unit's whole subtree (which
took 5–7 s in a förvaltning of the large data set); changing who has roles
there still reaches everything below it."""

from plone import api
from plone.dexterity.utils import createContent
from Products.CMFCore.indexing import processQueue
from Products.CMFPlone.CatalogTool import CatalogTool
from solna.intranet.organisation.content import IUnit
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


DESCENDANTS = 2000
#: What adding one item may touch: the item, and its container's entry.
BOUNDED = 10


@pytest.fixture
def large_unit(workplace):
    """Solgläntan with 2,000 cataloged items in a folder below it (created
    without events and cataloged for path and rights only: what a security
    reindex reads and writes, at a fraction of the cost of full indexing)."""
    unit = workplace["a"]
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=unit, type="Folder", id="arkiv")
        for number in range(DESCENDANTS):
            item = createContent("Document", id=f"sida-{number}", title="Sida")
            folder._setObject(item.id, item, suppress_events=True)
            catalog.catalog_object(
                folder[item.id], idxs=["path", "allowedRolesAndUsers"]
            )
    processQueue()
    path = "/".join(unit.getPhysicalPath())
    assert len(catalog.unrestrictedSearchResults(path=path)) > DESCENDANTS
    return workplace


@pytest.fixture
def touched(monkeypatch):
    """A list that receives the path of every catalog entry written."""
    written = []
    original = CatalogTool.catalog_object

    def counting(self, obj, uid=None, *args, **kwargs):
        written.append(uid or "/".join(obj.getPhysicalPath()))
        return original(self, obj, uid, *args, **kwargs)

    monkeypatch.setattr(CatalogTool, "catalog_object", counting)
    return written


def test_adding_to_a_large_unit_touches_a_bounded_number_of_entries(
    large_unit, touched
):
    unit = large_unit["a"]
    forvaltning = unit.__parent__
    for container in (unit, forvaltning):
        del touched[:]
        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=container, type="News Item", title="Nyhet")
            processQueue()
        assert 0 < len(touched) <= BOUNDED, (container.getId(), len(touched))
    # The same measure sees the subtree when rights do change (the test can
    # fail): a new manager reaches every descendant.
    del touched[:]
    with api.env.adopt_roles(["Manager"]):
        notify(ObjectModifiedEvent(unit, Attributes(IUnit, "IUnit.manager")))
        processQueue()
    assert len(touched) > DESCENDANTS
