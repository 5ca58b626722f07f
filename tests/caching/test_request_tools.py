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

import io
import pathlib
import pytest
import re


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


#: Names Plone's packages keep caches of a request under (a few of each
#: kind: zope.annotation's, plone.dexterity's, plone.app.uuid's, Plone's
#: resources' and tools', plone.app.users'), and ours.
CACHES = (
    "_solna_tools",
    "_solna_authenticated_member",
    "_solna_properties_plugins",
    "_solna_unit_chains",
    "_WEBRESOURCE_CACHE_",
    "__annotations__",
    "__plone_dexterity_fti_cache__",
    "__plone_dexterity_assignable_cache__",
    "_catalog",
    "_plone_ec_cache",
    "_oai_cache",
    "_ec_cache",
    "_userdata_schema",
)


def resources(page):
    """The scripts and style sheets a page (an HTTP answer) loads."""
    return re.findall(r'<script[^>]* src="[^"]+"|<link[^>]*stylesheet[^>]*>', page.text)


def test_a_form_field_or_cookie_named_like_a_cache_changes_nothing(site):
    """What a request keeps for itself is read from its own attributes
    (``kept_on``), never from a form field or cookie of the same name,
    which Zope's request would answer for a missing attribute. Plone's
    packages read theirs with ``getattr`` or ``request.get``: such fields
    and cookies are dropped as the request reads its input (patches.py 12).
    Such a query string or cookie neither breaks a page nor changes it."""
    from tests.fixtures.http import get

    query = "&".join(f"{name}=x" for name in CACHES)
    portal_url = api.portal.get().absolute_url()
    pages = (
        site["a"].absolute_url(),
        site["news"].absolute_url(),
        portal_url,
        f"{portal_url}/@@personal-information",
    )
    for url in pages:
        plain = get(url)
        assert plain.status_code == 200
        assert resources(plain)
        for answer in (
            get(f"{url}?{query}&_solna_comment_filters:list=a"),
            get(url, cookies=dict.fromkeys(CACHES, "x")),
        ):
            assert answer.status_code == 200, url
            assert 'id="portal-footer' in answer.text or "<footer" in answer.text
            assert resources(answer) == resources(plain), url
    details = get(f"{portal_url}/@@personal-information?{query}")
    assert 'name="form.widgets.email"' in details.text
    search = f"{portal_url}/++api++/@search?metadata_fields=Title"
    json = {"Accept": "application/json"}
    plain = get(search, headers=json)
    assert plain.json()["items"]
    answer = get(f"{search}&_summary_fields_cache=x", headers=json)
    assert answer.status_code == 200
    assert answer.json()["items"] == plain.json()["items"]


def a_request(query="", cookies=""):
    """A bare Zope request for ``query`` (a query string) with ``cookies``
    (a Cookie header), its input not read yet."""
    from ZPublisher.HTTPRequest import HTTPRequest
    from ZPublisher.HTTPResponse import HTTPResponse

    environ = {
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8080",
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": query,
        "HTTP_COOKIE": cookies,
    }
    request = HTTPRequest(io.BytesIO(), environ, HTTPResponse())
    request["PARENTS"] = [object()]
    return request


def test_only_names_of_request_caches_are_dropped_from_the_input(portal):
    """Form fields and cookies named like a cache are gone from the form,
    the cookies and their tainted copies, from a clone of the request too,
    and also when reading the input failed; Plone's sign-in fields and
    cookie (``__ac_name``, ``__ac``), copy and paste (``__cp``) and the
    form's ``_authenticator`` stay."""
    request = a_request(
        "__annotations__=%3Cx%3E&_catalog=x&__ac_name=anna&_authenticator=t",
        "__ac=abc; __cp=def; _plone_ec_cache=<x>; __annotations__=x",
    )
    request.processInputs()
    assert request.form == {"__ac_name": "anna", "_authenticator": "t"}
    assert request.cookies == {"__ac": "abc", "__cp": "def"}
    assert not set(request.taintedform) | set(request.taintedcookies)
    assert getattr(request, "__annotations__", None) is None
    assert request.get("_plone_ec_cache") is None
    clone = request.clone()
    assert clone.cookies == {"__ac": "abc", "__cp": "def"}
    broken = a_request("__annotations__=x&count:int=tre")
    with pytest.raises(Exception, match="tre"):
        broken.processInputs()
    assert "__annotations__" not in broken.form


#: Names read from a request that are input, not a cache: Plone's sign-in
#: and copy and paste, and the ZMI's property sheets.
INPUT = {"__ac_name", "__ac_password", "__cp", "_ids"}
#: A request's cache or input looked up by a literal name that starts with
#: ``_``: ``getattr(request, "_x", …)``, ``hasattr``, ``request.get("_x")``.
LOOKUP = re.compile(
    r"""(?:getattr|hasattr)\((?:self\.)?(?:request|REQUEST),\s*['"](_\w+)['"]"""
    r"""|(?:request|REQUEST)\.get\(['"](_\w+)['"]"""
)


def test_every_request_cache_the_installed_packages_read_is_dropped_from_input():
    """Reads the installed Zope and Plone packages for the request caches
    they look up by name: each is dropped from the input (patches.py 12) or
    known to be input. Fails when an upgrade brings a new one."""
    from solna.intranet.patches import is_request_cache

    import ZPublisher

    installed = pathlib.Path(ZPublisher.__file__).parents[1]
    found = {}
    for top in ("Products", "plone", "zope", "ZPublisher", "OFS", "App", "z3c"):
        for source in (installed / top).rglob("*.py"):
            if "tests" in source.parts:
                continue
            for match in LOOKUP.finditer(source.read_text(errors="replace")):
                name = match.group(1) or match.group(2)
                found.setdefault(name, str(source.relative_to(installed)))
    assert "_plone_ec_cache" in found  # the reading works
    missing = {
        name: where
        for name, where in found.items()
        if not is_request_cache(name) and name not in INPUT
    }
    assert missing == {}
