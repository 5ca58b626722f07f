"""Plone's tools, looked up once per request (issue 21).

``api.portal.get_tool(name)`` finds the site, acquires the tool and, through
Products.CMFPlone's patch of ``getToolByName`` (patches/gtbn.py), wraps it
again up to a fresh request container: some 15 µs a time, and a news item's
page asked for the catalog, the user folder and the membership tool dozens
of times (4 % of its CPU, py-spy). ``tool`` keeps what it found on the
request, per site, for the rest of that request.
"""

from Acquisition import aq_base
from plone import api
from zope.component.hooks import getSite
from zope.globalrequest import getRequest


#: Where a request keeps the tools found for it.
_KEY = "_solna_tools"


def tool(name):
    """``api.portal.get_tool(name)`` (the tool, wrapped for the request),
    looked up once per request and site; outside a request on every call.
    Raises what plone.api raises for an unknown name
    (``InvalidParameterError``)."""
    request = getRequest()
    site = getSite()
    if request is None or site is None:
        return api.portal.get_tool(name)
    found = getattr(request, _KEY, None)
    if found is None:
        found = {}
        setattr(request, _KEY, found)
    key = (name, id(aq_base(site)))
    kept = found.get(key)
    if kept is None or kept[0] is not aq_base(site):
        kept = found[key] = (aq_base(site), api.portal.get_tool(name))
    return kept[1]
