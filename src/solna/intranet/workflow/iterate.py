"""Working copies (plone.app.iterate): reviewed before check-in, and never
at the cost of what is stored on the item they revise.

plone.app.iterate 7 makes the working copy with copy and paste, which copies
the item's annotations too, and at check-in writes the copy's annotations
back over the original's (``ContentCopier._replaceBaseline``), then deletes
the copy. For a rule that staff have commented on, that replaced the rule's
comments with the copy's stale ones, and deleting the copy then emptied the
shared conversation: the comments vanished while the catalog kept entries
for them. The two handlers below keep such live data on the original:

- at check-out, the copy drops what belongs to the published item only
  (its comments, with their catalog entries, and its moderation log);
- at check-in, the copy hands over only annotations the original lacks, so
  whatever was written on the original meanwhile (a comment, a log entry,
  an add-on's data) stays.

The working copy's address: iterate's copy and paste named it
``copy_of_semester`` (``working_copy_of_…`` for a folderish item), an
English id HR saw in folder contents, the address bar and Notiser. The
copiers below name it ``semester-arbetskopia`` (the check-in keeps the
original's own id). Its title stays the original's: it is the title HR
revises, and check-in copies it onto the original; the banner above it
says "Detta är en arbetskopia av Semester".
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.discussion.interfaces import DISCUSSION_ANNOTATION_KEY
from plone.app.iterate.browser.cancel import Cancel as IterateCancel
from plone.app.iterate.browser.checkin import Checkin as IterateCheckin
from plone.app.iterate.browser.control import Control as IterateControl
from plone.app.iterate.dexterity.copier import ContentCopier
from plone.app.iterate.dexterity.copier import FolderishContentCopier
from plone.app.iterate.dexterity.utils import get_relations
from plone.app.iterate.interfaces import IWorkingCopy
from plone.locking.interfaces import ILockable
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet.dialogue.comments.moderation import LOG
from solna.intranet.interfaces import ISolnaIntranetLayer
from zc.relation.interfaces import ICatalog
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.intid.interfaces import IIntIds

import transaction


#: Annotations that belong to the published item, never to a draft of it.
LIVE_ANNOTATIONS = (DISCUSSION_ANNOTATION_KEY, LOG)


class Control(IterateControl):
    """Iterate's own rules, plus: a working copy is checked in only once it
    has been sent for review (Granskning). The check-in form, the menu item
    and plone.restapi's @workingcopy all ask this view.

    An edit lock on the working copy does not stop its check-in or
    cancelling (iterate refused both while anyone had the copy's edit form
    open or had left it: the reviewer got a 500 page and the rule stayed
    locked in its working copy). Checking in replaces the rule with the
    copy and cancelling deletes it, so a form left open has nothing to save
    into; ``release_the_copys_edit_lock`` removes the lock first."""

    def _can_lock(self):
        if IWorkingCopy.providedBy(self.context) and only_edit_locks(self.context):
            return True
        return super()._can_lock()

    def checkin_allowed(self):
        if not super().checkin_allowed():
            return False
        return api.content.get_state(self.context, default=None) == "pending"


NOT_IN_REVIEW = _(
    "error_checkin_not_in_review",
    default="The working copy cannot be checked in yet: it is checked in "
    "once it has been sent for review. The original is unchanged.",
)
CHECKIN_REFUSED = _(
    "error_checkin_refused",
    default="The working copy could not be checked in: you may not check it "
    "in, or it is no longer a working copy. The original is unchanged; ask "
    "the one who checked it out to cancel the check-out if it is not needed.",
)
CANCEL_REFUSED = _(
    "error_cancel_checkout_refused",
    default="The check-out could not be cancelled: you may not cancel it, or "
    "this is no longer a working copy. Nothing was changed.",
)


def _refuse(view, message):
    """Back to the working copy with ``message``, instead of iterate's
    CheckinException or CheckoutException (a 500 error page)."""
    IStatusMessage(view.request).addStatusMessage(message, type="error")
    view.request.response.redirect(view.context.absolute_url())
    return ""


class Checkin(IterateCheckin):
    """iterate's check-in form; a check-in it refuses says why, in Swedish,
    on the working copy (iterate raised "Not a checkout": a 500 page)."""

    def __call__(self):
        if "form.button.Checkin" in self.request.form:
            control = self.context.restrictedTraverse("@@iterate_control")
            if not control.checkin_allowed():
                if IWorkingCopy.providedBy(self.context) and (
                    api.content.get_state(self.context, default=None) != "pending"
                ):
                    return _refuse(self, NOT_IN_REVIEW)
                return _refuse(self, CHECKIN_REFUSED)
        return super().__call__()


class Cancel(IterateCancel):
    """iterate's cancel form; a refusal says why instead of a 500 page."""

    def __call__(self):
        if "form.button.Cancel" in self.request.form:
            control = self.context.restrictedTraverse("@@iterate_control")
            if not control.cancel_allowed():
                return _refuse(self, CANCEL_REFUSED)
        return super().__call__()


#: The working copy of "semester" is "semester-arbetskopia".
SUFFIX = "arbetskopia"


def working_copy_id(container, original_id):
    """A free id in ``container`` for the working copy of ``original_id``:
    "semester-arbetskopia" (then "-2", "-3" …)."""
    base = f"{original_id}-{SUFFIX}"
    new_id, number = base, 2
    while new_id in container.objectIds():
        new_id, number = f"{base}-{number}", number + 1
    return new_id


class NamesTheWorkingCopy:
    """An iterate copier that renames the working copy it made (on our
    site; another site in the same Zope keeps iterate's names)."""

    def _copyBaseline(self, container):
        working_copy = super()._copyBaseline(container)
        if not ISolnaIntranetLayer.providedBy(getRequest()):
            return working_copy
        # The copied comments go first (as at check-out, below): renamed
        # with the copy, plone.app.discussion would move their catalog
        # entries, which then pointed at comments the copy does not keep.
        leave_live_data(working_copy)
        parent = aq_parent(aq_inner(working_copy))
        new_id = working_copy_id(parent, self.context.getId())
        parent.manage_renameObject(working_copy.getId(), new_id)
        return parent[new_id]


class Copier(NamesTheWorkingCopy, ContentCopier):
    """iterate's copier of an item (a rule), naming its working copy."""


class FolderishCopier(NamesTheWorkingCopy, FolderishContentCopier):
    """iterate's copier of a folderish item, naming its working copy."""


def _drop_comments(working_copy):
    """Remove the copied conversation from the working copy, and its
    comments from the catalog (the paste indexed them at the copy's path)."""
    annotations = IAnnotations(working_copy)
    conversation = annotations.get(DISCUSSION_ANNOTATION_KEY)
    if conversation is None:
        return
    catalog = api.portal.get_tool("portal_catalog")
    base = "/".join(working_copy.getPhysicalPath())
    for comment_id in conversation:
        catalog.uncatalog_object(f"{base}/{conversation.getId()}/{comment_id}")
    del annotations[DISCUSSION_ANNOTATION_KEY]


def leave_live_data(working_copy):
    """The working copy without the item's comments and moderation log."""
    _drop_comments(working_copy)
    for key in LIVE_ANNOTATIONS:
        IAnnotations(working_copy).pop(key, None)


def leave_live_data_on_the_original(event):
    """ICheckoutEvent: the draft starts without the item's comments and
    moderation log (they stay on the item staff read and comment on)."""
    leave_live_data(event.working_copy)


def keep_the_originals_annotations(event):
    """ICheckinEvent (before the merge): the original keeps every annotation
    it has; the working copy contributes only those it alone has."""
    working_copy, original = event.object, event.baseline
    _drop_comments(working_copy)
    mine, theirs = IAnnotations(working_copy), IAnnotations(original)
    for key in list(mine.keys()):
        if key in theirs or key in LIVE_ANNOTATIONS:
            del mine[key]


def forget_a_deleted_copy(event):
    """ICancelCheckoutEvent: iterate sends it also when the working copy is
    deleted some other way (REST DELETE, the delete form, folder contents),
    but then leaves the relation between the rule and the deleted copy in
    the relation catalog. The next check-out added a second relation, and
    iterate read the stale one first: the rule's @workingcopy said there was
    none and cancelling or checking in answered 500. Before the commit,
    relations of the rule whose copy is gone are removed."""
    transaction.get().addBeforeCommitHook(drop_broken_relations, args=(event.baseline,))


def drop_broken_relations(original):
    """Remove the iterate relations of ``original`` that point at nothing."""
    catalog = getUtility(ICatalog)
    intids = getUtility(IIntIds)
    for relation in get_relations(original):
        if relation.isBroken() or relation.to_object is None:
            catalog.unindex(relation)
            if intids.queryId(relation) is not None:
                intids.unregister(relation)


def only_edit_locks(obj):
    """``obj`` is locked, by edit locks (plone.locking's stealable
    ones) only: no lock of iterate or of WebDAV that must hold."""
    lockable = ILockable(obj, None)
    if lockable is None or not lockable.locked():
        return False
    types = [info["type"] for info in lockable.lock_info()]
    return all(kind is not None and kind.stealable for kind in types)


def release_the_copys_edit_lock(event):
    """ICheckinEvent, ICancelCheckoutEvent (before the copy is merged or
    deleted): remove edit locks left on the working copy (Zope refuses to
    delete a locked object)."""
    working_copy = event.object
    if only_edit_locks(working_copy):
        ILockable(working_copy).clear_locks()
