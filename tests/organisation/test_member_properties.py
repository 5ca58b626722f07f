"""A member's properties as the intranet reads them (``members.properties``:
unit and profession of her profile, e-mail, name) are PAS's own: what
``api.user.get(...).getProperty`` answers, a value never set giving the
default. Stored values are read from PlonePAS's member data as stored,
without building a property sheet of every property for each member."""

from plone import api
from Products.PlonePAS.plugins.property import ZODBMutablePropertyProvider
from solna.intranet.members import properties
from tests.fixtures.calls import spied
from tests.fixtures.news import set_profile


NAMES = ("unit", "profession", "email", "fullname")


def test_properties_are_what_pas_answers_stored_or_default(workplace):
    set_profile("olle.medarbetare", workplace["a"].UID(), "forskollarare")
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="ny@solna.se", username="ny.medarbetare")
    for userid in ("olle.medarbetare", "chef.a", "ny.medarbetare"):
        user = api.user.get(userid=userid)
        expected = {name: user.getProperty(name, "") or "" for name in NAMES}
        assert properties(userid, NAMES) == expected, userid
    olle = properties("olle.medarbetare", ("unit", "profession"))
    assert olle == {"unit": workplace["a"].UID(), "profession": "forskollarare"}
    assert properties("ingen.alls", NAMES) == dict.fromkeys(NAMES, "")


def test_stored_properties_are_read_without_a_property_sheet(workplace):
    set_profile("olle.medarbetare", workplace["a"].UID(), "forskollarare")
    with spied(ZODBMutablePropertyProvider, "getPropertiesForUser") as sheets:
        assert properties("olle.medarbetare", ("unit", "profession")) == {
            "unit": workplace["a"].UID(),
            "profession": "forskollarare",
        }
    assert sheets.call_count == 0
    # A name not stored for her: her sheet answers (a default, or nothing).
    with spied(ZODBMutablePropertyProvider, "getPropertiesForUser") as sheets:
        properties("olle.medarbetare", ("unit", "no_such_property"))
    assert sheets.call_count >= 1
