"""Database conflicts: logged, and never a lost text or a bare error page.

Two writes to the same stored object at the same moment make the later one
fail its commit with a ``ConflictError``; Zope then runs the whole request
again, up to three times (``max-conflict-retries``). ``log_conflict`` writes
each one to the event log (method, path, the object's class; never the
form's content), so an operator, and ``scripts/benchmark_writes.py``, can see
where writes collide.

Should every retry collide, ``ConflictView`` answers instead of Plone's
error page, which cannot render after a failed commit (it falls back to an
unstyled page, and the text a member typed is gone): 409 with a Swedish
page in the site's theme that keeps everything the member sent, ready to
send again; over REST a Swedish JSON error. (409 and not 5xx: nothing is
wrong with the server, the request only has to be sent again.)
"""

from plone.rest.interfaces import IAPIRequest
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet import logger
from ZODB.POSException import ConflictError
from ZODB.utils import oid_repr
from zope.i18n import translate

import json
import transaction


BUSY = _(
    "error_write_conflict",
    default="Many people were saving at the same moment, so what you sent "
    "was not saved. Nothing you wrote is lost: send it again.",
)
#: Form fields that are not what the member wrote (kept, not shown).
HIDDEN_PREFIXES = ("_authenticator", "form.buttons.", "__", "-C")


def log_conflict(event):
    """IPubFailure: a conflict, retried or final, in the event log."""
    error = event.exc_info[1]
    if not isinstance(error, ConflictError):
        return
    request = event.request
    logger.info(
        "ConflictError on %s %s: class %s, oid %s (%s)",
        request.get("REQUEST_METHOD", ""),
        request.get("PATH_INFO", ""),
        error.class_name,
        oid_repr(error.oid) if error.oid else "?",
        "retried" if event.retry else "no retries left",
    )


def _kept_fields(form):
    """(name, value) of what was sent, text values only (a file has to be
    chosen again), in a stable order."""
    kept = []
    for name, value in sorted(form.items()):
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, str):
                kept.append((name, item))
    return kept


class ConflictView(BrowserView):
    """The exception view (``index.html``) of a ConflictError that used up
    its retries."""

    index = ViewPageTemplateFile("templates/conflict.pt")

    def __call__(self):
        # The failed commit left the transaction unusable; the page needs
        # to read the site (theme, menus). Nothing is written.
        transaction.abort()
        transaction.begin()
        request = self.request
        request.response.setStatus(409, lock=True)
        request.response.setHeader("Retry-After", "2")
        message = translate(BUSY, context=request)
        accept = request.getHeader("Accept", "") or ""
        if IAPIRequest.providedBy(request) or "text/html" not in accept:
            request.response.setHeader("Content-Type", "application/json")
            return json.dumps({"error": {"type": "Conflict", "message": message}})
        self.context = self.__parent__
        request.set("disable_border", True)
        self.action = request.get("ACTUAL_URL", "")
        fields = _kept_fields(request.form)
        self.hidden = [(n, v) for n, v in fields if n.startswith(HIDDEN_PREFIXES)]
        self.texts = [
            (n, v) for n, v in fields if not n.startswith(HIDDEN_PREFIXES) and v
        ]
        self.message = message
        return self.index()
