"""Plone's tools, looked up once per request (issue 21).

``api.portal.get_tool(name)`` finds the site, acquires the tool and, through
Products.CMFPlone's patch of ``getToolByName`` (patches/gtbn.py), wraps it
again up to a fresh request container: some 15 µs a time, and a news item's
page asked for the catalog, the user folder and the membership tool dozens
of times (4 % of its CPU, py-spy). ``tool`` keeps what it found on the
request, per site, for the rest of that request.

What a request keeps for itself is read with ``kept_on``, never with
``getattr(request, name)``: Zope's request answers a missing attribute
from its form and cookies, so ``?_solna_tools=1`` would otherwise hand a
cache a string.
"""

from Acquisition import aq_base
from plone import api
from zope.component.hooks import getSite
from zope.globalrequest import getRequest


#: Where a request keeps the tools found for it.
_KEY = "_solna_tools"


def kept_on(request, name):
    """What ``request`` keeps under ``name`` (set with ``setattr``), or None
    (also when ``request`` is None): its own attributes only, never a form
    field or cookie of that name."""
    return getattr(request, "__dict__", {}).get(name)


def tool(name):
    """``api.portal.get_tool(name)`` (the tool, wrapped for the request),
    looked up once per request and site; outside a request or a site on
    every call.
    Raises what plone.api raises for an unknown name
    (``InvalidParameterError``)."""
    request = getRequest()
    site = getSite()
    if request is None or site is None:
        return api.portal.get_tool(name)
    found = kept_on(request, _KEY)
    if found is None:
        found = {}
        setattr(request, _KEY, found)
    key = (name, id(aq_base(site)))
    kept = found.get(key)
    if kept is None or kept[0] is not aq_base(site):
        kept = found[key] = (aq_base(site), api.portal.get_tool(name))
    return kept[1]
