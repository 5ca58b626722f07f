"""An upload in TinyMCE's image or link dialog that was not used.

The dialog's content browser uploads a file to the folder at once
(plone.app.content's ``@@fileUpload``): when the editor then cancels the
dialog, or inserts another image, the new item stayed in the folder, litter
nobody asked for (issue 18). The dialog's script (swedish/tinymce_sv.js)
asks ``@@ta-bort-uppladdning`` to remove each item uploaded while it was
open that no editor on the page holds once it closes.

Removed only when all of this holds, else nothing changes:

- a POST with the page's CSRF token (plone.protect);
- the item is an image or a file that the member may see, that she created
  (its first creator) within ``RECENT`` seconds, and that she may delete
  (*Delete objects*);
- nothing refers to it: no saved text links to it and no relation points
  to it (the relation catalog, where plone.app.linkintegrity records a
  text's links).

Answers JSON ``{"removed": true}`` (200); ``{"removed": false}`` with 409
when something refers to it, 403 when it is not hers to remove, 404 when
there is no such item for her, 405 for another method.
"""

from DateTime import DateTime
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.permissions import DeleteObjects
from Products.Five.browser import BrowserView
from zc.relation.interfaces import ICatalog
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds

import json


#: What the dialogs upload (the content type registry's types for files).
TYPES = frozenset({"Image", "File"})
#: How long after its upload an item may be removed so (seconds): a dialog
#: is open for minutes, not a day.
RECENT = 24 * 3600


def referred_to(obj):
    """Does a relation point to ``obj`` (a text's link, a relation field)?"""
    intids = queryUtility(IIntIds)
    relations = queryUtility(ICatalog)
    if intids is None or relations is None:
        return False
    intid = intids.queryId(obj)
    if intid is None:
        return False
    return any(True for _relation in relations.findRelations({"to_id": intid}))


class RemoveUpload(BrowserView):
    """@@ta-bort-uppladdning: POST ``uid`` and ``_authenticator``."""

    def answer(self, status, removed=False):
        self.request.response.setStatus(status)
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps({"removed": removed})

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.setHeader("Allow", "POST")
            return self.answer(405)
        CheckAuthenticator(self.request)
        uid = self.request.form.get("uid")
        if not isinstance(uid, str) or not uid:
            return self.answer(404)
        found = api.portal.get_tool("portal_catalog")(UID=uid, show_inactive=True)
        if len(found) != 1:
            return self.answer(404)
        obj = found[0].getObject()
        userid = api.user.get_current().getId()
        if (
            obj.portal_type not in TYPES
            or not userid
            or obj.Creator() != userid
            or (DateTime() - obj.created()) * 24 * 3600 > RECENT
            or not api.user.has_permission(DeleteObjects, obj=obj)
        ):
            return self.answer(403)
        if referred_to(obj):
            return self.answer(409)
        api.content.delete(obj, check_linkintegrity=False)
        return self.answer(200, removed=True)
