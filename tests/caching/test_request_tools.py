"""Plone's tools are looked up once per request (solna.intranet.tools):
each lookup acquires the tool and wraps it again for the request, and a
news item's page asked dozens of times (issue 21)."""

from Acquisition import aq_base
from plone import api
from plone.api import portal as api_portal
from solna.intranet.tools import tool
from unittest import mock
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest
from zope.publisher.browser import TestRequest

import pytest


@pytest.fixture
def lookups():
    """Counts plone.api's lookups of a tool, which still find it."""
    with mock.patch.object(
        api_portal, "getToolByName", wraps=api_portal.getToolByName
    ) as counted:
        yield counted


def test_a_tool_is_looked_up_once_per_request(portal, lookups):
    request = getRequest()
    first = tool("portal_catalog")
    assert aq_base(first) is aq_base(portal.portal_catalog)
    assert first.REQUEST is request  # wrapped for the request, as Plone's
    assert tool("portal_catalog") is first
    assert tool("portal_catalog") is first
    assert lookups.call_count == 1
    assert aq_base(tool("acl_users")) is aq_base(portal.acl_users)
    assert lookups.call_count == 2


def test_another_request_looks_it_up_again(portal, lookups):
    request = getRequest()
    first = tool("portal_catalog")
    other = TestRequest()
    setRequest(other)
    try:
        again = tool("portal_catalog")
        assert lookups.call_count == 2
        assert aq_base(again) is aq_base(first)
        assert tool("portal_catalog") is again
        assert lookups.call_count == 2
    finally:
        setRequest(request)
    assert tool("portal_catalog") is first
    assert lookups.call_count == 2


def test_without_a_request_every_call_looks_it_up(portal, lookups):
    request = getRequest()
    setRequest(None)
    try:
        tool("portal_catalog")
        tool("portal_catalog")
    finally:
        setRequest(request)
    assert lookups.call_count == 2


def test_the_signed_in_member_is_wrapped_once_per_request_and_user(portal):
    """``getAuthenticatedMember`` (patches.py 11): the same member for the
    rest of the request, another for another user signed in."""
    from plone.app.testing import login
    from plone.app.testing import logout
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    membership = portal.portal_membership
    login(portal, TEST_USER_NAME)
    member = membership.getAuthenticatedMember()
    assert member.getId() == TEST_USER_ID
    assert membership.getAuthenticatedMember() is member
    login(portal.getPhysicalRoot(), SITE_OWNER_NAME)
    owner = membership.getAuthenticatedMember()
    assert owner.getId() == SITE_OWNER_NAME
    logout()
    assert membership.isAnonymousUser()
    assert membership.getAuthenticatedMember().getId() is None
    login(portal, TEST_USER_NAME)
    again = membership.getAuthenticatedMember()
    assert again.getId() == TEST_USER_ID
    assert again is not member  # a new sign-in: her user again, a new member


def test_a_form_field_or_cookie_named_like_a_cache_changes_nothing(site):
    """What a request keeps for itself is read from its own attributes
    (``kept_on``), never from a form field or cookie of the same name,
    which Zope's request would answer for a missing attribute: such a
    query string or cookie neither breaks a page nor fills a cache. The
    upstream caches (zope.annotation's, plone.dexterity's, plone.app.uuid's,
    Plone's resources') are read with ``getattr``: such fields and cookies
    are dropped as the request reads its input (patches.py 12)."""
    from tests.fixtures.http import get

    names = (
        "_solna_tools",
        "_solna_authenticated_member",
        "_solna_properties_plugins",
        "_solna_unit_chains",
        "_WEBRESOURCE_CACHE_",
        "__annotations__",
        "__plone_dexterity_fti_cache__",
        "__plone_dexterity_assignable_cache__",
        "_catalog",
    )
    query = "&".join(f"{name}=x" for name in names)
    pages = (
        site["a"].absolute_url(),
        site["news"].absolute_url(),
        api.portal.get().absolute_url(),
    )
    for url in pages:
        plain = get(url)
        assert plain.status_code == 200
        for answer in (
            get(f"{url}?{query}&_solna_comment_filters:list=a"),
            get(url, cookies=dict.fromkeys(names, "")),
        ):
            assert answer.status_code == 200, url
            assert 'id="portal-footer' in answer.text or "<footer" in answer.text


def test_only_names_of_request_caches_are_dropped_from_the_input():
    """Plone's sign-in fields and cookie (``__ac_name``, ``__ac``) and the
    form's ``_authenticator`` are input, not a request's cache."""
    from solna.intranet.patches import is_request_cache

    for name in ("__annotations__", "__plone_dexterity_fti_cache__", "_catalog"):
        assert is_request_cache(name)
    for name in ("__ac", "__ac_name", "__ac_password", "_authenticator", "____"):
        assert not is_request_cache(name)
