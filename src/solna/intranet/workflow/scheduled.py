"""Scheduled publishing: publish and expiry dates hold at the item's own
address too, not only in listings.

Plone's catalog already hides items outside their publishing dates from
everyone without "Access inactive portal content" (listings, search, news,
the REST API's @search). A staff member who follows a link to an item that
appears tomorrow, or that expired yesterday, gets "not found" as well;
authors, editors and reviewers (who have that permission) still reach it.
"""

from AccessControl import getSecurityManager
from DateTime import DateTime
from plone.dexterity.interfaces import IDexterityContent
from Products.CMFCore.permissions import AccessInactivePortalContent
from zExceptions import NotFound


def outside_publishing_dates(obj, now=None):
    now = now or DateTime()
    effective = getattr(obj, "effective_date", None)
    expires = getattr(obj, "expiration_date", None)
    return bool((effective and effective > now) or (expires and expires <= now))


def _content_of(request):
    """The content item a request shows: the published object itself, or
    the item a view, REST service or image scale was traversed from."""
    for obj in (request.get("PUBLISHED"), *request.get("PARENTS", ())):
        if IDexterityContent.providedBy(obj):
            return obj
    return None


def hide_outside_publishing_dates(event):
    obj = _content_of(event.request)
    if obj is None or not outside_publishing_dates(obj):
        return
    if getSecurityManager().checkPermission(AccessInactivePortalContent, obj):
        return
    raise NotFound(event.request.get("URL", ""))
