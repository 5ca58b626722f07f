"""The unit tree and its managers (organisation/tree.py, managers.py), the
one place every caller walks the organisation through."""

from plone import api
from solna.intranet.organisation import managers
from solna.intranet.organisation import tree
from solna.intranet.organisation.vocabularies import units
from tests.fixtures.staff import create_staff
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


def uid(obj):
    return api.content.get_uuid(obj)


def path(obj):
    return "/".join(obj.getPhysicalPath())


def test_up_from_an_item_and_from_a_unit(organisation):
    forskola, omrade = organisation["forskola"], organisation["omrade"]
    with api.env.adopt_roles(["Manager"]):
        news = api.content.create(container=forskola, type="News Item", title="N")
    assert tree.nearest_unit(news) == forskola
    assert tree.nearest_unit(api.portal.get()) is None
    assert tree.ancestor_uids(forskola) == [
        uid(forskola),
        uid(omrade),
        uid(organisation["forvaltning"]),
    ]
    assert [b.Title for b in tree.chain(uid(forskola))] == [
        "Solgläntans förskola",
        "Norra förskoleområdet",
        "Barn- och utbildningsförvaltningen",
    ]
    assert tree.chain("no-such-uid") == [] == tree.chain("")


def test_a_chain_is_asked_once_per_request_until_the_catalog_changes(
    organisation, monkeypatch
):
    """A page asks for the member's chain three times (feed, notices,
    crisis banner): one pair of queries; moving a unit shows at once."""
    forskola = organisation["forskola"]
    asked = []
    original = tree._chain
    monkeypatch.setattr(tree, "_chain", lambda u: asked.append(u) or original(u))
    for _ in range(3):
        assert len(tree.chain(uid(forskola))) == 3
    assert asked == [uid(forskola)]
    with api.env.adopt_roles(["Manager"]):
        api.content.move(source=forskola, target=organisation["other"])
    moved = tree.chain(uid(forskola))
    assert [b.Title for b in moved] == ["Solgläntans förskola", "Omsorgsförvaltningen"]
    assert len(asked) == 2


def test_down_from_a_unit(organisation):
    forvaltning = organisation["forvaltning"]
    assert set(tree.subtree_uids(uid(forvaltning))) == {
        uid(forvaltning),
        uid(organisation["omrade"]),
        uid(organisation["forskola"]),
    }
    assert tree.subtree_uids(uid(organisation["other"])) == [uid(organisation["other"])]
    assert tree.subtree_uids("no-such-uid") == []
    assert tree.uids_under([]) == []
    both = tree.uids_under([path(organisation["omrade"]), path(organisation["other"])])
    assert len(both) == 3


def test_paths(organisation):
    forskola, omrade = path(organisation["forskola"]), path(organisation["omrade"])
    assert tree.parent_paths("/plone/a/b") == ["/plone/a", "/plone"]
    assert tree.is_within(forskola, omrade)
    assert tree.is_within(omrade, omrade)
    assert not tree.is_within(omrade + "x", omrade)  # a sibling named alike
    assert tree.nearest(f"{forskola}/nyhet", {omrade: 1, forskola: 2}) == forskola
    assert tree.nearest(f"{omrade}/sida", {forskola: 2}) is None


def test_nested_and_titled(organisation):
    brains = api.content.find(portal_type=tree.UNIT, sort_on="path")
    forest = tree.nested(brains)
    assert [n["brain"].Title for n in forest] == [
        "Barn- och utbildningsförvaltningen",
        "Omsorgsförvaltningen",
    ]
    (omrade,) = forest[0]["children"]
    assert [n["brain"].Title for n in omrade["children"]] == ["Solgläntans förskola"]
    titles = {brain.Title: parts for brain, parts in tree.titled_paths(brains)}
    assert titles["Solgläntans förskola"] == [
        "Barn- och utbildningsförvaltningen",
        "Norra förskoleområdet",
        "Solgläntans förskola",
    ]
    vocabulary = units()
    assert vocabulary.getTerm(uid(organisation["forskola"])).title == (
        "Barn- och utbildningsförvaltningen › Norra förskoleområdet › "
        "Solgläntans förskola"
    )


def test_who_manages_what(organisation, person_factory):
    create_staff({"lena.strand": []})
    chef = person_factory(unit="omrade", userid="lena.strand")
    omrade, forskola = organisation["omrade"], organisation["forskola"]
    assert managers.manager_person(omrade) is None
    assert managers.managed_units("lena.strand") == []
    intids = getUtility(IIntIds)
    for unit in (omrade, forskola):
        unit.manager = RelationValue(intids.getId(chef))
        unit.reindexObject()
    assert managers.manager_person(omrade) == chef
    assert managers.manager_userid(forskola) == "lena.strand"
    # The förskola is under the område she manages: listed with it.
    with api.env.adopt_user(username="lena.strand"):
        found = managers.managed_units("lena.strand")
    assert [b.Title for b in found] == ["Norra förskoleområdet"]
    assert managers.managed_units("") == []
