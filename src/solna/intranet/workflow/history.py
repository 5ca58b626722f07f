"""History (@@historyview) for an item's authors while it is in review, and
"Återför till denna revision" only after "Ja, återför".

plone.app.layout protects @@historyview with "Modify portal content", which
the workflow takes from authors and the unit's editors while the item is in
review (Granskning): a Redaktör who sent her news for review got
"Otillräckliga rättigheter" on its History, though the send-back form says
the reviewer's reason is kept there (issue 18). Here the page asks for
CMFEditions' own "Access previous versions" (authors, editors, reviewers;
not staff who only read), the permission the toolbar's History link is
already shown by. Reading the history changes nothing.

Reverting is still for those who may change the item now: the revert
button shows only for them (CMFEditions asks only "Revert to previous
versions", which the author keeps in review), and ``@@revertversion`` (the
button's form, and CMFEditions' versions_history_form) first asks "Vill du
återföra …?" on a page of its own: the revert happens on the POST of
"Ja, återför" with the CSRF token, also without JavaScript.

The newest revision is what the item says now: "Återför till denna
revision" is offered only on older ones (issue 18's third trial: it was on
the newest too, where reverting changes nothing but adds a revision), on
the page, on a revision's "Visa" (CMFEditions' versions_history_form), at
``@@revertversion`` and in plone.restapi's ``@history``
(``may_revert``; a PATCH to the newest answers 400, see services.py).
"""

from AccessControl import Unauthorized
from lxml import html
from plone import api
from plone.app.layout.viewlets.content import ContentHistoryView
from plone.app.layout.viewlets.content import HistoryByLineView
from plone.protect import CheckAuthenticator
from Products.CMFEditions.browser.policies import RevertVersion
from Products.CMFEditions.browser.views import VersionsHistoryForm
from Products.CMFEditions.interfaces.IModifier import FileTooLargeToVersionError
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import fullname
from zope.i18n import translate
from zope.interface import implementer

import os
import Products.CMFEditions.browser
import re


MODIFY = "Modify portal content"


def may_revert(context):
    """True when the current user may put an older revision of ``context``
    in force: change it now (the workflow's Modify portal content) and
    revert (CMFEditions)."""
    return bool(
        api.user.has_permission(MODIFY, obj=context)
        and api.user.has_permission(
            "CMFEditions: Revert to previous versions", obj=context
        )
    )


def newest_version_id(context):
    """The version id of the newest revision of ``context`` (a str), or
    None when it has none."""
    repository = api.portal.get_tool("portal_repository")
    history = repository.getHistoryMetadata(context)
    if not history:
        return None
    length = history.getLength(countPurged=False)
    if not length:
        return None
    return str(history.getVersionId(length - 1, countPurged=False))


def revision_names(sys_meta, request):
    """{"time", "author", "comment"} of a revision's ``sys_metadata`` as
    History shows them: "1 dec. 2026 kl. 14.49" in Stockholm's time, the
    full name of who saved it, its change note translated (a note may be a
    msgid of Plone's: "initial_version_changeNote" is "Första versionen")."""
    return {
        "time": display(sys_meta["timestamp"], request),
        "author": fullname(sys_meta["principal"]),
        "comment": translate(
            (sys_meta.get("comment") or "").strip(),
            domain="plone",
            context=request,
        ),
    }


def find_revision(context, request, version_id):
    """{"id", "time", "author", "comment"} of the revision ``version_id``
    of ``context``, or None for one it does not have. Named as History
    names it (``revision_names``), not by ``id``: CMFEditions' version
    number, which History does not show ("revision 0" named nothing staff
    had seen)."""
    repository = api.portal.get_tool("portal_repository")
    history = repository.getHistoryMetadata(context)
    if not history or version_id in (None, ""):
        return None
    for index in range(history.getLength(countPurged=False)):
        if str(history.getVersionId(index, countPurged=False)) != str(version_id):
            continue
        meta = history.retrieve(index, countPurged=False)["metadata"]
        return {
            "id": str(version_id),
            **revision_names(meta["sys_metadata"], request),
        }
    return None


def revert_to(context, request, revision):
    """CMFEditions' revert (its ``RevertVersion``) of ``context`` to
    ``revision`` (``find_revision``), named by its time and who saved it in
    the change note History keeps and in the message returned (CMFEditions
    said "… har återförts till revision 0.", issue 18's third trial)."""
    repository = api.portal.get_tool("portal_repository")
    repository.revert(context, revision["id"])
    mapping = {"time": revision["time"], "author": revision["author"]}
    if repository.supportsPolicy(context, "version_on_revert"):
        try:
            repository.save(
                obj=context,
                comment=translate(
                    _(
                        "revert_change_note",
                        default="Reverted to the revision ${author} saved ${time}",
                        mapping=mapping,
                    ),
                    context=request,
                ),
            )
        except FileTooLargeToVersionError:
            api.portal.show_message(
                _(
                    "revert_file_too_large",
                    default="The current text could not be kept as a "
                    "revision before reverting: its file is too large.",
                ),
                request=request,
                type="warning",
            )
    return _(
        "status_reverted",
        default="${title} has been reverted to the revision ${author} saved ${time}.",
        mapping={"title": context.title_or_id(), **mapping},
    )


#: Said on History when someone asks to revert to the newest revision.
NEWEST = _(
    "revert_newest",
    default="That is the newest revision: the item already says that. "
    "Choose an older revision to revert to.",
)


class HistoryView(HistoryByLineView):
    """@@historyview, with "Access previous versions" (configure.zcml)
    instead of "Modify portal content": the item's author reads it while the
    item is in review."""


#: The space before the colon between the actor and the action in a line
#: of History (plone.app.layout's content_history.pt, "history_action").
SPACE_BEFORE_COLON = re.compile(r'\s+:(\s*<span class="historyAction\b)')


def tidy_bylines(page):
    """History's lines without a space before the colon: plone.app.layout's
    template puts the actor's name (a link) on lines of its own, and the
    Swedish "${time} ${actor}: ${action}" read "Lina Ahmed : Skicka för
    granskning" (issue 18's third trial)."""
    return SPACE_BEFORE_COLON.sub(r":\1", page)


class ContentHistory(ContentHistoryView):
    """@@contenthistory (the table of @@historyview): a revision offers
    "Återför till denna revision" only to those who may change the item,
    and a line reads "Lina Ahmed: Skicka för granskning" (``tidy_bylines``)."""

    def __call__(self):
        return tidy_bylines(super().__call__())

    def revisionHistory(self):
        """plone.app.layout's revisions, each ``revert_url`` None unless the
        user may revert now (``may_revert``) and the revision is an older one
        (not the newest: what the item says now)."""
        history = super().revisionHistory()
        allowed = may_revert(self.context)
        newest = newest_version_id(self.context) if history else None
        for revision in history:
            if not allowed or str(revision.get("version_id")) == newest:
                revision["revert_url"] = None
        return history


class VersionsHistory(VersionsHistoryForm):
    """versions_history_form (History's "Visa" of a revision): its
    "Återför till denna revision" only where History offers it, on older
    revisions to those who may change the item now. CMFEditions offered it
    on the newest too once the item's modification date had moved on (a
    workflow step), and to the author while the item is in review."""

    index = ViewPageTemplateFile(
        "templates/versions_history_form.pt",
        _prefix=os.path.dirname(Products.CMFEditions.browser.__file__),
    )

    def __call__(self):
        page = self.index()
        allowed = may_revert(self.context)
        newest = newest_version_id(self.context)
        tree = html.fromstring(page)
        removed = False
        for form in tree.xpath("//form[contains(@action, '/@@revertversion')]"):
            version = form.xpath(".//input[@name='version_id']/@value")
            if allowed and version and version[0] != newest:
                continue
            item = form.getparent()
            (item if item.tag == "li" else form).drop_tree()
            removed = True
        if not removed:
            return page
        return "<!DOCTYPE html>\n" + html.tostring(tree, encoding="unicode")


@implementer(IToolPage)
class RevertConfirm(RevertVersion):
    """@@revertversion: "Vill du återföra till revisionen från 1 dec. 2026
    kl. 11.32?" first.

    GET, or the history's own POST (``version_id`` only): the question,
    naming the revision as History does (time, author, change note), and
    "Ja, återför" / "Avbryt". POST
    with ``form.buttons.revert`` and the token: CMFEditions' revert (the
    current text is saved as a revision first, so it can be undone), then
    the item with a status message naming the revision as the question
    did. Someone who may not change the
    item now gets Unauthorized, whichever way they come."""

    def __call__(self):
        if not may_revert(self.context):
            raise Unauthorized("You may not revert this item now.")
        form = self.request.form
        if self.request.method == "POST" and "form.buttons.revert" in form:
            CheckAuthenticator(self.request)
            return self.revert(form.get("version_id"))
        self.revision = self._revision(form.get("version_id"))
        if self.revision is None:
            return self.request.response.redirect(self.history_url())
        return self.index()

    def revert(self, version_id):
        """``revert_to`` the revision, then the item with the message."""
        revision = self._revision(version_id)
        if revision is None:
            return self.request.response.redirect(self.history_url())
        message = revert_to(self.context, self.request, revision)
        api.portal.show_message(message, request=self.request, type="info")
        view = self.context.getTypeInfo().getActionInfo("object/view")["url"]
        url = self.context.absolute_url()
        return self.request.response.redirect(url if view == "/" else f"{url}/{view}")

    def history_url(self):
        return f"{self.context.absolute_url()}/@@historyview"

    def _revision(self, version_id):
        """``find_revision``, but None for the newest revision (with a
        message for History): the item already says what it says."""
        if version_id not in (None, "") and str(version_id) == newest_version_id(
            self.context
        ):
            api.portal.show_message(NEWEST, request=self.request, type="info")
            return None
        return find_revision(self.context, self.request, version_id)
