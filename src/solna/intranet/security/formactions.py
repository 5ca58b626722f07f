"""A form's actions decide where its answers go (a Mailer to any address,
saved data): granting them is granting the form's cases, so only those
who may choose a form's handlers (*Assign form handlers*: Webbredaktörer)
change them (issue 14, part 1). collective.easyform lets whoever edits
the form change them: the actions editor (``<form>/actions/…``, also its
XML model editor) and REST (``actions_model``).

- ``protect_actions_model`` puts the write permission on easyform's
  ``actions_model`` field, which plone.restapi honours (a PATCH by anyone
  else leaves it unchanged); ``grants.guard`` logs and checks it too.
- ``actions_editor`` (IPubAfterTraversal) refuses the actions editor to
  everyone else (Unauthorized).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_parent
from collective.easyform.interfaces import IEasyForm
from collective.easyform.interfaces import IEasyFormActionsContext
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from zExceptions import Unauthorized


PERMISSION_ID = "solna.intranet.AssignFormHandlers"
PERMISSION = "solna.intranet: Assign form handlers"


def protect_actions_model():
    permissions = dict(IEasyForm.queryTaggedValue(WRITE_PERMISSIONS_KEY, {}))
    permissions["actions_model"] = PERMISSION_ID
    IEasyForm.setTaggedValue(WRITE_PERMISSIONS_KEY, permissions)


protect_actions_model()


def actions_editor(event):
    for obj in event.request.get("PARENTS", ()):
        if IEasyFormActionsContext.providedBy(obj):
            form = aq_parent(obj)
            if not getSecurityManager().checkPermission(PERMISSION, form):
                raise Unauthorized("You are not allowed to change the form's actions.")
            return
