"""The audience query returns exactly the news meant for a person, from the
catalog (no Python filtering over news)."""

from plone import api
from solna.intranet.news import audience
from solna.intranet.news.audience import news_query

import pytest


@pytest.fixture
def news(portal, organisation):
    forvaltning = organisation["forvaltning"]
    forskola = organisation["forskola"]
    other = organisation["other"]
    items = {
        "alla": {"audience_all": True},
        "forvaltningen": {"audience_all": False, "audience_units": [forvaltning]},
        "forskolan": {"audience_all": False, "audience_units": [forskola]},
        "omsorgen": {"audience_all": False, "audience_units": [other]},
        "forskollarare": {
            "audience_all": False,
            "audience_professions": ["forskollarare"],
        },
        "underskoterskor": {
            "audience_all": False,
            "audience_professions": ["underskoterska"],
        },
        "forskollarare-i-forvaltningen": {
            "audience_all": False,
            "audience_units": [forvaltning],
            "audience_professions": ["forskollarare"],
        },
        "barnskotare-i-forvaltningen": {
            "audience_all": False,
            "audience_units": [forvaltning],
            "audience_professions": ["barnskotare"],
        },
        "forskollarare-i-omsorgen": {
            "audience_all": False,
            "audience_units": [other],
            "audience_professions": ["forskollarare"],
        },
    }
    with api.env.adopt_roles(["Manager"]):
        for item_id, audience in items.items():
            if "audience_units" in audience:
                audience["audience_units"] = [
                    api.content.get_uuid(u) for u in audience["audience_units"]
                ]
            item = api.content.create(
                container=forvaltning,
                type="News Item",
                id=item_id,
                title=item_id,
                **audience,
            )
            api.content.transition(item, to_state="published")
    return items


def ids(**query):
    return {brain.getId for brain in api.content.find(**query)}


def test_preschool_teacher_in_a_sub_unit_gets_exactly_her_news(organisation, news):
    query = news_query(unit=organisation["forskola"], profession="forskollarare")
    assert ids(**query) == {
        "alla",
        "forvaltningen",
        "forskolan",
        "forskollarare",
        "forskollarare-i-forvaltningen",
    }


def test_assistant_nurse_elsewhere_gets_other_news(organisation, news):
    query = news_query(unit=organisation["other"], profession="underskoterska")
    assert ids(**query) == {"alla", "omsorgen", "underskoterskor"}


def test_without_unit_or_profession_only_news_for_all(news):
    assert ids(**news_query()) == {"alla"}


def test_audience_is_an_index_query(organisation, news):
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog.Indexes["audience"].meta_type == "KeywordIndex"
    query = news_query(unit=organisation["forskola"], profession="forskollarare")
    assert "audience" in query
    assert (
        "unit:" + api.content.get_uuid(organisation["forskola"]) in (query["audience"])
    )


def test_news_needs_an_audience_with_a_swedish_message():
    from solna.intranet.news.behaviors import IAudience
    from zope.i18n import translate
    from zope.interface import Invalid

    class Data:
        audience_all = False
        audience_units = ()
        audience_professions = ()

    with pytest.raises(Invalid) as error:
        IAudience.validateInvariants(Data())
    assert translate(error.value.args[0], target_language="sv") == (
        "Välj minst en enhet eller yrkesgrupp, eller Alla medarbetare."
    )


def test_news_items_take_comments(portal, organisation):
    from plone.app.discussion.interfaces import IConversation

    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=organisation["forskola"], type="News Item", title="Nyhet"
        )
    assert IConversation(item).enabled() is True


def test_one_grammar_for_audience_tokens():
    """audience.token writes every token, audience.parse reads it back."""
    for unit, profession in (
        (None, None),
        ("u1", None),
        (None, "forskollarare"),
        ("u1", "forskollarare"),
    ):
        assert audience.parse(audience.token(unit, profession)) == (unit, profession)
    assert audience.token() == "all"
    assert audience.audience_tokens(False, ["u1"], ["p"]) == ["unit:u1|profession:p"]
    assert audience.tokens_for_uids(["u1"], "p") == [
        "all",
        "unit:u1",
        "profession:p",
        "unit:u1|profession:p",
    ]
    for wrong in ("", "unit:", "team:x", "unit:a|unit:b", "profession:p|x"):
        with pytest.raises(ValueError, match="not an audience token"):
            audience.parse(wrong)
