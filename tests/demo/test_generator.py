"""The demo generator: deterministic, realistic, and it loads (and resumes)."""

from plone import api
from solna.intranet.demo.accounts import DEMO_ACCOUNTS
from solna.intranet.demo.generator import plan
from solna.intranet.demo.generator import SIZES
from solna.intranet.demo.generator import Sizes
from solna.intranet.demo.loader import create_accounts
from solna.intranet.demo.loader import load_plan

import pytest


def test_the_same_seed_gives_the_same_plan():
    assert repr(list(plan().items())) == repr(list(plan().items()))
    assert repr(list(plan(seed=1).items())) != repr(list(plan().items()))


def test_the_demo_size():
    demo = plan(SIZES["demo"])
    assert 55 <= len(demo.units) <= 65
    assert len(demo.people) == 300
    # Every rule and question once: no "(2)" copies on a search's first screen.
    assert len(demo.rules) == len({r.fields["title"] for r in demo.rules}) >= 37
    assert len(demo.answers) == len({a.fields["title"] for a in demo.answers}) >= 24
    assert len(demo.news) == 100
    kinds = {u.fields["kind"] for u in demo.units}
    assert {"forskola", "skola", "hemtjanst", "fritidsgard", "stab"} <= kinds
    # Every unit has a manager, and every demo account a directory entry.
    assert all("manager" in u.relations for u in demo.units)
    accounts = {p.account for p in demo.people if p.account}
    assert accounts == {a.userid for a in DEMO_ACCOUNTS if a.unit}
    # Varied audiences.
    audiences = {
        (n.fields["audience_all"], "audience_units" in n.relations) for n in demo.news
    }
    assert audiences >= {(True, False), (False, True), (False, False)}


def test_ids_are_unique():
    demo = plan(SIZES["large"])
    paths = [item.path for item in demo.items()]
    assert len(paths) == len(set(paths))
    assert len(demo.news) == 20000
    assert len(demo.people) == 5000


SMALL = Sizes(people=80, rules=8, answers=8, news=20)


@pytest.fixture
def loaded(portal):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="Folder", id="nyheter", title="N")
        create_accounts()
        created = load_plan(portal, plan(SMALL))
    return created


def test_it_loads_into_a_fresh_site(portal, loaded):
    small = plan(SMALL)
    assert loaded == len(small)
    with api.env.adopt_roles(["Manager"]):
        people = api.content.find(portal_type="solna.Person")
        assert len(people) == SMALL.people
        assert len(api.content.find(portal_type="solna.Unit")) == len(small.units)
        assert len(api.content.find(portal_type="News Item")) == SMALL.news
    anna = api.content.find(portal_type="solna.Person", Title="Anna Lindqvist")
    assert anna[0].profession == "forskollarare"
    unit = portal.unrestrictedTraverse("/".join(small.units[0].path))
    assert unit.manager.to_object.portal_type == "solna.Person"
    member = api.user.get(userid="anna.lindqvist")
    assert member.getProperty("profession") == "forskollarare"
    assert member.getProperty("unit") == api.content.get_uuid(
        portal.unrestrictedTraverse("/".join(anna[0].getPath().split("/")[2:-1]))
    )


def test_a_second_run_creates_nothing_twice(portal, loaded):
    with api.env.adopt_roles(["Manager"]):
        assert load_plan(portal, plan(SMALL)) == 0


def test_demo_accounts_have_their_roles(portal, loaded):
    solglantan = api.content.find(portal_type="solna.Unit", Title="Solgläntan")[0]
    unit = solglantan.getObject()
    assert "Reviewer" in api.user.get_roles(username="johan.ek", obj=unit)
    assert "Editor" in api.user.get_roles(username="lina.ahmed", obj=unit)
    assert "Reviewer" not in api.user.get_roles(username="lina.ahmed", obj=unit)
    assert "Editor" not in api.user.get_roles(username="anna.lindqvist", obj=unit)
    groups = {
        account.userid: {
            g.getId() for g in api.group.get_groups(username=account.userid)
        }
        for account in DEMO_ACCOUNTS
    }
    assert "granskare" in groups["erik.sandberg"]
    assert "hr-redaktorer" in groups["karin.berg"]
    assert "hr-granskare" in groups["lars.wikstrom"]
    assert "webbredaktorer" in groups["maria.holm"]
    assert all("medarbetare" in g for g in groups.values())


def test_no_two_demo_entries_share_an_e_mail():
    """Issue 18: two demo people (the same name in two units) had one
    e-mail address; a mail to one reached the other."""
    for size in ("demo", "large"):
        demo = plan(SIZES[size])
        for items in (demo.people, demo.units):
            emails = [i.fields["email"] for i in items]
            assert len(emails) == len(set(emails)), size


def test_a_demo_accounts_entry_has_the_address_its_forms_fill_in():
    """Issue 18: Fråga HR filled in anna.lindqvist@solna.example (her
    profile's address, where her mail goes), Hitta kontakt showed
    anna.lindqvist@solna.se. Her entry has her account's address now."""
    from pathlib import Path

    import solna.intranet.forms

    demo = plan(SIZES["demo"])
    entries = {p.account: p.fields["email"] for p in demo.people if p.account}
    accounts = {a.userid: a.email for a in DEMO_ACCOUNTS if a.unit}
    assert entries == accounts
    assert entries["anna.lindqvist"] == "anna.lindqvist@solna.example"
    # Fråga HR's e-mail question takes the member's profile address.
    models = Path(solna.intranet.forms.__file__).parent / "models"
    model = (models / "fraga-hr.xml").read_text()
    assert 'easyform:TDefault="here/@@solna-prefill/email"' in model
