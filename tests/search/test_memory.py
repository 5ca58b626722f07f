"""A search loads what it found, not the whole site (issue 21, peak memory).

The date facet ("Senaste veckan", "Äldre") used to read the effective
index's date -> records sets over each period: one stored set per distinct
date, 20,000 sets at 20,000 news, which every ZODB connection of a Zope
process loaded on its first search and kept in its cache. It now reads the
dates of what the text found. Counted as the index's stored sets loaded
from the database after the connection's cache was emptied; no timing."""

from DateTime import DateTime
from plone import api
from solna.intranet.search.engine import search
from tests.fixtures.staff import create_staff

import pytest
import transaction


#: Distinct publishing dates of the news that do not match (two per date:
#: the index keeps a stored set for a date with more than one item).
DATES = 60


@pytest.fixture
def archive(functional_portal):
    """120 published news on 60 dates over three years, and two about
    "kräftskiva", one of last week and one of two years ago; committed."""
    create_staff({"olle.medarbetare": ()})
    now = DateTime()
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", title="Arkiv"
        )
        api.content.transition(folder, to_state="published")
        dated = [(f"Arkivnyhet {n}", now - 18 * (n // 2) - 1) for n in range(2 * DATES)]
        dated += [("Kräftskiva i augusti", now - 3), ("Kräftskiva förr", now - 730)]
        for title, effective in dated:
            news = api.content.create(container=folder, type="News Item", title=title)
            api.content.transition(news, to_state="published")
            news.setEffectiveDate(effective)
            news.reindexObject(idxs=["effective", "effectiveRange"])
    transaction.commit()
    return functional_portal


def loaded(portal, objects, function):
    """(what ``function()`` returned, how many of the stored ``objects`` it
    loaded from the database), the connection's cache emptied first."""
    portal._p_jar.cacheMinimize()
    assert all(obj._p_changed is None for obj in objects)  # ghosts
    result = function()
    return result, sum(obj._p_changed is not None for obj in objects)


def test_the_date_facet_does_not_load_every_date_of_the_site(archive):
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("effective")
    date_sets = [v for v in index._index.values() if not isinstance(v, int)]
    assert len(date_sets) >= DATES  # what the facet used to load

    def found(**filters):
        with api.env.adopt_user(username="olle.medarbetare"):
            return search("kräftskiva", filters=filters)

    results, loads = loaded(archive, date_sets, found)
    dates = {e["value"]: e["count"] for e in results.facets["date"]}
    assert results.total == 2
    assert dates == {"vecka": 1, "manad": 1, "ar": 1, "aldre": 1}
    assert loads == 0
    older, loads = loaded(archive, date_sets, lambda: found(date="aldre"))
    assert [item["title"] for item in older.items] == ["Kräftskiva förr"]
    assert loads == 0
