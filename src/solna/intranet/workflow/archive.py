"""Arkivera only after "Ja, arkivera".

The archive transition's action (the workflow bar's button, the toolbar's
Status menu) used to be ``content_status_modify?workflow_action=archive``:
one tap took a page, or the whole of /nyheter, away from staff (issue 18).
Its action is now ``@@arkivera`` (profiles/default/workflows/
solna_intranet_workflow), this page: GET asks "Vill du arkivera …?" and says
what follows (for a folder: that what is in it goes out of reach too);
the archive happens on the POST of "Ja, arkivera" with the CSRF token,
also without JavaScript. Folder contents' Status dialog and the REST API
keep taking the transition directly: both are already a deliberate choice.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.interfaces import IFolderish
from Products.Five.browser import BrowserView
from solna.intranet import _
from solna.intranet.interfaces import IToolPage
from zope.i18nmessageid import Message
from zope.interface import implementer


ARCHIVE = "archive"
NOT_NOW = _(
    "error_archive_not_available",
    default="This cannot be archived now: only what is published can be.",
)
ARCHIVED = _("message_archived", default="“${title}” is archived.")


def available(context, transition=ARCHIVE):
    """True when the current user may take ``transition`` on ``context``
    now (its state and the guard)."""
    wf_tool = api.portal.get_tool("portal_workflow")
    return transition in {t["id"] for t in wf_tool.getTransitionsFor(context)}


@implementer(IToolPage)
class ArchiveConfirm(BrowserView):
    """@@arkivera: the question, then the archive transition (POST)."""

    def __call__(self):
        form = self.request.form
        if not available(self.context):
            api.portal.show_message(NOT_NOW, request=self.request, type="error")
            return self.request.response.redirect(self.context.absolute_url())
        if self.request.method == "POST" and "form.buttons.archive" in form:
            CheckAuthenticator(self.request)
            api.content.transition(self.context, transition=ARCHIVE)
            api.portal.show_message(
                Message(ARCHIVED, mapping={"title": self.context.Title()}),
                request=self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def contained(self):
        """How many items a folder holds (0 for an item): they go out of
        staff's reach with it."""
        if not IFolderish.providedBy(self.context):
            return 0
        return len(self.context.objectIds())
