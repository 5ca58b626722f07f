"""Scheduled publishing: publish and expiry dates hold at the item's own
address too, not only in listings.

Plone's catalog already hides items outside their publishing dates from
everyone without "Access inactive portal content" (listings, search, news,
the REST API's @search). A staff member who follows a link to an item that
appears tomorrow, or that expired yesterday, gets "not found" as well;
authors, editors and reviewers (who have that permission) still reach it.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from DateTime import DateTime
from plone.dexterity.interfaces import IDexterityContent
from Products.CMFCore.permissions import AccessInactivePortalContent
from zExceptions import NotFound


def _minute(date):
    """The catalog's date range index counts in whole minutes: so does this,
    or a listing could show an item whose page says "not found"."""
    return int(date.millis() // 60000)


def outside_publishing_dates(obj, now=None):
    now = _minute(now or DateTime())
    effective = getattr(obj, "effective_date", None)
    expires = getattr(obj, "expiration_date", None)
    return bool(
        (effective and _minute(effective) > now) or (expires and _minute(expires) < now)
    )


def _content_of(request):
    """The content item a request shows: the published object itself, or
    the item a view, REST service (plone.rest wraps what it traverses) or
    image scale was traversed from."""
    for obj in (request.get("PUBLISHED"), *request.get("PARENTS", ())):
        for candidate in (obj, getattr(aq_base(obj), "context", None)):
            if IDexterityContent.providedBy(candidate):
                return candidate
    return None


def hide_outside_publishing_dates(event):
    obj = _content_of(event.request)
    if obj is None or not outside_publishing_dates(obj):
        return
    if getSecurityManager().checkPermission(AccessInactivePortalContent, obj):
        return
    raise NotFound(event.request.get("URL", ""))
