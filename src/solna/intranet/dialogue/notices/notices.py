"""Notiser: what happened that concerns a member, in the intranet and, for
those who want it, in an e-mail digest.

- a reply: a comment is published on an item the member wrote or commented
  on before (they follow the thread);
- a mention: a published comment names the member ("@Anna Lindqvist" or
  "@anna.lindqvist");
- the moderation queue: a comment is held where the member moderates (the
  unit's Chef, the community's moderators);
- a join request to a community the member moderates;
- crisis news (priority Kris);
- an item of hers sent back (Skicka tillbaka) by a reviewer, with the
  reviewer's reason;
- an item sent for review (Skicka för granskning) that the member may
  review, while it waits (Väntar på granskning), with who sent it and her
  comment;
- her case (Mina ärenden) given a new status by a handler, with the
  handler's note (issue 18, fourth trial).

Notices are not stored per member: they are read from the catalog when the
member asks, with the member's own permissions, so nobody is ever told
about what they may not see (a secret community, a draft), and a comment
writes nothing but itself. When a comment is published or held, ``stamp``
records on the comment whom it concerns (tokens ``reply:<userid>``,
``mention:<userid>``, ``moderation:<userid>``, index ``notice_to``) and when
(index ``notice_time``, seconds). Crisis news is found by its priority and
publishing date, join requests on the communities the member moderates
(index ``community_moderators``). An item sent back records the same two
things about itself (``sentback:<userid>`` for each of its authors but the
reviewer, and when); the reason is read from its workflow history, where
History shows it. An item sent for review records its reviewers
(``review:<userid>``, as the review mail and push find them:
workflow/people.py ``reviewers``, *Review portal content* on the item; not
the sender) beside those tokens; its notice is found only while the item is
in review (index ``review_state``), so it is gone once the item is
published, sent back or taken back; the sender, her comment and when are
read from its workflow history. A form whose handler changed the status of
a member's case records her (``case:<userid>``, and when, in ``CASES``);
the status, note and time are read from the case's history (forms/cases.py)
when she asks. Per member only two moments are kept:
when they last marked their notices read (a POST) and when the digest last
mailed them. Notices reach ``DAYS`` back, at most ``KEEP`` of them.

``digest`` (the solna-notification-digest job) mails each member who asked
for it the notices they have neither read nor been mailed, but not between
18:00 and 07:00 (Stockholm) unless one of them is an active crisis: then
the crises go at once and the rest waits for her quiet hours' end (mail.py
holds it; an ended crisis is an ordinary notice).
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from DateTime import DateTime
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
from plone.memoize import ram
from Products.CMFCore.permissions import ReviewPortalContent
from solna.intranet import _
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import search
from solna.intranet.crisis.state import active_query
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.dates import site_language
from solna.intranet.dates import zone
from solna.intranet.dialogue.comments.events import commented_item
from solna.intranet.dialogue.comments.links import comment_url
from solna.intranet.mail import send
from solna.intranet.members import by_login
from solna.intranet.members import member
from solna.intranet.members import normalized
from solna.intranet.news.readers import Member
from solna.intranet.storage import annotation
from solna.intranet.tools import tool
from solna.intranet.workflow.people import authors
from solna.intranet.workflow.people import reviewers
from zope.i18n import translate
from zope.i18nmessageid import Message

import datetime
import re
import time


SEEN = "solna.intranet.notices.seen"
MAILED = "solna.intranet.notices.mailed"
#: How far back notices reach (days), and how many are listed.
DAYS = 60
KEEP = 100
QUIET_FROM, QUIET_UNTIL = 18, 7
KINDS = {
    "reply": _("New reply"),
    "mention": _("You were mentioned"),
    "moderation": _("Waiting for moderation"),
    "join": _("Asks to join"),
    "crisis": _("Crisis"),
    "help": _("notice_kind_help", default="Needs help"),
    "sentback": _("notice_kind_sent_back", default="Sent back"),
    "review": _("notice_kind_review", default="Waiting for review"),
    "case": _("notice_kind_case", default="Your case"),
}
#: A case's new status, and the handler's note (the text of its notice).
CASE_STATUS = _("notice_case_status", default="Now: ${status}")
CASE_STATUS_WITH_NOTE = _(
    "notice_case_status_with_note", default="Now: ${status}. ${note}"
)
#: On a form: {userid: seconds} of the members whose case a handler changed.
CASES = "solna_case_notices"
CASE = "case:"
#: Who sent an item for review, and her comment (the text of its notice).
SENT_BY = _("notice_review_sent_by", default="Sent by ${name}")
SENT_BY_WITH_COMMENT = _(
    "notice_review_sent_by_with_comment", default="Sent by ${name}: ${comment}"
)
#: What a comment records about itself for the notices (see ``stamp``).
TO, WHEN = "solna_notice_to", "solna_notice_time"


# What a comment records when it is published or held


MENTION = re.compile(r"@([\w.-]+(?:\s[^\W\d_][\w-]+)?)")


def mentioned(text):
    """The user ids of the members a text names: "@login" or "@Förnamn
    Efternamn" (typed in any Unicode form). Accounts that are not members
    of this site are never named."""
    found = set()
    acl_users = api.portal.get_tool("acl_users")
    for name in MENTION.findall(normalized(text)):
        for login in (name.strip(". "), name.split()[0].strip(". ")):
            user = by_login(login)
            if user is not None:
                found.add(user.getId())
                break
        else:
            for match in acl_users.searchUsers(fullname=name.strip(), exact_match=True):
                if member(match["userid"]) is not None:
                    found.add(match["userid"])
    return found


def followers(item):
    """Who follows an item's thread: its authors and those who commented
    (plone.app.discussion keeps the commenters; no comment is woken)."""
    commenters = set(IConversation(item).commentators) if item is not None else set()
    return set(item.listCreators()) | commenters


def moderators_of(item):
    """Who moderates comments here by name: the nearest unit's manager and
    the nearest community's moderators (Kommunikatörer use the queue)."""
    from solna.intranet.dialogue.content import ICommunity
    from solna.intranet.organisation.content import IUnit
    from solna.intranet.organisation.managers import manager_userid

    found = set()
    for obj in aq_chain(aq_inner(item)):
        if IUnit.providedBy(obj):
            found.add(manager_userid(obj))
            break
        if ICommunity.providedBy(obj):
            found.update(obj.moderators or ())
            break
    return found - {None}


def stamp(comment, state, when=None):
    """Record whom a comment concerns now that it is ``state`` (published:
    followers and those named; pending: its moderators) and when (``when``,
    seconds; now). The caller reindexes the comment."""
    item = commented_item(comment)
    author = comment.author_username
    if state == "published":
        named = mentioned(comment.text) - {author}
        replies = followers(item) - named - {author}
        tokens = {f"mention:{u}" for u in named} | {f"reply:{u}" for u in replies}
    elif state == "pending":
        tokens = {f"moderation:{u}" for u in moderators_of(item) - {author}}
    else:
        tokens = set()
    setattr(comment, TO, tuple(sorted(tokens)))
    setattr(comment, WHEN, when or time.time())


def record(event):
    """ICommentStateChanged: the comment records whom it concerns (its
    sender reindexes it)."""
    stamp(event.object, event.state)


@indexer(IComment)
def notice_to(comment):
    return getattr(comment, TO, ())


@indexer(IComment)
def notice_time(comment):
    found = getattr(comment, WHEN, None)
    if found is None:
        raise AttributeError(WHEN)
    return found


#: The transition that sends an item back to its authors (workflow/reject.py).
REJECT = "reject"


def record_sent_back(obj, event):
    """IAfterTransitionEvent: an item sent back (reject) records whom it
    concerns (its authors but the reviewer: tokens ``sentback:<userid>``)
    and when, and reindexes those two indexes. Other transitions record
    nothing; the item's earlier notice stays in the past."""
    transition = event.transition
    if transition is None or transition.id != REJECT:
        return
    if not IDexterityContent.providedBy(obj):
        return  # a comment keeps its own notices (``stamp``)
    actor = api.user.get_current().getId()
    tokens = {f"sentback:{u.getId()}" for u in authors(obj) if u.getId() != actor}
    setattr(obj, TO, tuple(sorted(tokens)))
    setattr(obj, WHEN, time.time())
    obj.reindexObject(idxs=["notice_to", "notice_time"])


#: The transition that sends an item for review.
SUBMIT = "submit"
REVIEW = "review:"


def record_submitted(obj, event):
    """IAfterTransitionEvent: an item sent for review (submit) records who
    may review it (tokens ``review:<userid>``: its reviewers, as the review
    mail finds them, but not the sender), keeping the tokens of its other
    notices (a send-back before stays hers, at its own time: ``WHEN`` is
    not touched), and reindexes ``notice_to``."""
    transition = event.transition
    if transition is None or transition.id != SUBMIT:
        return
    if not IDexterityContent.providedBy(obj):
        return  # a comment keeps its own notices (``stamp``)
    mark_reviewers(obj, api.user.get_current().getId())


def mark_reviewers(obj, sender):
    """Record on ``obj`` who may review it (``review:<userid>`` tokens, not
    the ``sender``'s), keeping its other notice tokens, and reindex
    ``notice_to``."""
    kept = {
        t for t in getattr(aq_base(obj), TO, None) or () if not t.startswith(REVIEW)
    }
    tokens = {f"{REVIEW}{u.getId()}" for u in reviewers(obj) if u.getId() != sender}
    setattr(obj, TO, tuple(sorted(kept | tokens)))
    obj.reindexObject(idxs=["notice_to"])


def mark_waiting_items():
    """Items already in review when the notice came (upgrade 20261201012):
    each records its reviewers as ``record_submitted`` would have when it
    was sent, the sender read from its workflow history. Returns how many."""
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(review_state="pending"):
        obj = brain._unrestrictedGetObject()
        if not IDexterityContent.providedBy(obj):
            continue
        sent = submission(obj)
        mark_reviewers(obj, sent[0] if sent else None)
        count += 1
    return count


def record_case_status(form, event):
    """forms.events.ICaseStatusChanged: the form records the submitter
    (``case:<userid>``, unless she changed it herself) and when, keeping
    its other notice tokens and only members changed within ``DAYS``, and
    reindexes ``notice_to``: her catalogued notices are then read again.
    Only the handler's change writes; reading Notiser writes nothing."""
    from BTrees.OOBTree import OOBTree

    submitter = event.case.submitter
    if not submitter or submitter == api.user.get_current().getId():
        return
    changed = getattr(aq_base(form), CASES, None)
    if changed is None:
        changed = OOBTree()
        setattr(form, CASES, changed)
    now = time.time()
    changed[submitter] = now
    for userid in [u for u, moment in changed.items() if moment < now - DAYS * 86400]:
        del changed[userid]
    kept = {t for t in getattr(aq_base(form), TO, None) or () if not t.startswith(CASE)}
    setattr(form, TO, tuple(sorted(kept | {f"{CASE}{u}" for u in changed})))
    form.reindexObject(idxs=["notice_to"])


@indexer(IDexterityContent)
def content_notice_to(obj):
    found = getattr(aq_base(obj), TO, None)
    if found is None:
        raise AttributeError(TO)
    return found


@indexer(IDexterityContent)
def content_notice_time(obj):
    found = getattr(aq_base(obj), WHEN, None)
    if found is None:
        raise AttributeError(WHEN)
    return found


def _last(obj, action):
    """The item's last workflow history entry for ``action``, or None."""
    wf_tool = api.portal.get_tool("portal_workflow")
    for workflow in wf_tool.getWorkflowsFor(obj):
        history = (getattr(aq_base(obj), "workflow_history", {}) or {}).get(
            workflow.getId(), ()
        )
        for entry in reversed(history):
            if entry.get("action") == action:
                return entry
    return None


def sent_back_reason(obj):
    """(reviewer's user id, reason) of the item's last send-back, from its
    workflow history, or (None, "")."""
    entry = _last(obj, REJECT)
    if entry is None:
        return None, ""
    return entry.get("actor"), entry.get("comments") or ""


def submission(obj):
    """(sender's user id, comment, when: seconds) of the item's last
    sending for review, from its workflow history, or None."""
    entry = _last(obj, SUBMIT)
    if entry is None:
        return None
    moment = entry.get("time")
    return (
        entry.get("actor"),
        entry.get("comments") or "",
        moment.timeTime() if isinstance(moment, DateTime) else 0,
    )


# A member's notices, read from the catalog


def _comment_notices(userid, since):

    tokens = [f"{kind}:{userid}" for kind in ("reply", "mention", "moderation")]
    # Newest first, and no range query: one over notice_time would read
    # the index for every comment of the period (issue 21).
    for brain in search(
        limit=KEEP,
        portal_type="Discussion Item",
        notice_to=tokens,
        sort_on="notice_time",
        sort_order="descending",
    ):
        if (brain.notice_time or 0) < since:
            break
        kinds = {t.partition(":")[0] for t in brain.notice_to or () if t in tokens}
        kind = next(k for k in ("mention", "moderation", "reply") if k in kinds)
        item_url, _sep, comment_id = brain.getURL().rpartition(
            "/++conversation++default/"
        )
        yield {
            "kind": kind,
            "title": brain.in_response_to or "",
            "url": comment_url(item_url, comment_id),
            "text": (brain.Description or "")[:200],
            "time": brain.notice_time,
        }


def _sent_back_notices(userid, since):
    """Her items sent back by a reviewer since ``since``, newest first, with
    the reviewer's name and reason (each such item is woken to read its
    history: a handful, never a listing)."""
    from solna.intranet.members import fullname

    for brain in search(
        limit=KEEP,
        notice_to=f"sentback:{userid}",
        sort_on="notice_time",
        sort_order="descending",
    ):
        if (brain.notice_time or 0) < since:
            break
        actor, reason = sent_back_reason(brain.getObject())
        text = f"{fullname(actor)}: {reason}" if actor else reason
        yield {
            "kind": "sentback",
            "title": brain.Title,
            "url": brain.getURL(),
            "text": text[:200],
            "time": brain.notice_time,
        }


def _review_notices(userid, since):
    """Items waiting for her review (sent for review since ``since``, still
    in review, and she still may review them), with who sent them and her
    comment. Only items in review are asked for, scheduled ones too (a
    reviewer reviews news before its publishing date), a handful: each is
    woken to check her permission and read its history."""
    from solna.intranet.members import fullname

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.searchResults(
        notice_to=f"{REVIEW}{userid}",
        review_state="pending",
        show_inactive=True,  # no effectiveRange over the site (catalog.py)
        sort_on="modified",
        sort_order="descending",
        sort_limit=KEEP,
    )[:KEEP]:
        obj = brain.getObject()
        found = submission(obj)
        if found is None:
            continue
        sender, comment, moment = found
        if moment < since or sender == userid:
            continue
        if not api.user.has_permission(ReviewPortalContent, obj=obj):
            continue
        mapping = {"name": fullname(sender), "comment": comment[:200]}
        yield {
            "kind": "review",
            "title": brain.Title,
            "url": brain.getURL(),
            "text": Message(
                SENT_BY_WITH_COMMENT if comment else SENT_BY, mapping=mapping
            ),
            "time": moment,
        }


def _case_notices(userid, since):
    """Her cases whose status a handler changed since ``since``: one notice
    a change, linking to Mina ärenden, with the new status and the note."""
    from solna.intranet.forms.cases import CaseStore
    from solna.intranet.forms.cases import STATUSES

    mine = f"{api.portal.get().absolute_url()}/@@mina-arenden"
    for brain in search(portal_type="EasyForm", notice_to=f"{CASE}{userid}"):
        form = brain.getObject()
        for case in CaseStore(form).of(userid):
            for entry in case.history:
                moment = entry["time"].timestamp()
                if entry.get("actor") == userid or moment < since:
                    continue
                note = (entry.get("note") or "").strip()
                mapping = {"status": STATUSES.get(entry["status"], entry["status"])}
                if note:
                    mapping["note"] = note[:200]
                yield {
                    "kind": "case",
                    "title": brain.Title,
                    "url": mine,
                    "text": Message(
                        CASE_STATUS_WITH_NOTE if note else CASE_STATUS,
                        mapping=mapping,
                    ),
                    "time": moment,
                }


def _crisis_notices(userid, since):
    """Crisis news published since ``since`` that is meant for the member
    (their audience tokens: all staff, their unit and the units above it,
    their profession), not every crisis."""

    for brain in search(
        limit=KEEP,
        portal_type="News Item",
        review_state="published",
        priority="kris",
        audience=list(Member(userid).tokens),
        sort_on="effective",
        sort_order="descending",
    ):
        # Newest first; the publishing date is compared here, not in the
        # query, which would read the date index for all news of the
        # period, crisis or not (issue 21).
        if brain.effective.timeTime() < since:
            break
        yield {
            "kind": "crisis",
            "title": brain.Title,
            "url": brain.getURL(),
            "text": (brain.Description or "")[:200],
            "time": brain.effective.timeTime(),
        }


def _help_notices(userid, since):
    """Jag behöver hjälp: to her manager (crisis/help.py), while she still
    needs help."""
    from solna.intranet.crisis.help import requests_for
    from solna.intranet.members import fullname

    for brain, member_id, record in requests_for(userid, since):
        yield {
            "kind": "help",
            "title": fullname(member_id),
            "url": brain.getURL(),
            "text": (brain.Title or "")[:200],
            "time": record["answered"].timestamp(),
        }


def _moderated_key(function, userid):
    """Whose communities, who asks, the catalog's state (moderators and
    who may see a community are indexed) and the site's address."""
    return _asked(userid)


@ram.cache(_moderated_key)
def _moderated(userid):
    """[(path, title, url)] of the communities ``userid`` moderates, as
    the current member may see them, kept until the catalog changes: the
    header's unread count searched for them on every page, for the many
    who moderate none too (0.9 % of a news item's time, issue 21)."""
    return [
        (brain.getPath(), brain.Title, brain.getURL())
        for brain in search(portal_type="solna.Community", community_moderators=userid)
    ]


def _join_notices(userid, since):
    """Requests to join the communities ``userid`` moderates, since
    ``since`` (seconds): read from each community each time (they are not
    catalogued)."""
    from solna.intranet.dialogue.communities.membership import requests_of
    from solna.intranet.members import fullname

    for path, title, url in _moderated(userid):
        community = api.content.get(path=path)
        if community is None:
            continue
        for requester, moment in requests_of(community):
            if moment >= since:
                yield {
                    "kind": "join",
                    "title": title,
                    "url": url,
                    "text": fullname(requester),
                    "time": moment,
                }


def _moments(key):
    return annotation(api.portal.get(), key)


def seen(userid):
    """When the member last marked their notices read (seconds), or 0."""
    return _moments(SEEN).get(userid, 0)


#: How long (seconds) a member's catalogued notices may be kept in memory
#: without a catalog write: what the catalog cannot tell (a crisis news
#: item's publishing date coming, a changed group, the window moving on)
#: shows within this time.
CACHED = 60


def _catalogued_key(function, userid, since):
    """What the catalogued notices depend on: whose they are and who asks
    (their permissions), from when, the catalog's state (its counter moves
    with every catalog write, also within this transaction), the site's
    address (URLs for this request's host) and the minute."""
    return (*_asked(userid), since, int(time.time() // CACHED))


def _asked(userid):
    """(whose, who asks, the catalog's counter, the site's address): what
    every kept answer about a member's catalogued notices depends on."""
    return (
        userid,
        tool("portal_membership").getAuthenticatedMember().getId(),
        catalog_counter(),
        api.portal.get().absolute_url(),
    )


@ram.cache(_catalogued_key)
def _catalogued_notices(userid, since):
    """Replies, mentions, moderation, crises, items sent back and items
    waiting for review: the notices the catalog holds, as a list, kept in
    memory until the catalog changes (``_catalogued_key``; sending an item
    for review reindexes it). The unread count in every page's header
    asked the catalog for them on every page: for a member with many
    replies, 12 % of a news item's time at 20,000 news (py-spy, issue 21).
    """
    return [
        *_comment_notices(userid, since),
        *_crisis_notices(userid, since),
        *_sent_back_notices(userid, since),
        *_review_notices(userid, since),
        *_case_notices(userid, since),
    ]


def notices(userid, since=None):
    """The member's notices, newest first: dicts with ``kind``, ``title``,
    ``url`` (for this request), ``text``, ``time`` (seconds since the
    epoch) and ``read``. Must run as that member (their permissions).
    Join and help requests are read each time (they are not catalogued);
    the rest may come from memory (``_catalogued_notices``)."""
    # The window moves by the minute, so that its start is a cache key.
    window = (time.time() // CACHED) * CACHED - DAYS * 24 * 3600
    since = max(since or 0, window)
    found = [
        *_catalogued_notices(userid, since),
        *_join_notices(userid, since),
        *_help_notices(userid, since),
    ]
    found.sort(key=lambda n: n["time"], reverse=True)
    last_seen = seen(userid)
    return [{**n, "read": n["time"] <= last_seen} for n in found[:KEEP]]


def serialize(notice, request):
    """A notice for the page and REST, in the request's language."""
    text = notice["text"]
    if isinstance(text, Message):
        text = translate(text, context=request)
    return {
        "kind": notice["kind"],
        "kind_title": translate(KINDS[notice["kind"]], context=request),
        "title": notice["title"],
        "url": notice["url"],
        "text": text,
        "time": iso(notice["time"]),
        "time_display": display(notice["time"], request),
        "read": notice["read"],
    }


def mine(request):
    """The current member's notices, serialized."""
    userid = api.user.get_current().getId()
    return [serialize(n, request) for n in notices(userid)]


def unread(userid):
    """How many notices the member has not marked read."""
    return len(notices(userid, since=seen(userid) + 0.001))


def mark_read(userid, now=None):
    """Everything until now is read (a POST)."""
    annotation(api.portal.get(), SEEN, create=True)[userid] = now or time.time()


# The digest job


def quiet(moment):
    """Between 18 and 07 in the site's zone (Stockholm)."""
    hour = moment.astimezone(zone()).hour
    return hour >= QUIET_FROM or hour < QUIET_UNTIL


def wanting_digest():
    """The user ids of members who ticked "mail me my notices" (one pass
    over the profiles, as news/readers.py reads them)."""
    plugin = api.portal.get_tool("acl_users")["mutable_properties"]
    return sorted(
        userid
        for userid, sheet in plugin._storage.items()
        if not sheet.get("isGroup") and sheet.get("notice_digest")
    )


def _mail_digest(user, pending, language, portal_url, crisis):
    """One digest mail of ``pending`` to ``user`` (none when empty)."""
    if not pending:
        return
    lines = [
        f"– {translate(KINDS[n['kind']], target_language=language)}: "
        f"{n['title']}\n  {n['url']}"
        for n in pending
    ]
    mapping = {
        "count": len(pending),
        "list": "\n".join(lines),
        "url": f"{portal_url}/@@notiser",
    }
    send(
        [user],
        Message(
            _(
                "mail_digest_crisis_subject",
                default="Crisis: news from the intranet",
            )
            if crisis
            else _("mail_digest_subject", default="${count} new notices"),
            mapping=mapping,
        ),
        Message(
            _(
                "mail_digest_body",
                default="New on the intranet for you:\n\n${list}\n\n"
                "All your notices: ${url}",
            ),
            mapping=mapping,
        ),
        crisis=crisis,  # not held for her Tysta timmar (mail.py)
    )


def digest(now=None, dry_run=False, recipients=None):
    """Mail each member who wants it their notices not read and not mailed
    before (with ``dry_run``, only count them); returns {"mailed": members,
    "held": members kept for the morning}. When ``recipients`` is a list,
    one {"userid", "notices": number, "held": bool} is appended to it per
    member concerned."""
    now = now or datetime.datetime.now(datetime.UTC)
    counts = {"mailed": 0, "held": 0}
    language = site_language()
    portal_url = api.portal.get().absolute_url()
    mailed = _moments(MAILED)
    # Crisis notices about an active crisis (crisis/state.py: not ended,
    # published, not expired at ``now``) go in quiet hours; an ended or
    # old one is a notice like any other.
    catalog = api.portal.get_tool("portal_catalog")
    active = {
        brain.getURL()
        for brain in catalog.unrestrictedSearchResults(
            **active_query(effectiveRange=DateTime(now.timestamp()))
        )
    }
    for userid in wanting_digest():
        user = member(userid)
        if user is None:
            continue
        since = max(mailed.get(userid, 0), seen(userid))
        with api.env.adopt_user(user=user):
            pending = [n for n in notices(userid, since=since) if not n["read"]]
        pending = [n for n in pending if n["time"] <= now.timestamp()]
        if not pending:
            continue
        urgent = [n for n in pending if n["kind"] == "crisis" and n["url"] in active]
        held = quiet(now) and not urgent
        if recipients is not None:
            recipients.append({"userid": userid, "notices": len(pending), "held": held})
        if held:
            counts["held"] += 1
            continue
        counts["mailed"] += 1
        if dry_run:
            continue
        # The active crises at once; the rest keeps her Tysta timmar (mail.py
        # holds it until they end, then solna-mail delivers it): nothing is
        # mailed twice, nothing is lost, nothing else escapes them.
        _mail_digest(user, urgent, language, portal_url, crisis=True)
        rest = [n for n in pending if n not in urgent]
        _mail_digest(user, rest, language, portal_url, crisis=False)
        annotation(api.portal.get(), MAILED, create=True)[userid] = now.timestamp()
    return counts
