"""Notiser: what happened that concerns a member, in the intranet and, for
those who want it, in an e-mail digest.

- a reply: a comment is published on an item the member wrote or commented
  on before (they follow the thread);
- a mention: a published comment names the member ("@Anna Lindqvist" or
  "@anna.lindqvist");
- the moderation queue: a comment is held where the member moderates (the
  unit's Chef, the community's moderators);
- a join request to a community the member moderates;
- crisis news (priority Kris): every staff member.

A notice is only ever given to someone who may see what it points to, so a
secret community never leaks through it. Notices are kept per member (at
most ``KEEP``); reading the list does not write, marking them read (POST)
does. ``digest`` (the solna-notification-digest job) mails each member who
asked for it their notices not yet mailed, but not between 18:00 and 07:00
(Stockholm) unless one of them is crisis news.
"""

from plone import api
from solna.intranet import _
from solna.intranet.storage import annotation
from solna.intranet.storage import child
from solna.intranet.workflow.notifications import send
from zoneinfo import ZoneInfo
from zope.i18n import translate
from zope.i18nmessageid import Message

import datetime
import re
import uuid


KEY = "solna.intranet.notices"
KEEP = 100
QUIET_FROM, QUIET_UNTIL = 18, 7
KINDS = {
    "reply": _("New reply"),
    "mention": _("You were mentioned"),
    "moderation": _("Waiting for moderation"),
    "join": _("Asks to join"),
    "crisis": _("Crisis"),
}


def _store(create=False):
    return annotation(api.portal.get(), KEY, create)


def notify(userids, kind, title, url, obj=None, text=""):
    """Give each member (who may see ``obj``) a notice; returns who got one."""
    actor = api.user.get_current().getId()
    given = []
    store = None
    now = datetime.datetime.now(datetime.UTC)
    for userid in sorted(set(userids) - {actor, None, ""}):
        user = api.user.get(userid=userid)
        if user is None:
            continue
        if obj is not None and not api.user.has_permission("View", user=user, obj=obj):
            continue
        store = store if store is not None else _store(create=True)
        mine = child(store, userid)
        key = f"{now.isoformat()}-{uuid.uuid4().hex[:8]}"
        mine[key] = {
            "kind": kind,
            "title": title,
            "url": url,
            "text": text[:200],
            "time": now,
            "read": False,
            "mailed": False,
        }
        for old in list(mine.keys())[:-KEEP]:
            del mine[old]
        given.append(userid)
    return given


def notices(userid):
    """[(key, notice)] newest first."""
    return list(reversed(list((_store().get(userid) or {}).items())))


def unread(userid):
    return sum(1 for _key, n in notices(userid) if not n["read"])


def mark_read(userid):
    mine = _store().get(userid)
    for key, notice in list((mine or {}).items()):
        if not notice["read"]:
            mine[key] = {**notice, "read": True}


def quiet(moment):
    hour = moment.astimezone(ZoneInfo("Europe/Stockholm")).hour
    return hour >= QUIET_FROM or hour < QUIET_UNTIL


def digest(now=None, dry_run=False):
    """Mail each member who wants it their unmailed notices; returns
    {"mailed": members, "held": members kept for the morning}."""
    now = now or datetime.datetime.now(datetime.UTC)
    counts = {"mailed": 0, "held": 0}
    language = api.portal.get_default_language()
    portal_url = api.portal.get().absolute_url()
    for userid, mine in list(_store().items()):
        pending = [(k, n) for k, n in mine.items() if not n["mailed"]]
        if not pending:
            continue
        user = api.user.get(userid=userid)
        if user is None or not user.getProperty("notice_digest", False):
            continue
        crisis = any(n["kind"] == "crisis" for _k, n in pending)
        if quiet(now) and not crisis:
            counts["held"] += 1
            continue
        counts["mailed"] += 1
        if dry_run:
            continue
        lines = [
            f"– {translate(KINDS[n['kind']], target_language=language)}: "
            f"{n['title']}\n  {n['url']}"
            for _k, n in pending
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
        )
        for key, notice in pending:
            mine[key] = {**notice, "mailed": True}
    return counts


MENTION = re.compile(r"@([\wåäöÅÄÖ.-]+(?:\s[A-ZÅÄÖ][\wåäö-]+)?)")


def mentioned(text):
    """The members a text names: "@login" or "@Förnamn Efternamn"."""
    found = set()
    acl_users = api.portal.get_tool("acl_users")
    for name in MENTION.findall(text or ""):
        for login in (name.strip(". "), name.split()[0].strip(". ")):
            user = api.user.get(username=login)
            if user is not None:
                found.add(user.getId())
                break
        else:
            for match in acl_users.searchUsers(fullname=name.strip(), exact_match=True):
                found.add(match["userid"])
    return found


def followers(item):
    """Who follows an item's thread: its authors and its commenters."""
    from solna.intranet.dialogue.moderation import published_comments

    commenters = {comment.author_username for comment in published_comments(item)}
    return set(item.listCreators()) | commenters


def comment_published(item, comment):
    """A reply for those following the thread, a mention for those named."""
    named = mentioned(comment.text)
    text = comment.text or ""
    url = f"{item.absolute_url()}#{comment.getId()}"
    notify(named, "mention", item.Title(), url, obj=item, text=text)
    notify(followers(item) - named, "reply", item.Title(), url, obj=item, text=text)


def comment_held(item, comment, moderators):
    notify(
        moderators,
        "moderation",
        item.Title(),
        f"{item.absolute_url()}/@@moderering",
        obj=comment,
        text=comment.text or "",
    )


def crisis_published(news, event):
    """Crisis news: every staff member who may read it is told at once."""
    if event.new_state.id != "published":
        return
    if getattr(news, "priority", None) != "kris":
        return
    from solna.intranet.workflow.groups import STAFF_GROUP

    staff = [u.getId() for u in api.user.get_users(groupname=STAFF_GROUP)]
    notify(staff, "crisis", news.Title(), news.absolute_url(), obj=news)


def comment_transitioned(comment, event):
    """A held comment published through Plone's own moderation screens."""
    if event.transition is not None and event.transition.id == "publish":
        from solna.intranet.dialogue.moderation import commented_item

        comment_published(commented_item(comment), comment)
