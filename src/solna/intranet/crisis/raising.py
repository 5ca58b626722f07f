"""Only Krisledning raises a crisis: the refusal on every route.

Who may: the permission PUBLISH_CRISIS (state.py; Krisledning, site
administrators, Manager). Anyone else is refused, in Swedish,

- **setting priority Kris** (a *change to* Kris; editing other fields of
  an existing crisis item is fine):
  - in the add and edit forms: the z3c.form validator on the field,
    security/grants.py ``CrisisValidator`` (the fields that grant rights or
    reach live there, with the log of their changes), the message under
    the field;
  - over REST (POST creating, PATCH) and any other route (a script, an
    import): security/grants.py ``guard``, on every add and modify event,
    answers 403 with the message and nothing is saved. (plone.restapi's
    deserializer calls no z3c.form field validator.)
  - quick news on Chefens sida never takes a priority (manager/quicknews.py
    refuses "kris" with the same message);
- **publishing** an item whose priority is Kris (any transition into
  ``published``): ``refuse_publishing``, a subscriber of
  IBeforeTransitionEvent raising ``PublishingRefused`` (a WorkflowException)
  with the message already translated.

Why a subscriber and not a guard expression in the workflow XML: a guard
hides the transition, so the Chef would not learn why "Publicera" is
missing, ``content_status_modify`` would answer "Item state changed." while
nothing changed, and REST ``@workflow`` would answer "Invalid transition"
in English. The subscriber refuses on every route with the same Swedish
sentence: REST ``@workflow`` turns a WorkflowException into 400 with its
message; ``content_status_modify`` (Plone's state menu, its history form and
our workflow bar, which posts to it) is taken over by ``StatusModify``,
which shows the message as a status message on the item and commits
nothing of the refused request (nor does ``@workflow``); folder contents
reports that it could not change the item's state (Plone's message) and
leaves it unpublished, though with the publishing date it set first.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.content.browser.actions import DeleteConfirmationForm
from plone.app.content.browser.content_status_modify import ContentStatusModifyView
from plone.rest.interfaces import IAPIRequest
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet.crisis.state import is_crisis
from solna.intranet.crisis.state import is_live
from solna.intranet.crisis.state import KRIS
from solna.intranet.crisis.state import may_raise
from solna.intranet.news.behaviors import priority_by_default
from solna.intranet.security.grants import CRISIS_REFUSED
from solna.intranet.security.grants import LIVE_CRISIS_REFUSED
from solna.intranet.security.grants import take_snapshot
from zExceptions import Forbidden
from zope.container.interfaces import IContainerModifiedEvent
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


#: The same message as security/grants.py CRISIS_REFUSED.
RAISING_REFUSED = CRISIS_REFUSED
PUBLISHING_REFUSED = _(
    "crisis_publishing_refused",
    default="Only Krisledning can publish crisis information. Change the "
    "priority to Normal or Important, or ask Krisledning to publish it.",
)
#: The state a crisis must not reach without the permission.
PUBLISHED = "published"


class PublishingRefused(WorkflowException):
    """Publishing a Kris item without the permission (message translated)."""


def kris_in_its_folder(item, event):
    """News added to Krisinformation without a priority of its own (REST,
    a script; the add form already proposes Kris there) is Kris: the
    field's default (news/behaviors.py) cannot see where an item is while
    the item reads it."""
    if "priority" in aq_base(item).__dict__:
        return
    if priority_by_default(aq_parent(aq_inner(item))) == KRIS:
        item.priority = KRIS
        # The site set it, not the writer: the rights log's starting point
        # holds it, so that a later change away from Kris is seen as one.
        take_snapshot(item)


def refuse_publishing(item, event):
    """IBeforeTransitionEvent: a Kris item is published only by those who may
    raise a crisis (see the module for why here), and a crisis under way
    (state.is_live) is retracted, sent back or archived only by them
    (Avsluta krisläge is how a crisis ends: it records when and by whom)."""
    new = getattr(event.new_state, "id", None)
    old = getattr(event.old_state, "id", None)
    if not is_crisis(item) or may_raise(item):
        return
    if new == PUBLISHED and old != PUBLISHED:
        message = PUBLISHING_REFUSED
    elif old == PUBLISHED and new != PUBLISHED and is_live(item):
        message = LIVE_CRISIS_REFUSED
    else:
        return
    request = getRequest()
    if IAPIRequest.providedBy(request):
        # REST @workflow answers 400 but would commit the publishing date
        # it set first: keep nothing of the refused request.
        transaction.doom()
    raise PublishingRefused(translate(message, context=request))


def _refuse_if_live(item):
    if is_live(item) and not may_raise(item):
        raise Forbidden(translate(LIVE_CRISIS_REFUSED, context=getRequest()))


def protect_live_crisis(item, event):
    """IObjectModifiedEvent of news (not a container's): a crisis under way
    is changed only by those who may raise one — its text, audience and end
    time decide what thousands read now. The edit form says so under the
    priority field first (security/grants.py CrisisValidator), keeping what
    was typed; REST PATCH and scripts get 403 here, nothing saved.
    (Changing the priority away from Kris: security/grants.py may_change,
    since the item is no longer Kris when this runs.)"""
    if IContainerModifiedEvent.providedBy(event):
        return
    _refuse_if_live(item)


def protect_live_crisis_removal(item, event):
    """IObjectWillBeRemovedEvent: a crisis under way is deleted (with its
    answers and follow-up) only by those who may raise one."""
    _refuse_if_live(item)


class DeleteConfirmation(DeleteConfirmationForm):
    """``delete_confirmation`` of news: a crisis under way says at once that
    only Krisledning deletes it (the removal is refused anyway,
    ``protect_live_crisis_removal``; this says why, where Plone would show
    its error page)."""

    def __call__(self):
        if is_live(self.context) and not may_raise(self.context):
            IStatusMessage(self.request).add(
                translate(LIVE_CRISIS_REFUSED, context=self.request), type="error"
            )
            return self.request.response.redirect(self.context.absolute_url())
        return super().__call__()


#: Set on the request while content_status_modify runs (StatusModify).
_NESTED = "solna.intranet.status_modify"


class StatusModify(ContentStatusModifyView):
    """``content_status_modify`` (the state menu, its history form, the
    workflow bar): a transition a subscriber refuses (a Kris item published
    without the permission, a send-back without a reason) shows its message
    as a status message on the item instead of an error page; nothing of the
    request is committed (the publishing date the view sets first is not
    kept)."""

    def __call__(
        self,
        workflow_action=None,
        comment="",
        effective_date=None,
        expiration_date=None,
        **kwargs,
    ):
        # Plone's view calls itself again on the parent of a default page
        # and ignores what fails there: only the outermost call turns a
        # refusal into a message (and dooms the transaction), so a refusal
        # on the parent does not undo the item's own change.
        if self.request.other.get(_NESTED):
            return super().__call__(
                workflow_action,
                comment,
                effective_date=effective_date,
                expiration_date=expiration_date,
                **kwargs,
            )
        self.request.other[_NESTED] = True
        # The publisher passes the form by these names (as to Plone's view).
        try:
            return super().__call__(
                workflow_action,
                comment,
                effective_date=effective_date,
                expiration_date=expiration_date,
                **kwargs,
            )
        except WorkflowException as refused:
            transaction.doom()
            IStatusMessage(self.request).add(str(refused), type="error")
            return self.request.response.redirect(self.context.absolute_url())
