"""Two publication rules of the password reset (issue 16, reset.py).

**Plone's mail routes are not for the web.** ``portal_registration``
(Products.CMFPlone.RegistrationTool) declares ``mailPassword`` and
``registeredNotify`` public, so ZPublisher published them: anyone could
``GET /plone/portal_registration/mailPassword?login=anna.lindqvist`` and
have a reset mail sent, as often as they liked, with Plone's English
error (500 ValueError "could not be found") for an unknown login — an
oracle for who has an account. ``refuse_mail_routes`` (IPubAfterTraversal)
answers 404 whenever one of them is the published object, whatever the
method or path (acquired from a folder too). Nothing else changes: Plone's
views and plone.restapi call them from Python (the users control panel,
``@users/<id>/reset-password``, the welcome mail of a new account) and
keep working; their links obey ``ResetTool``'s rules (reset.py).

**A fixed duration.** ``pad`` (IPubSuccess, IPubFailure) makes a request
that asked for a reset link (``reset.request_reset`` through
``@@mail_password`` or ``POST @nytt-losenord``) last at least
``reset.PAD_SECONDS`` from the start of its handler, after the commit:
a known account costs look-ups, a permission check and a database write
that an unknown one does not, and an observer timing the answer must not
learn who has an account (OWASP Authentication Cheat Sheet,
"Authentication Responses"; OWASP Forgot Password Cheat Sheet).
"""

from Acquisition import aq_base
from Products.CMFPlone.RegistrationTool import RegistrationTool
from zExceptions import NotFound

import time


#: The registration tool's methods that mail a reset link.
MAIL_ROUTES = frozenset({"mailPassword", "registeredNotify"})
#: request.other key: until when (time.monotonic()) the request is padded.
PAD_UNTIL = "solna.reset.pad_until"


def refuse_mail_routes(event):
    """IPubAfterTraversal: 404 for a published mail route of the
    registration tool (see the module)."""
    published = event.request.get("PUBLISHED")
    if getattr(published, "__name__", None) not in MAIL_ROUTES:
        return
    owner = aq_base(getattr(published, "__self__", None))
    if isinstance(owner, RegistrationTool):
        raise NotFound(published.__name__)


def pad_until(request, deadline):
    """Have ``request`` last until ``deadline`` (time.monotonic()); the
    first deadline set holds (the handler's start, not a later call's)."""
    other = getattr(request, "other", None)
    if other is not None:
        other.setdefault(PAD_UNTIL, deadline)


def pad(event):
    """IPubSuccess/IPubFailure: sleep until the request's PAD_UNTIL."""
    other = getattr(event.request, "other", None) or {}
    deadline = other.get(PAD_UNTIL)
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)
