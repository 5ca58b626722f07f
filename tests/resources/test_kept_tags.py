"""The page's script and stylesheet tags are worked out once per way the
bundles' expressions evaluate (resources/registry.py), not on every page:
a member and an editor still get their own, and a change of the resource
registry shows on the next page."""

from plone import api
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.resources.utils import evaluateExpression
from solna.intranet.resources import bundles
from solna.intranet.resources.registry import _memo
from solna.intranet.resources.registry import expression_values
from tests.fixtures.http import get
from tests.resources.test_light_pages import EDITOR_BUNDLES
from tests.resources.test_light_pages import resources
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

import transaction
import webresource


class Renders:
    """Counts webresource.ResourceRenderer.render calls (Plone's build of
    the tags) while in the ``with``: the test server answers in this
    process."""

    def __enter__(self):
        self.calls = 0
        self.original = webresource.ResourceRenderer.render
        counter = self

        def render(renderer):
            counter.calls += 1
            return counter.original(renderer)

        webresource.ResourceRenderer.render = render
        return self

    def __exit__(self, *exc):
        webresource.ResourceRenderer.render = self.original


def test_tags_are_built_once_and_each_reader_gets_hers(site, news):
    url = news.absolute_url()
    resources(url, "olle.medarbetare")
    resources(url, "red.a")
    with Renders() as renders:
        for _ in range(3):
            staff = resources(url, "olle.medarbetare")
            editor = resources(url, "red.a")
    assert renders.calls == 0
    assert not set(EDITOR_BUNDLES) & set(staff)
    assert {"solna-bootstrap", "solna-light"} <= set(staff)
    assert set(EDITOR_BUNDLES) <= set(editor)
    assert "solna-bootstrap" not in editor


def test_a_change_of_the_bundles_shows_on_the_next_page(site, news):
    url = news.absolute_url()
    assert "plone" not in resources(url, "olle.medarbetare")
    portal = api.portal.get()
    # Mockup for everyone again (bundles.py tells Plone the registry
    # changed), then back.
    bundles.uninstall(portal)
    transaction.commit()
    try:
        assert "plone" in resources(url, "olle.medarbetare")
    finally:
        bundles.install(portal)
        transaction.commit()
    assert "plone" not in resources(url, "olle.medarbetare")
    assert get(url, "olle.medarbetare").status_code == 200


def test_one_expression_context_says_what_plone_says(workplace):
    """The bundles' expressions, evaluated in one shared context, come out
    as Plone's ``evaluateExpression`` gives them one by one: for a reader
    and for the unit's editor, on the site, a unit, an empty folder and a
    news item."""
    portal = api.portal.get()
    cooked = [c for _text, c in _memo(getUtility(IRegistry))["expressions"]]
    assert len(cooked) >= 2
    with api.env.adopt_roles(["Manager"]):
        empty = api.content.create(container=workplace["a"], type="Folder", id="tom")
        item = api.content.create(
            container=workplace["news"], type="News Item", id="n", title="N"
        )
    seen = {}
    for login in ("olle.medarbetare", "red.a"):
        # A new reader: Plone's views keep what they worked out on the
        # request (plone.memoize.view), CMF its expression contexts.
        IAnnotations(portal.REQUEST).clear()
        portal.REQUEST.other.pop("_ec_cache", None)
        with api.env.adopt_user(username=login):
            for context in (portal, workplace["a"], empty, item):
                ours = expression_values(cooked, context)
                assert ours == tuple(
                    bool(evaluateExpression(c, context)) for c in cooked
                )
                seen[login, context.getId()] = ours
    # The expressions tell the editor from the reader where she edits.
    assert seen["olle.medarbetare", "solglantan"] != seen["red.a", "solglantan"]
