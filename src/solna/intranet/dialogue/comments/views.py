"""The comment pages, each applying the rule in moderation.py (REST does the
same in services.py):

- the comments under an item, as plone.app.discussion shows them: a held
  comment is shown to its author (marked as waiting) and its moderators
  only; only authors edit their comments; a moderator's delete asks why;
  everyone may report a comment, saying why if they like. With the
  commenter's unit, and times in Swedish. ``@@kommentera`` saves a comment;
- report a comment, delete one (with a reason, as a moderator), edit one's
  own, and the moderators' queue (``@@moderering``, queue.py)."""

from AccessControl import Unauthorized
from Acquisition import aq_inner
from html import escape as html_escape
from plone import api
from plone.app.discussion.browser.comment import EditComment as PloneEditComment
from plone.app.discussion.browser.comment import View as PloneCommentView
from plone.app.discussion.browser.comments import COMMENT_DESCRIPTION_MODERATION_ENABLED
from plone.app.discussion.browser.comments import CommentForm as PloneCommentForm
from plone.app.discussion.browser.comments import CommentsViewlet as Base
from plone.app.discussion.browser.moderation import (
    BulkActionsView as PloneBulkActionsView,
)
from plone.app.discussion.browser.moderation import (
    DeleteOwnComment as PloneDeleteOwnComment,
)
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.app.discussion.interfaces import IReplies
from plone.app.layout.globals.interfaces import IViewView
from plone.app.layout.viewlets.common import ViewletBase
from plone.memoize.instance import memoize
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import _verify_request
from plone.registry.interfaces import IRegistry
from plone.z3cform.interfaces import IWrappedForm
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.PlonePAS.tools.membership import default_portrait
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import request_language
from solna.intranet.dialogue.behaviors import OPEN
from solna.intranet.dialogue.comments.events import commented_item
from solna.intranet.dialogue.comments.links import ALL
from solna.intranet.dialogue.comments.links import comment_url
from solna.intranet.dialogue.comments.moderation import Checks
from solna.intranet.dialogue.comments.moderation import delete_comment
from solna.intranet.dialogue.comments.moderation import has_replies_message
from solna.intranet.dialogue.comments.moderation import is_mine
from solna.intranet.dialogue.comments.moderation import may_delete
from solna.intranet.dialogue.comments.moderation import may_edit
from solna.intranet.dialogue.comments.moderation import may_report
from solna.intranet.dialogue.comments.moderation import may_see
from solna.intranet.dialogue.comments.moderation import moderation_of
from solna.intranet.dialogue.comments.moderation import NOT_REPORTABLE
from solna.intranet.dialogue.comments.moderation import REASON_REQUIRED
from solna.intranet.dialogue.comments.moderation import ReasonRequired
from solna.intranet.dialogue.comments.moderation import report
from solna.intranet.dialogue.comments.moderation import REPORTED
from solna.intranet.dialogue.comments.queue import moderate
from solna.intranet.dialogue.comments.queue import queue
from solna.intranet.interfaces import IToolPage
from solna.intranet.members import properties
from solna.intranet.members import unit_titles
from solna.intranet.tools import tool
from zExceptions import NotFound
from zope.component import getUtility
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.interface import implementer


#: Plone's CSS class for a comment's state (its comments.pt's ``colorclass``).
STATE_CLASSES = {"rejected": "state-private", "spam": "state-internal"}

#: How many comments an item's page shows at first: the newest whole
#: threads up to this many comments (at least the newest thread), so that
#: the page does not grow with the thread (issue 21). "Visa … tidigare
#: kommentarer" shows them all.
SHOWN = 10


def window(threads, shown=SHOWN):
    """The threads' last whole threads with at most ``shown`` comments in
    all, at least the last one; ``threads`` as ``getThreads`` yields them
    (a dict per comment with its ``depth``, each thread's replies after
    it). Returns (the comments to show, how many are left out)."""
    starts = [i for i, t in enumerate(threads) if not t.get("depth")]
    cut = starts[-1] if starts else 0
    for start in reversed(starts):
        if len(threads) - start > shown:
            break
        cut = start
    return threads[cut:], cut


POST_VIEW = "kommentera"
STALE_PAGE = _(
    "error_comment_stale_page",
    default="The page had been open too long to send from. Your comment is "
    "still here: send it again.",
)


class CommentForm(PloneCommentForm):
    """Plone's comment form, sent to ``@@kommentera`` instead of the item's
    page: saving a comment then costs the comment, not the rendering of a
    page with all the comments (a second, for a long thread, during which
    the transaction stays open and collides with others)."""

    @property
    def action(self):
        return f"{aq_inner(self.context).absolute_url()}/@@{POST_VIEW}"


class CommentView(BrowserView):
    """@@kommentera (POST): Plone's comment form handled without the page.
    Saved: back to the item, at the comment. Refused (an empty comment):
    the item's page with the form's Swedish errors and the text kept."""

    def __call__(self):
        reply_to = self.request.form.get("form.widgets.in_reply_to") or ""
        if reply_to:
            parent = (
                IConversation(self.context).get(int(reply_to))
                if str(reply_to).isdigit()
                else None
            )
            if parent is None or not may_see(parent):
                raise NotFound(reply_to)
        if not _verify_request(self.request):
            # The page's token is too old (a phone's tab left open over the
            # keyring's rotation): plone.protect would drop the comment
            # after the redirect, silently. Show the page again instead,
            # with a fresh token, the text still in the form, and why.
            self.request.form.pop("form.buttons.comment", None)
            api.portal.show_message(
                translate(STALE_PAGE, context=self.request),
                request=self.request,
                type="warning",
            )
            return self._page()
        form = CommentForm(aq_inner(self.context), self.request)
        alsoProvides(form, IWrappedForm)
        form.update()
        response = self.request.response
        location = response.getHeader("Location")
        if response.getStatus() in (301, 302, 303) and location:
            target = location.replace(f"/@@{POST_VIEW}", "", 1)
            if reply_to and "#" in target:
                # A reply lives in its thread, maybe an older one than the
                # page shows at first.
                item_url, _sep, comment_id = target.partition("#")
                target = comment_url(item_url, comment_id)
            response.redirect(target)
            return ""
        return self._page()

    def _page(self):
        """The item's page, as its own address shows it (comments too)."""
        name = self.context.getLayout() or self.context.getDefaultLayout()
        page = self.context.restrictedTraverse(name)
        alsoProvides(page, IViewView)
        return page()


#: The comment form as z3c.form drew it on an item's page, by what the
#: drawing depends on (``CommentsViewlet._form_key``), the item's address
#: in its action replaced by ``ITEM_URL``: the same for every member in the
#: same case (no member's data in it; plone.protect adds the member's CSRF
#: token to the page later).
_DRAWN_FORMS = {}
MAX_DRAWN_FORMS = 64
ITEM_URL = "\x00item-url\x00"


class _DrawnForm:
    """The form of a page as drawn before: what the template asks of a
    form (``render``)."""

    def __init__(self, html):
        self.html = html

    def render(self):
        return self.html


class CommentsViewlet(Base):
    """plone.app.discussion's comments, with the commenter's unit, Report
    and a moderator's delete asking why; everything the template shows of a
    comment is worked out in one pass (``rows``). The comment form is drawn
    by z3c.form once per case (``_form_key``), not on every view of every
    item (issue 21: its widgets were 7 % of a news item's page)."""

    form = CommentForm
    index = ViewPageTemplateFile("templates/comments.pt")

    def update(self):
        self.userid = None if self.is_anonymous() else api.user.get_current().getId()
        key = self._form_key()
        drawn = _DRAWN_FORMS.get(key) if key is not None else None
        if drawn is None:
            super().update()  # Plone's: builds and updates the form
            if key is not None and not isinstance(self.form, type):
                self._keep_form(key, self.form.render())
        else:
            ViewletBase.update(self)
            if self.is_discussion_allowed() and (
                (self.is_anonymous() and self.anonymous_discussion_allowed())
                or self.can_reply()
            ):
                self.form = _DrawnForm(drawn.replace(ITEM_URL, self._action()))
        self.checks = Checks()
        self.total = self.hidden = 0

    def _action(self):
        """The form's action (``CommentForm.action``), escaped for an
        attribute as the form's template writes it (the address's host
        comes from the request)."""
        url = f"{aq_inner(self.context).absolute_url()}/@@{POST_VIEW}"
        return html_escape(url, quote=True)

    def _form_key(self):
        """What the comment form's drawing depends on, or None when it must
        be drawn now (a form sent back, with its values and errors): the
        page's name (the form's CSS classes), the language, whether the
        member is anonymous and has an e-mail address (the notification
        box), and the site's discussion settings the form reads."""
        if any(name.startswith("form.") for name in self.request.form):
            return None
        settings = getUtility(IRegistry).forInterface(IDiscussionSettings, check=False)
        email = properties(self.userid, ("email",))["email"] if self.userid else ""
        return (
            self.request.getURL().rsplit("/", 1)[-1],
            request_language(self.request),
            self.userid is None,
            bool(email),
            getattr(settings, "anonymous_email_enabled", None),
            getattr(settings, "user_notification_enabled", None),
            getattr(settings, "captcha", None),
        )

    def _keep_form(self, key, html):
        """Keep the form's ``html`` for ``key`` when its action is the only
        address in it (another, such as the site's, could be another host's
        under virtual hosting); the page shows ``html`` as drawn."""
        action = f'action="{self._action()}"'
        rest = html.replace(action, "", 1)
        if html.count(action) == 1 and "://" not in rest:  # no other address
            if len(_DRAWN_FORMS) >= MAX_DRAWN_FORMS:
                _DRAWN_FORMS.clear()
            _DRAWN_FORMS[key] = html.replace(action, f'action="{ITEM_URL}"')
        self.form = _DrawnForm(html)

    def get_commenter_home_url(self, username=None):
        """The commenter's page (``/author/<username>``), or None: Plone's,
        with the site's address asked once per page, not once per
        commenter."""
        if username is None:
            return None
        return f"{self._portal_url()}/author/{username}"

    def get_commenter_portrait(self, username=None):
        """The address of the commenter's portrait, or of the site's
        default portrait for one who has none (most): Plone's
        ``getPersonalPortrait(username).absolute_url()``, with the default
        (a skin lookup from the site) found once per page, not once per
        commenter."""
        if username is None:
            return "defaultUser.png"
        membership, memberdata = self._member_tools()
        portrait = memberdata._getPortrait(membership._getSafeMemberId(username))
        if portrait is None or isinstance(portrait, str):
            return self._default_portrait_url()
        return portrait.absolute_url()

    @memoize
    def _member_tools(self):
        """portal_membership and portal_memberdata, looked up once per page
        (each lookup rewraps the tool for the request: 2 % of a news item's
        page with ten commenters, issue 21)."""
        return tool("portal_membership"), tool("portal_memberdata")

    @memoize
    def _portal_url(self):
        return api.portal.get().absolute_url()

    @memoize
    def _default_portrait_url(self):
        return getattr(api.portal.get(), default_portrait).absolute_url()

    def all_url(self):
        """This page with every comment, at the first one."""
        return f"{self.context.absolute_url()}?{ALL}=alla#comments"

    def comment_transform_message(self):
        """Plone's text, saying comments wait for a moderator only where
        they do (this place is pre-moderated)."""
        message = super().comment_transform_message()
        if moderation_of(self.context) == OPEN:
            moderated = translate(
                Message(COMMENT_DESCRIPTION_MODERATION_ENABLED), context=self.request
            )
            message = message.replace(moderated, "").strip()
        return message

    def get_replies(self, workflow_actions=False):
        """The threads the member may see; with their workflow actions for
        moderators (``workflow_actions``)."""
        conversation = IConversation(self.context, None)
        if conversation is None or not len(conversation.objectIds()):
            return iter([])
        wf_tool = api.portal.get_tool("portal_workflow")
        checks = getattr(self, "checks", None) or Checks()
        actions = {}

        def visible():
            for thread in conversation.getThreads():
                comment = thread["comment"]
                if not checks("View", comment):
                    continue
                thread = thread.copy()
                if workflow_actions:
                    # The same for comments alike (see Checks).
                    key = (checks.state(comment), checks.mine(comment))
                    if key not in actions:
                        actions[key] = [
                            a
                            for a in wf_tool.listActionInfos(object=comment)
                            if a["category"] == "workflow" and a["allowed"]
                        ]
                    thread["actions"] = actions[key]
                yield thread

        return visible()

    @memoize
    def rows(self):
        """The comments the member may see, in thread order, each a dict of
        what the template shows: ``id``, ``url``, ``depth`` (0–10),
        ``state``, ``css`` (the state's class), ``pending``, ``name``,
        ``home`` (the author's page, or None), ``portrait``, ``unit``,
        ``time`` ("29 dec 2026 kl. 18.11"), ``text`` (safe HTML), ``edit``,
        ``delete_own`` (its author, no replies yet), ``could_delete_own``
        (its author, were there no replies), ``replied`` (for its author
        when replies keep it: why, in the request's language, shown where
        "Ta bort…" was; else None), ``moderate`` (Delete comments),
        ``report`` and ``actions`` (moderators' workflow actions).
        Permissions are asked through one ``Checks``; names, portraits and
        units once per author (issue 21)."""
        can_review = self.can_review()
        checks = self.checks
        anonymous = self.is_anonymous()
        _editing, deleting_own = checks.settings
        base = f"{self.context.absolute_url()}/++conversation++default"
        language = request_language(self.request)
        threads = list(self.get_replies(can_review))
        self.total = len(threads)
        if self.request.form.get(ALL) != "alla":
            threads, self.hidden = window(threads)
        units = unit_titles(t["comment"].author_username for t in threads)
        authors = {}
        notes = {}
        rows = []
        for thread in threads:
            comment = thread["comment"]
            username = comment.author_username
            key = (username, comment.author_name, comment.creator)
            if key not in authors:
                home = self.get_commenter_home_url(username=username)
                authors[key] = {
                    "name": self.get_author_name(comment),
                    "home": home if home and not anonymous else None,
                    "portrait": self.get_commenter_portrait(username),
                    "unit": units.get(username, ""),
                }
            state = checks.state(comment)
            depth = min(thread.get("depth", 0) or 0, 10)
            mine = checks.mine(comment)
            delete_own = may_delete(comment, checks) == "own"
            could_delete_own = (
                deleting_own and mine and checks("Delete own comments", comment)
            )
            moderate = checks("Delete comments", comment)
            replied = None
            if could_delete_own and not delete_own and not moderate:
                message = has_replies_message(comment, checks)
                if message not in notes:
                    notes[message] = translate(message, context=self.request)
                replied = notes[message]
            rows.append(
                {
                    **authors[key],
                    "comment": comment,
                    "id": comment.getId(),
                    "url": f"{base}/{comment.getId()}",
                    "depth": depth,
                    "state": state,
                    "css": f"comment level-{depth} "
                    + STATE_CLASSES.get(state, f"state-{state}"),
                    "pending": state == "pending",
                    "time": display(comment.creation_date, self.request, language),
                    "text": comment.getText(),
                    "edit": may_edit(comment, checks),
                    "delete_own": delete_own,
                    "could_delete_own": could_delete_own,
                    "replied": replied,
                    "moderate": moderate,
                    "report": self.userid is not None and may_report(comment, checks),
                    "actions": thread.get("actions") or [],
                }
            )
        return rows


class CommentRedirect(PloneCommentView):
    """A comment's own address (search results, the moderation queue):
    Plone's redirect to the item, with every comment shown, at the comment
    (``comment_url``)."""

    def __call__(self):
        super().__call__()
        response = self.request.response
        item_url, _sep, comment_id = response.getHeader("Location").partition("#")
        response.redirect(comment_url(item_url, comment_id))


@implementer(IToolPage)
class ReportView(BrowserView):
    """@@anmal on a comment: report it to the moderators. GET shows the
    comment and asks why, optionally (the comments' "Anmäl…" links here,
    as "Ta bort…" links to its page: no form per comment in the item's
    page); POST with the CSRF token and an optional ``reason`` reports it
    (once per member) and goes back to the comment. A comment the member
    may not report (her own, one not published) sends her back to it,
    told why (``NOT_REPORTABLE``)."""

    def __call__(self):
        self.item = commented_item(self.context)
        if not may_report(self.context):
            api.portal.show_message(NOT_REPORTABLE, request=self.request, type="error")
            return self.request.response.redirect(self.back_url())
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            report(self.context, self.request.form.get("reason") or "")
            api.portal.show_message(REPORTED, request=self.request)
            return self.request.response.redirect(self.back_url())
        return self.index()

    def back_url(self):
        """The item's page at this comment."""
        return comment_url(self.item.absolute_url(), self.context.getId())


@implementer(IToolPage)
class DeleteView(BrowserView):
    """@@ta-bort-kommentar on a comment: a moderator removes it, saying why.
    (Also answers Plone's own @@moderate-delete-comment, so that no
    moderator's deletion goes without a reason.)"""

    error = None

    def __call__(self):
        self.item = commented_item(self.context)
        if may_delete(self.context) is None:
            raise Unauthorized("You may not delete this comment.")
        if self.request.method == "POST" and "form.buttons.delete" in self.request.form:
            CheckAuthenticator(self.request)
            try:
                delete_comment(self.context, self.request.form.get("reason") or "")
            except ReasonRequired:
                self.error = REASON_REQUIRED
                return self.index()
            api.portal.show_message(
                _("The comment is removed and its author told why."),
                request=self.request,
            )
            return self.request.response.redirect(self.item.absolute_url())
        return self.index()


@implementer(IToolPage)
class DeleteOwnView(BrowserView):
    """@@ta-bort-min-kommentar on a comment: its author is asked "Vill du ta
    bort kommentaren?" before it goes (WCAG 2.1 3.3.4 in spirit: a
    destructive action is confirmed; works without JavaScript). GET shows
    the question and the comment; POST with the CSRF token and
    ``form.buttons.delete`` deletes it through plone.app.discussion's own
    @@delete-own-comment (same rule: the author, no replies), then returns
    to the item. Its author, once someone replied (a page opened before
    the reply), is taken back to the comment and told why it stays
    (``has_replies_message``); anyone else who may not delete it gets
    Unauthorized."""

    def __call__(self):
        self.item = commented_item(self.context)
        plone_view = PloneDeleteOwnComment(self.context, self.request)
        if not plone_view.can_delete():
            if is_mine(self.context) and len(IReplies(aq_inner(self.context))):
                api.portal.show_message(
                    translate(has_replies_message(self.context), context=self.request),
                    request=self.request,
                    type="warning",
                )
                return self.request.response.redirect(
                    comment_url(self.item.absolute_url(), self.context.getId())
                )
            raise Unauthorized("You may not delete this comment.")
        if self.request.method == "POST" and "form.buttons.delete" in self.request.form:
            CheckAuthenticator(self.request)
            plone_view()
            # Plone's view goes back to the referrer: this page, now gone.
            return self.request.response.redirect(self.item.absolute_url())
        return self.index()


class EditComment(PloneEditComment):
    """Plone's @@edit-comment, for the comment's author only (the rule in
    moderation.py: moderators do not rewrite what others wrote)."""

    def __call__(self):
        if not may_edit(self.context):
            raise Unauthorized("You may only edit your own comments.")
        return super().__call__()


class BulkActionsView(PloneBulkActionsView):
    """Plone's bulk moderation (@@bulk-actions): publishing as before;
    deleting only with a reason, each comment logged and its author told."""

    def delete(self):
        reason = (self.request.form.get("reason") or "").strip()
        if not reason:
            api.portal.show_message(REASON_REQUIRED, self.request, type="error")
            return
        context = self.context
        for path in self.paths:
            comment = context.restrictedTraverse(path)
            delete_comment(comment, reason)


class ModerateCommentsRedirect(BrowserView):
    """Plone's @@moderate-comments: our queue does the same, with reasons
    and reports."""

    def __call__(self):
        return self.request.response.redirect(
            f"{self.context.absolute_url()}/@@moderering"
        )


DONE = {
    "approve": _("The comment is published."),
    "dismiss": _("The report is dismissed."),
    "delete": _("The comment is removed and its author told why."),
}


@implementer(IToolPage)
class ModerationView(BrowserView):
    """@@moderering: held and reported comments in this place (and below)
    that the current user may moderate."""

    def queue(self):
        return queue(self.context, self.request)

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            action = self.request.form.get("action") or ""
            refused = moderate(
                self.context,
                self.request.form.get("comment", ""),
                action,
                self.request.form.get("reason") or "",
            )
            if refused:
                api.portal.show_message(refused, self.request, type="error")
            else:
                api.portal.show_message(DONE[action], self.request)
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@moderering"
            )
        return self.index()
