"""The navigation portlet's tree drawn in Python (navigation/portlet.py) is
the tree Plone's template draws, item for item: the units above, the
current one marked, its sub-units, icons, titles and descriptions."""

from lxml import html
from plone import api
from plone.app.portlets.portlets import navigation
from plone.portlets.interfaces import IPortletManager
from solna.intranet.navigation.portlet import NavigationRenderer
from zope.component import getUtility

import pytest


def tree(markup):
    """The tree's elements as (tag, sorted attributes, text), in order."""
    root = html.fromstring(f"<ul>{markup}</ul>")
    return [
        (
            e.tag,
            sorted((k, " ".join(v.split())) for k, v in e.attrib.items()),
            " ".join((e.text or "").split()),
        )
        for e in root.iter()
        if isinstance(e.tag, str)
    ]


@pytest.mark.parametrize("bottom_level", [0, 1, 2])
def test_the_tree_is_the_one_plones_template_draws(
    portal, http_request, organisation, person_factory, bottom_level
):
    person_factory()
    with api.env.adopt_roles(["Manager"]):
        organisation["forskola"].description = 'Förskola <"på gården">'
        organisation["forskola"].reindexObject()
    context = organisation["forskola"]
    http_request["ACTUAL_URL"] = context.absolute_url()
    view = context.restrictedTraverse("@@plone")
    manager = getUtility(IPortletManager, name="plone.leftcolumn")
    assignment = navigation.Assignment(bottomLevel=bottom_level)
    ours = NavigationRenderer(context, http_request, view, manager, assignment)
    ours.update()
    children = ours.getNavTree()["children"]
    assert children, "the tree has units"
    drawn = ours.recurse(children=children, level=1, bottomLevel=bottom_level)
    plones = navigation.Renderer(context, http_request, view, manager, assignment)
    expected = plones.recurse(children=children, level=1, bottomLevel=bottom_level)
    assert tree(drawn) == tree(expected)
    if bottom_level == 1:
        # One level: the förskoleområde, not the förskola inside it.
        assert "solglantan" not in drawn
        return
    page = html.fromstring(f"<ul>{drawn}</ul>")
    (current,) = page.xpath('.//li[contains(@class, "navTreeCurrentNode")]/a')
    assert current.text_content().strip() == "Solgläntans förskola"
    assert 'title="Förskola &lt;&quot;på gården&quot;&gt;"' in drawn


def test_the_tree_leaves_out_what_is_not_in_effect(organisation_site, date_ranges):
    """A unit published for tomorrow is not in the tree staff see today (nor
    asked for with Plone's effectiveRange over the whole site); an editor,
    who may see what is not in effect yet, has it in the tree."""
    from DateTime import DateTime
    from plone.app.testing import SITE_OWNER_NAME
    from tests.fixtures.http import get

    import transaction

    with api.env.adopt_roles(["Manager"]):
        later = api.content.create(
            container=api.content.get(path="/forvaltning"),
            type="solna.Unit",
            id="nya-forskolan",
            title="Nya förskolan",
            kind="forskola",
        )
        later.setEffectiveDate(DateTime() + 1)
        api.content.transition(later, to_state="published")
        later.reindexObject()
    transaction.commit()

    def tree_titles(user):
        page = html.fromstring(get(f"{organisation_site}/forvaltning", user=user).text)
        return [
            " ".join(a.text_content().split())
            for a in page.xpath('//*[contains(@class, "navTree")]//a')
        ]

    staff = tree_titles("olle.medarbetare")
    assert "Solgläntans förskola" in staff
    assert "Nya förskolan" not in staff
    assert "Nya förskolan" in tree_titles(SITE_OWNER_NAME)
    # The tree kept in memory for the editor is never the staff member's.
    assert "Nya förskolan" not in tree_titles("olle.medarbetare")

    # The tree asks the catalog no date range (whoever's code would).
    context = api.content.get(path="/forvaltning")
    request = context.REQUEST
    manager = getUtility(IPortletManager, name="plone.leftcolumn")
    with api.env.adopt_user(username="olle.medarbetare"):
        view = context.restrictedTraverse("@@plone")
        renderer = NavigationRenderer(
            context, request, view, manager, navigation.Assignment()
        )
        date_ranges.clear()
        titles = [n["Title"] for n in renderer.getNavTree()["children"]]
    assert date_ranges == []
    assert "Nya förskolan" not in str(titles)


def test_the_tree_is_drawn_once_until_the_catalog_changes(organisation_site):
    """The tree's markup is kept in memory (navigation/portlet.py
    ``tree_key``): a second page finds no tree; a unit added since is in
    the next page's tree at once."""
    from tests.fixtures.calls import spied
    from tests.fixtures.http import get

    import transaction

    def tree_titles():
        page = html.fromstring(get(f"{organisation_site}/forvaltning/solglantan").text)
        return [
            " ".join(a.text_content().split())
            for a in page.xpath('//*[contains(@class, "navTree")]//a')
        ]

    assert "Solgläntans förskola" in tree_titles()
    with spied(NavigationRenderer, "getNavTree") as found:
        assert "Solgläntans förskola" in tree_titles()
    assert found.call_count == 0
    with api.env.adopt_roles(["Manager"]):
        added = api.content.create(
            container=api.content.get(path="/forvaltning"),
            type="solna.Unit",
            id="ekbacken",
            title="Ekbackens förskola",
            kind="forskola",
        )
        api.content.transition(added, to_state="published")
    transaction.commit()
    assert "Ekbackens förskola" in tree_titles()
