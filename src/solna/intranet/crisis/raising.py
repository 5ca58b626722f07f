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
from plone.app.content.browser.content_status_modify import ContentStatusModifyView
from plone.rest.interfaces import IAPIRequest
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet.crisis.state import is_crisis
from solna.intranet.crisis.state import KRIS
from solna.intranet.crisis.state import may_raise
from solna.intranet.news.behaviors import priority_by_default
from solna.intranet.security.grants import CRISIS_REFUSED
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


def refuse_publishing(item, event):
    """IBeforeTransitionEvent: a Kris item is published only by those who may
    raise a crisis (see the module for why here)."""
    new = getattr(event.new_state, "id", None)
    old = getattr(event.old_state, "id", None)
    if new != PUBLISHED or old == PUBLISHED or not is_crisis(item):
        return
    if may_raise(item):
        return
    request = getRequest()
    if IAPIRequest.providedBy(request):
        # REST @workflow answers 400 but would commit the publishing date
        # it set first: keep nothing of the refused request.
        transaction.doom()
    raise PublishingRefused(translate(PUBLISHING_REFUSED, context=request))


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
