"""What is pushed, and when it is queued: each subscriber runs once what
happened is in the request's transaction and queues a notice there
(queue.enqueue), so nothing is queued for a request that fails. Whom it
reaches is decided when the queue expands (may View, still a member, meant
for her, her settings, the quiet hours: queue.py).

- **Crisis news** (priority Kris) published, or made Kris once published:
  kind "crisis", to the item's audience, also in the quiet hours; from its
  publishing date when that is in the future.
- **Must-read news** (Måste läsas) published, or marked so once
  published: kind "mustread", to its audience. A news item is pushed once
  per kind (crisis news that is also must-read: once, as crisis); news
  whose publishing date is more than ``queue.ANNOUNCED_DAYS`` days ago is
  not pushed (an edit of old news does not push it again once the queue
  has forgotten it was announced).
- **A comment** published or held: the notices record whom it concerns
  (dialogue/notices/notices.py ``stamp``, subscribed to the same event
  before this one): "reply" to those following the thread, "mention" to
  those named, "moderation" to its moderators.
- **A case's status** changed by a handler (forms/handling.py
  ``change_status``, event ``forms.events.ICaseStatusChanged``): "case" to
  its submitter, unless she changed it herself. Nothing from the
  submission, not even the form's title (a lock screen must not say
  "Anmälan om kränkande särbehandling"): a generic text with the new
  status, linking to Mina ärenden.
- **Sent for review** (the workflow's ``submit``): "review" to the item's
  reviewers (workflow/people.py ``reviewers``, as the review mail), not
  the one who sent it. A person (``solna.Person``: its title is a full
  name, its address her id) gets a generic text and the workflow's review
  list (the worklist ``reviewer_queue``: ``search?review_state=pending``,
  for people only).

Payloads are Swedish (the site's language), carry no person's name and no
comment text; their URL is relative to the site root.
"""

from Acquisition import aq_base
from plone import api
from plone.app.discussion.interfaces import IComment
from solna.intranet import _
from solna.intranet.dates import site_language
from solna.intranet.dialogue.comments.events import commented_item
from solna.intranet.dialogue.comments.links import comment_url
from solna.intranet.dialogue.notices.notices import TO
from solna.intranet.news.behaviors import IMustRead
from solna.intranet.news.behaviors import IPriority
from solna.intranet.push import queue
from solna.intranet.push import settings
from solna.intranet.push import subscriptions
from solna.intranet.workflow.people import reviewers
from zope.i18n import translate
from zope.i18nmessageid import Message

import contextlib
import time


CRISIS_TITLE = _("push_crisis_title", default="Crisis: ${title}")
MUSTREAD_TITLE = _("push_mustread_title", default="Must read: ${title}")
MUSTREAD_TEXT = _(
    "push_mustread_text", default="Read it and confirm with Jag har läst."
)
NEWS_TEXT = _("push_news_text", default="Read more on the intranet.")
REPLY_TITLE = _("push_reply_title", default="New reply")
REPLY_TEXT = _("push_reply_text", default="A new comment on “${title}”.")
MENTION_TITLE = _("push_mention_title", default="You were mentioned")
MENTION_TEXT = _("push_mention_text", default="In a comment on “${title}”.")
MODERATION_TITLE = _("push_moderation_title", default="Waiting for moderation")
MODERATION_TEXT = _(
    "push_moderation_text", default="A comment on “${title}” waits for you."
)
CASE_TITLE = _("push_case_title", default="My cases")
CASE_TEXT = _(
    "push_case_status_text",
    default="One of your cases has a new status: ${status}.",
)
REVIEW_TITLE = _("push_review_title", default="For review")
REVIEW_TEXT = _("push_review_text", default="“${title}” waits for your review.")
REVIEW_PERSON_TEXT = _(
    "push_review_person_text",
    default="A person in the directory waits for your review.",
)
#: Where a reviewer finds people sent for review (the workflow's worklist
#: ``reviewer_queue``, narrowed to people): no name, no id in it.
REVIEW_PERSON_URL = "search?review_state=pending&portal_type=solna.Person"
PERSON = "solna.Person"


def _t(message, **mapping):
    return translate(Message(message, mapping=mapping), target_language=site_language())


def _prefixed(message, title):
    """``message`` ("Kris: ${title}") with the title, unless the title
    already starts with what the message puts before it ("Kris: vattenläcka"
    stays as it is, not "Kris: Kris: …")."""
    prefix = _t(message, title="").strip()  # "Kris:"
    if title.casefold().startswith(prefix.casefold()):
        return title
    return _t(message, title=title)


def _actor():
    user = api.user.get_current()
    return user.getId() if user is not None else None


# --- News ------------------------------------------------------------------------


def _published(item):
    return api.content.get_state(obj=item, default=None) == "published"


def _not_before(item):
    """The item's publishing date (seconds) when it is in the future."""
    effective = getattr(aq_base(item), "effective_date", None)
    if effective is None:
        return None
    moment = effective.timeTime()
    return moment if moment > time.time() else None


def _old(item):
    """Was the item published more than ``queue.ANNOUNCED_DAYS`` days ago
    (its publishing date)?"""
    effective = getattr(aq_base(item), "effective_date", None)
    if effective is None:
        return False
    return effective.timeTime() < time.time() - queue.ANNOUNCED_DAYS * 24 * 3600


def announce(item):
    """Queue crisis or must-read news, once per item and kind, if it is
    published (and not long ago, see the module's description)."""
    if not _published(item) or _old(item):
        return
    priority = IPriority(item, None)
    must_read = IMustRead(item, None)
    title = item.Title()
    text = item.Description() or ""
    if priority is not None and priority.priority == "kris":
        if not queue.announced("crisis", item):
            queue.enqueue(
                "crisis",
                item,
                title=_prefixed(CRISIS_TITLE, title),
                text=text or _t(NEWS_TEXT),
                not_before=_not_before(item),
            )
        return
    if must_read is not None and must_read.must_read:
        if queue.announced("mustread", item) or queue.announced("crisis", item):
            return
        queue.enqueue(
            "mustread",
            item,
            title=_prefixed(MUSTREAD_TITLE, title),
            text=text or _t(MUSTREAD_TEXT),
            not_before=_not_before(item),
        )


def news_transitioned(item, event):
    """IAfterTransitionEvent of news: published."""
    if event.new_state is not None and event.new_state.id == "published":
        announce(item)


def news_modified(item, event):
    """IObjectModifiedEvent of news: made Kris or Måste läsas once
    published."""
    announce(item)


# --- Comments ------------------------------------------------------------------

COMMENT_KINDS = {
    "reply": (REPLY_TITLE, REPLY_TEXT),
    "mention": (MENTION_TITLE, MENTION_TEXT),
    "moderation": (MODERATION_TITLE, MODERATION_TEXT),
}


def comment_changed(event):
    """ICommentStateChanged, after the notices' ``record``: the tokens it
    left on the comment (``reply:<userid>``, ``mention:<userid>``,
    ``moderation:<userid>``) say whom to tell."""
    if event.state not in ("published", "pending"):
        return
    comment = event.object
    tokens = getattr(comment, TO, ()) or ()
    item = commented_item(comment)
    if item is None:
        return
    by_kind = {}
    for value in tokens:
        kind, _sep, userid = value.partition(":")
        if kind in COMMENT_KINDS and userid:
            by_kind.setdefault(kind, []).append(userid)
    url = comment_url(queue.relative_url(item), comment.getId())
    for kind, userids in sorted(by_kind.items()):
        title, text = COMMENT_KINDS[kind]
        queue.enqueue(
            kind,
            item,
            sorted(userids),
            title=_t(title),
            text=_t(text, title=item.Title()),
            url=url,
        )


# --- Cases ---------------------------------------------------------------------


def case_changed(event):
    """forms.events.ICaseStatusChanged (``object``: the form, ``case``,
    ``status``): "case" to the submitter, unless she changed it herself."""
    from solna.intranet.forms.cases import STATUSES

    case = event.case
    if not case.submitter or case.submitter == _actor():
        return
    status = STATUSES.get(event.status)
    if status is None:
        return
    queue.enqueue(
        "case",
        None,
        [case.submitter],
        title=_t(CASE_TITLE),
        text=_t(CASE_TEXT, status=_t(status)),
        url="@@mina-arenden",
        about=f"case:{case.id}",
    )


# --- Review ----------------------------------------------------------------------


def submitted(obj, event):
    """IAfterTransitionEvent ``submit``: "review" to the item's reviewers."""
    transition = event.transition
    if transition is None or transition.id != "submit" or IComment.providedBy(obj):
        return
    actor = _actor()
    userids = [u.getId() for u in reviewers(obj) if u.getId() != actor]
    if obj.portal_type == PERSON:
        text, url = _t(REVIEW_PERSON_TEXT), REVIEW_PERSON_URL
    else:
        text, url = _t(REVIEW_TEXT, title=obj.Title()), None
    queue.enqueue("review", obj, userids, title=_t(REVIEW_TITLE), text=text, url=url)


# --- The account ---------------------------------------------------------------


def principal_deleted(event):
    """IPrincipalDeletedEvent: a deleted account's subscriptions, settings
    and waiting deliveries go."""
    userid = getattr(event.principal, "getId", lambda: event.principal)()
    with contextlib.suppress(api.exc.CannotGetPortalError):
        subscriptions.forget_member(userid)
        settings.forget(userid)
        queue.forget_member(userid)
