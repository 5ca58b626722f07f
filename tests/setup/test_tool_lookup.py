"""getToolByName as Plone's, without comparing acquisition wrappers
(patches.py 9): the same tool in the same chain, able to acquire the
request, and the Plone site no longer asked for an attribute it lacks
(each ask an AttributeError raised and caught: 5 % of a page, issue 21)."""

from Acquisition import aq_base
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.Portal import PloneSite
from unittest import mock
from ZPublisher.BaseRequest import RequestContainer


def test_a_tool_comes_in_the_same_chain_with_the_request(portal, http_request):
    news = portal.get("nyheter", portal)
    tool = getToolByName(news, "portal_catalog")
    chain = tool.aq_chain
    assert [type(aq_base(link)) for link in chain[:-1]] == [
        type(tool.aq_base),
        type(portal.aq_base),
        type(portal.aq_parent.aq_base),
    ]
    assert isinstance(chain[-1], RequestContainer)
    assert tool.REQUEST is http_request
    assert getToolByName(news, "portal_url").getPortalObject().REQUEST is http_request


def asks(rewrap, tool, context):
    """The names the Plone site is asked for (``__getattr__``: names it
    lacks) while ``rewrap`` wraps ``tool``."""
    original = PloneSite.__getattr__
    with mock.patch.object(
        PloneSite, "__getattr__", autospec=True, side_effect=original
    ) as asked:
        rewrap(tool, context=context)
    return [call.args[1] for call in asked.call_args_list]


def test_the_site_is_not_asked_for_what_it_lacks(portal):
    from Products.CMFCore import utils
    from Products.CMFPlone.patches import gtbn

    tool = portal.portal_catalog
    assert utils.rewrap_in_request_container is not gtbn.rewrap_in_request_container
    assert asks(utils.rewrap_in_request_container, tool, portal) == []
    # Plone's asked for __eq__-like names (the test can tell).
    assert asks(gtbn.rewrap_in_request_container, tool, portal) != []
