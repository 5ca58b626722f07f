"""Sending back (reject) always says why.

The "Skicka tillbaka" menu item opens a small form that asks for the reason;
the guard below refuses a reject without one on every other route too
(content_status_modify, the REST API's @workflow).
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.interfaces import IToolPage
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


REJECT = "reject"
NOT_NOW = _(
    "error_reject_not_available",
    default="This cannot be sent back now: only what is in review or published can be.",
)
NO_REASON = _(
    "error_reject_without_comment",
    default="Write why you send it back: the author gets your comment by e-mail.",
)


def require_reason(obj, event):
    transition = event.transition
    if transition is None or transition.id != REJECT:
        return
    if not ((event.kwargs or {}).get("comment") or "").strip():
        raise WorkflowException(translate(NO_REASON, context=getRequest()))


#: What the page is, for its ``<title>`` ("Skicka tillbaka — Sommarfest —
#: Solna intranät"): the page's title is made of the view's ``label``, the
#: item and the site (accessibility_fixes/transform.py); without a label it
#: took the heading, which names the item too ("Skicka tillbaka
#: ”Sommarfest” — Sommarfest — …", issue 18).
LABEL = _("button_reject", default="Send back")


@implementer(IToolPage)
class RejectForm(BrowserView):
    """@@skicka-tillbaka: the reviewer's reason, then the reject transition.
    Its heading names the item ("Skicka tillbaka ”Sommarfest”"), its
    ``<title>`` names the page by ``label``, then the item, once each."""

    error = None
    comment = ""
    label = LABEL

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and "form.buttons.cancel" in form:
            return self.request.response.redirect(self.context.absolute_url())
        if self.request.method == "POST" and "form.buttons.reject" in form:
            CheckAuthenticator(self.request)
            self.comment = (form.get("comment") or "").strip()
            if not self.available():
                self.error = NOT_NOW
            elif not self.comment:
                self.error = NO_REASON
            else:
                api.content.transition(
                    self.context, transition=REJECT, comment=self.comment
                )
                api.portal.show_message(
                    _("The item is sent back to its author as a draft."),
                    request=self.request,
                )
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def available(self):
        wf_tool = api.portal.get_tool("portal_workflow")
        return REJECT in {t["id"] for t in wf_tool.getTransitionsFor(self.context)}
