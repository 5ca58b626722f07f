"""The push queue: what happened (an *event*) waits here until the sending
job (``solna-push``, a cron job or a worker, see script.py) asks for it, so
that no page request ever waits for a push service.

1. ``enqueue`` (events.py, in the request's transaction: nothing is queued
   if the request does not commit) stores an event: its kind, the item it
   is about (its UID), the recipients (user ids, or None: the news item's
   audience), the payload's title, text and URL, and from when it may be
   sent (``not_before``: a news item's future publishing date).
2. ``claim`` (the job's POST ``@push-utkorg``) *expands* ready events into
   deliveries, a few hundred recipients per call, checking each recipient
   now: still a member, may View the item, the item is meant for her (news:
   its audience, read again), her settings (settings.py) and the quiet
   hours (a delivery that is not crisis news or marked urgent is held
   until 07.00), then one delivery per subscription of hers whose device
   still signs in. An event older than its kind's TTL (counted from
   ``not_before``: a crisis or must-read item's publishing date) is dropped
   unexpanded (the quiet hours that would have held it not counted): a job
   that did not run for days does not send days-old replies with a fresh
   TTL.
   Then it hands out up to ``limit`` ready deliveries, each *leased* for
   ``LEASE`` seconds: not handed out again in that time unless reported.
   **Checked again when handed out**: a delivery may have waited (the
   quiet hours, up to ~61 hours with "Tyst även på helger"; a retry; a
   lease that ran out), so each one keeps what it is about (``uid``,
   ``kind``, ``urgent``, ``audience``) and ``claim`` asks again, with what
   it reads cached for the one call (the item and its View roles per UID,
   the audience per news item, the settings per member): the item still
   exists, she may still View it (a retracted item, a secret community she
   left), she is still in a news item's audience, her switch for the kind
   is still on (else the delivery is dropped), and it is not the quiet
   hours for her now (else it waits until they end: README "Only what she
   may see when it is sent"). Deliveries rather than held events: the
   quiet hours end at different moments per member (weekends), and a
   retry or an ended lease needs the same checks anyway.
3. ``report`` (``@push-kvitton``) takes the push service's answer per
   delivery (RFC 8030 §5: 201 created; RFC 8030 §7.3 and the services'
   documentation: 404/410 the subscription is gone; 413 too large; 429
   too many requests): 2xx done, 404/410 the subscription is removed,
   429/5xx or a network error (0) retried later with a growing wait (at
   most ``MAX_ATTEMPTS`` times; not in her quiet hours unless urgent), any
   other answer dropped.

**Stored** in a site annotation (``KEY``): ``events`` and ``deliveries``
(OOBTrees keyed ``<seconds when ready, 12 digits>-<random>``, so the ready
ones come first; new events in ``SPREAD`` trees of their own under
``event_trees``, one chosen at random, see ``_event_trees``) and
``announced`` ({"<kind>:<uid>": seconds}: a news item is pushed once per
kind; each claim looks at a few entries (``PRUNE``, from a random place)
and removes those of items that are gone or older than ``ANNOUNCED_DAYS``
days, and events.py pushes no news published longer ago than that).
A delivery holds the user id, the subscription's key, the payload (JSON
text), TTL, urgency, topic, attempts, when it expires, and the item's UID,
kind, ``urgent`` and ``audience`` (news sent to an audience); it is
deleted when sent, dropped or expired (its TTL after it became ready; a
hold for the quiet hours does not use it up).
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from solna.intranet.dates import zone
from solna.intranet.news import mustread
from solna.intranet.news.audience import ALL
from solna.intranet.news.audience import tokens_of
from solna.intranet.news.readers import Staff
from solna.intranet.push import settings
from solna.intranet.push import subscriptions
from solna.intranet.storage import annotation
from solna.intranet.storage import child
from urllib.parse import urlsplit

import datetime
import hashlib
import heapq
import json
import secrets
import time


KEY = "solna.intranet.push.queue"
KINDS = settings.KINDS
#: News kinds: without recipients, the item's audience.
NEWS_KINDS = ("crisis", "mustread")
#: A claimed delivery is not handed out again for this long (seconds).
LEASE = 120
#: Recipients expanded per claim, at least (a claim stays short).
EXPAND = 300
#: A delivery that failed (429, 5xx, network) is tried this many times.
MAX_ATTEMPTS = 5
#: The first wait before a retry (seconds), doubled each time.
RETRY_AFTER = 60
#: How long a push service keeps a message for an offline phone (RFC 8030
#: §5.2 TTL, seconds), and how long a delivery waits here after it became
#: ready.
TTL = {"reply": 12 * 3600, "mention": 12 * 3600}
DEFAULT_TTL = 24 * 3600
#: RFC 8030 §5.3 Urgency.
URGENCY = {"crisis": "high", "review": "low", "moderation": "low"}
DEFAULT_URGENCY = "normal"
#: ``announced`` entries older than this (days) are removed (and such old
#: news is not pushed, events.py).
ANNOUNCED_DAYS = 90
#: ``announced`` entries looked at per claim.
PRUNE = 20
#: Lengths of the payload's texts (characters).
TITLE_MAX, TEXT_MAX = 60, 120


# --- Storage -------------------------------------------------------------------


def _queue(create=False):
    return annotation(api.portal.get(), KEY, create=create)


def _part(name, create=False):
    queue = _queue(create)
    return child(queue, name) if create else queue.get(name, {})


def _stamp(seconds):
    """The sortable key prefix of a moment: 12 digits of whole seconds."""
    return f"{max(0, int(seconds)):012d}"


def _new_key(seconds):
    return f"{_stamp(seconds)}-{secrets.token_hex(8)}"


#: New events are kept in this many trees (``_event_trees``).
SPREAD = 16


def _event_trees(create=False):
    """The trees that hold events: ``events`` (those queued before there
    were several) and the ``SPREAD`` trees of ``event_trees``, all made at
    the first write (``create``). A list; nothing is stored without
    ``create``.

    Every comment, reply, mention or review request queues an event in
    the request's transaction, so many requests at once (two Zope
    processes, issue 22) add to the queue together. In one tree keyed by
    the moment, every one went into its last bucket, which splits every
    15 keys; a split changes the tree's node too, and BTrees ask the
    database that the node each insert went through is still current
    (``readCurrent``: BTrees/BTreeTemplate.c ``_BTree_set``) and never
    merge a split with another change (BTrees' ``_p_resolveConflict``), so
    a split anywhere in the tree failed every insert made at the same
    moment, and that request was run again: 19 of 47 ConflictErrors
    measured on 300 comments through the cluster. A random letter in
    front of the key in the same tree did not help (17 conflicts in 150
    rounds of two writers became 8); a tree per part did (1:
    tests/push/test_queue_spread.py). ``_ready_event_keys`` still hands
    the events out by the moment.

    Each event is a ``PersistentMapping`` of its own, not a dict in the
    bucket: BTrees merge two inserts into one bucket by comparing its
    values, and dicts cannot be ordered (``BTreesConflictError`` "Conflicting
    changes"), so any two events queued at once in one bucket collided
    (150 of 150 rounds); a bucket holds only references to them, which
    compare (the same fix as patches.py's 3 for ZCTextIndex)."""
    trees = _part("event_trees", create=create)
    if create and not len(trees):
        for number in range(SPREAD):
            trees[number] = OOBTree()
    return [_part("events"), *trees.values()]


def _event_tree(create=False):
    """One of the trees of ``_event_trees``, at random, for a new event."""
    return _event_trees(create)[1 + secrets.randbelow(SPREAD)]


def _ready_event_keys(trees, now):
    """[(tree, key)] of the events ready at ``now`` in ``trees``, the
    earliest first, merged over the trees."""
    top = _ready_max(now)
    ranges = [[(key, tree) for key in tree.keys(max=top)] for tree in trees if tree]
    merged = heapq.merge(*ranges, key=lambda pair: pair[0])
    return [(tree, key) for key, tree in merged]


def _ready_max(now):
    """The largest key of something ready at ``now``."""
    return f"{_stamp(now)}-~"


def _short(text, size):
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def relative_url(obj):
    """The item's path relative to the site root ("nyheter/kris")."""
    portal_path = api.portal.get().getPhysicalPath()
    return "/".join(obj.getPhysicalPath()[len(portal_path) :])


def topic(kind, about):
    """RFC 8030 §5.4 Topic (≤ 32 characters of the URL-safe base64
    alphabet): a newer message about the same thing replaces one the push
    service still holds. Also the notification's tag (the phone shows the
    newest only)."""
    digest = hashlib.sha256(str(about).encode("utf-8")).hexdigest()
    return f"{kind}-{digest}"[:32]


def announced(kind, item):
    """Has this news item been queued for ``kind`` already?"""
    uid = api.content.get_uuid(item)
    return f"{kind}:{uid}" in _part("announced")


# --- Enqueue -------------------------------------------------------------------


def enqueue(
    kind,
    item=None,
    recipients=None,
    title="",
    text="",
    url=None,
    not_before=None,
    urgent=False,
    about=None,
):
    """Queue a notice in the request's transaction. ``kind``: one of KINDS;
    ``item``: what it is about (its View is checked per recipient when the
    queue expands); ``recipients``: user ids, or None for the audience of
    the news item ``item`` (kinds "crisis" and "mustread" only);
    ``title`` (≤ 60 characters are kept) and ``text`` (≤ 120): Swedish,
    nothing from a form submission, no person's name, no comment text;
    ``url``: relative to the site root (default: the item's);
    ``not_before``: seconds since the epoch or an aware datetime;
    ``urgent``: sent in the quiet hours too (crisis news always is);
    ``about``: what makes two notices the same (the push topic and the
    notification's tag; default the item's UID, else the URL).
    Returns the event's id, or None when there is nobody to tell. Raises
    ValueError for an unknown kind or news kinds without an item."""
    if kind not in KINDS:
        raise ValueError(f"unknown push kind: {kind!r}")
    if recipients is None and (kind not in NEWS_KINDS or item is None):
        raise ValueError("recipients are needed except for news")
    if recipients is not None:
        recipients = tuple(dict.fromkeys(r for r in recipients if r))
        if not recipients:
            return None
    if isinstance(not_before, datetime.datetime):
        not_before = not_before.timestamp()
    now = time.time()
    ready = max(now, not_before or 0)
    uid = api.content.get_uuid(item) if item is not None else None
    if url is None:
        url = relative_url(item) if item is not None else ""
    event = {
        "kind": kind,
        "uid": uid,
        "recipients": recipients,
        "todo": None,
        "title": _short(title, TITLE_MAX),
        "text": _short(text, TEXT_MAX),
        "url": url.lstrip("/"),
        "not_before": ready,
        "urgent": bool(urgent or kind == "crisis"),
        "about": str(about or uid or url),
        "created": now,
    }
    key = _new_key(ready)
    _event_tree(create=True)[key] = PersistentMapping(event)
    if kind in NEWS_KINDS and uid:
        _part("announced", create=True)[f"{kind}:{uid}"] = now
    return key


# --- Expanding events into deliveries ----------------------------------------


def _item(uid):
    if uid is None:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        return brain._unrestrictedGetObject()
    return None


def _payload(event):
    return json.dumps(
        {
            "title": event["title"],
            "body": event["text"],
            "url": event["url"],
            "tag": topic(event["kind"], event["about"]),
            "kind": event["kind"],
        },
        ensure_ascii=False,
    )


def _view_roles(item):
    """The roles that may View ``item`` (None: no item, anyone may), read
    once per event expanded rather than once per recipient."""
    if item is None:
        return None
    return rolesForPermissionOn("View", item)


def _global_role_in(userid, roles):
    """Does the member hold one of ``roles`` site-wide, given to her own
    account in the site's role manager (Plone gives every account Member)?
    Then she may View an item whose View ``roles`` include it, as Zope's
    ``allowed`` decides first: one lookup in the role manager's BTree of
    direct assignments (``_principal_roles``, ZODBRoleManager's storage;
    its public ``getRolesForPrincipal`` wants a whole user to find her
    groups), where a full user lookup (PAS ``getUserById``: properties,
    groups, roles) costs a millisecond or more. False means "ask the full
    check", never "no"."""
    if roles is None:
        return True
    manager = api.portal.get_tool("acl_users")._getOb("portal_role_manager", None)
    direct = getattr(manager, "_principal_roles", None)
    if direct is None:
        return False
    return any(r in roles for r in direct.get(userid, ()))


def _may_view(userid, item, roles):
    """May the member View ``item`` (whose View roles are ``roles``)? No
    item: yes. Cheap first (``_global_role_in``), else her roles (global,
    groups', local) against ``roles``, what Zope's security policy asks,
    rather than plone.api's has_permission (which looks her up again and
    adopts her). An account that is gone may not."""
    if item is None or _global_role_in(userid, roles):
        return True
    user = api.portal.get_tool("acl_users").getUserById(userid)
    return user is not None and bool(user.allowed(item, roles))


def _ttl(kind):
    return TTL.get(kind, DEFAULT_TTL)


#: The settings that hold a notice longest (for ``_expired``).
LONGEST_HOLD = {settings.WEEKENDS: True}


def _expired(event, now):
    """Is the event older than its kind's TTL (seconds, counted from
    ``not_before``: when it became ready, a news item's publishing date)?
    The quiet hours that would have held its deliveries do not count (to
    the Monday, as for a member quiet at weekends too): an event is
    dropped only when the deliveries it would have made, had the job run
    in time, would have expired too."""
    start = event["not_before"]
    held = _held(_at(start), event["urgent"], LONGEST_HOLD)
    return max(start, held or 0) + _ttl(event["kind"]) < now


def _held(moment, urgent, wanted):
    """Seconds until which a delivery waits for the quiet hours at
    ``moment`` (an aware datetime), or None: urgent ones never wait."""
    if urgent:
        return None
    until = settings.quiet_until(moment, wanted)
    return None if until is None else until.timestamp()


def _at(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC)


def _settled(kind, item, userid, moment):
    """Is a must-read item nothing to tell her any more: she has confirmed
    it, or its read-by date (must_read_deadline) has passed? (news/mustread.py;
    a reminder for what she has done is noise on a lock screen.)"""
    if kind != "mustread" or item is None:
        return False
    state = mustread.status(item, userid)
    if state["confirmed"]:
        return True
    deadline = state["deadline"]
    return bool(deadline) and deadline < moment.astimezone(zone()).date().isoformat()


def _deliver_to(event, item, roles, userid, moment, deliveries, payload):
    """The deliveries of ``event`` for one recipient (see the module's
    description); ``roles`` is ``_view_roles(item)``. Returns how many.

    Cheap first: a member without a phone with push on costs one lookup in
    the subscriptions; one with phones and a site-wide role that may View
    the item (Member, for published content) one lookup in the role
    manager; anyone else one user lookup (``_may_view``): on one Zope
    process a crisis push to thousands of phones must not slow the pages
    (scripts/benchmark_push.py). An account that is gone has no
    subscriptions left (subscriptions.py removes them with it)."""
    mine = subscriptions.of(userid)
    if not mine:
        return 0
    if not _may_view(userid, item, roles):
        return 0
    wanted = settings.get(userid)
    if not settings.wants(wanted, event["kind"]):
        return 0
    if _settled(event["kind"], item, userid, moment):
        return 0
    ready = max(event["not_before"], moment.timestamp())
    held = _held(_at(ready), event["urgent"], wanted)
    if held is not None:
        ready = max(ready, held)
    ttl = _ttl(event["kind"])
    count = 0
    for subscription in mine:
        if not subscriptions.signed_in(userid, subscription):
            subscriptions.remove(userid, subscription.key)
            continue
        deliveries[_new_key(ready)] = {
            "userid": userid,
            "key": subscription.key,
            "payload": payload,
            "ttl": ttl,
            "urgency": "high"
            if event["urgent"]
            else URGENCY.get(event["kind"], DEFAULT_URGENCY),
            "topic": topic(event["kind"], event["about"]),
            "attempts": 0,
            "expires": ready + ttl,
            "uid": event["uid"],
            "kind": event["kind"],
            "urgent": event["urgent"],
            "audience": event["recipients"] is None,
        }
        count += 1
    return count


def _recipients(event, item):
    """Whom the event is for now: its recipients, or the news item's
    audience read again (None for an item that is gone)."""
    if event["recipients"] is not None:
        found = list(event["recipients"])
    elif item is None:
        return []
    else:
        found = sorted(Staff().audience(tokens_of(item)))
    # Only those with a phone with push on (most staff have none): the
    # expansion's budget goes to them.
    return [userid for userid in found if subscriptions.of(userid)]


def _expand(now, budget):
    """Expand ready events into deliveries, at most ``budget`` recipients;
    events older than their kind's TTL are dropped. Returns True when
    ready events are left."""
    trees = _event_trees()
    if not any(trees):
        return False
    deliveries = _part("deliveries", create=True)
    moment = _at(now)
    for events, key in _ready_event_keys(trees, now):
        if budget <= 0:
            return True
        event = events[key]
        if _expired(event, now):
            del events[key]  # the job did not run in time: too old now
            continue
        item = _item(event["uid"])
        if event["uid"] is not None and item is None:
            del events[key]  # deleted since
            continue
        todo = event["todo"]
        if todo is None:
            todo = _recipients(event, item)
        payload = _payload(event)
        roles = _view_roles(item)
        now_part, todo = todo[:budget], todo[budget:]
        for userid in now_part:
            _deliver_to(event, item, roles, userid, moment, deliveries, payload)
        budget -= len(now_part)
        if todo:
            events[key] = PersistentMapping({**event, "todo": todo})
            return True
        del events[key]
    return False


# --- Checked again when handed out ---------------------------------------------


class _Checks:
    """Whether a waiting delivery may still go out now (see the module's
    description), with what it reads cached for one claim: the item and its
    View roles per UID, a news item's audience per UID, the settings per
    member."""

    def __init__(self, now):
        self.now = now
        self.moment = _at(now)
        self._items = {}
        self._audiences = {}
        self._settings = {}

    def item(self, uid):
        """(item or None, its View roles)."""
        if uid not in self._items:
            item = _item(uid)
            self._items[uid] = (item, _view_roles(item))
        return self._items[uid]

    def in_audience(self, userid, uid, item):
        """Is the news item still meant for her? For all staff: every
        member (no need to read every profile, as Staff().audience would
        in each claim of a send to thousands); else its audience, read once
        per claim."""
        if uid not in self._audiences:
            tokens = tokens_of(item)
            self._audiences[uid] = None if ALL in tokens else Staff().audience(tokens)
        found = self._audiences[uid]
        return found is None or userid in found

    def settings(self, userid):
        if userid not in self._settings:
            self._settings[userid] = settings.get(userid)
        return self._settings[userid]

    def verdict(self, delivery):
        """True: hand it out now; False: drop it; a number: hold it until
        then (seconds; the quiet hours). Deliveries stored before these
        fields existed are checked for what they tell (kind from the
        payload)."""
        userid = delivery["userid"]
        kind = delivery.get("kind") or json.loads(delivery["payload"]).get("kind")
        uid = delivery.get("uid")
        if uid is not None:
            item, roles = self.item(uid)
            if item is None or not _may_view(userid, item, roles):
                return False
            if delivery.get("audience") and not self.in_audience(userid, uid, item):
                return False
            if _settled(kind, item, userid, self.moment):
                return False
        wanted = self.settings(userid)
        if kind not in settings.SWITCH_OF or not settings.wants(wanted, kind):
            return False
        urgent = delivery.get("urgent", delivery["urgency"] == "high")
        held = _held(self.moment, urgent, wanted)
        return True if held is None else held


def _requeue(deliveries, delivery, ready, held):
    """Store ``delivery`` again to be ready at ``ready`` (seconds); a wait
    for the quiet hours (``held``) does not use up its TTL, a retry's
    does."""
    expires = delivery["expires"]
    if held:
        expires = max(expires, ready + delivery["ttl"])
    deliveries[_new_key(ready)] = {**delivery, "expires": expires}


def _prune_announced(now):
    """Remove up to PRUNE ``announced`` entries, looked at from a random
    place, of items that are gone or announced more than ANNOUNCED_DAYS
    days ago (bounded work per claim; nothing written when nothing goes)."""
    announced_ = _part("announced")
    if not announced_:
        return
    start = f"{secrets.choice(NEWS_KINDS)}:{secrets.token_hex(16)}"
    keys = list(announced_.keys(min=start))[:PRUNE]
    if len(keys) < PRUNE:
        keys += list(announced_.keys())[: PRUNE - len(keys)]
    oldest = now - ANNOUNCED_DAYS * 24 * 3600
    for key in dict.fromkeys(keys):
        if announced_[key] < oldest or _item(key.partition(":")[2]) is None:
            del announced_[key]


# --- The job's side ------------------------------------------------------------


def _origin(endpoint):
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def claim(limit=500, now=None):
    """Expand ready events and hand out up to ``limit`` ready deliveries
    that may still go out (checked again: see the module's description),
    each leased for LEASE seconds (a POST: it writes). Returns
    ``{"deliveries": [{"id", "endpoint", "keys": {"p256dh", "auth"},
    "payload": JSON text, "ttl": seconds, "urgency", "topic"}], "vapid":
    {origin: Authorization header (RFC 8292)}, "more": bool}``: ``more``
    when more is ready now (call again); deliveries held for the quiet
    hours, leased or waiting for a retry are not "more"."""
    from solna.intranet.push import vapid  # P2's; imported when sending

    now = now or time.time()
    limit = max(1, int(limit))
    more = _expand(now, max(EXPAND, limit))
    _prune_announced(now)
    deliveries = _part("deliveries")
    checks = _Checks(now)
    handed, origins = [], {}
    ready = list(deliveries.keys(max=_ready_max(now))) if deliveries else []
    for key in ready:
        if len(handed) >= limit:
            more = True
            break
        delivery = deliveries.pop(key)
        if delivery["expires"] < now:
            continue
        subscription = subscriptions.get(delivery["userid"], delivery["key"])
        if subscription is None:
            continue
        if not subscriptions.signed_in(delivery["userid"], subscription, now):
            subscriptions.remove(delivery["userid"], delivery["key"])
            continue
        verdict = checks.verdict(delivery)
        if verdict is False:
            continue
        if verdict is not True:
            _requeue(deliveries, delivery, verdict, held=True)
            continue
        leased = _new_key(now + LEASE)
        deliveries[leased] = delivery
        handed.append(
            {
                "id": leased,
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                "payload": delivery["payload"],
                "ttl": int(max(0, min(delivery["ttl"], delivery["expires"] - now))),
                "urgency": delivery["urgency"],
                "topic": delivery["topic"],
            }
        )
        origin = _origin(subscription.endpoint)
        if origin not in origins:
            origins[origin] = vapid.authorization(subscription.endpoint, now=now)
    return {"deliveries": handed, "vapid": origins, "more": more}


def report(results, now=None):
    """Record the push service's answers: ``results`` {delivery id: HTTP
    status, 0 for a network error}. Returns {"sent", "removed" (expired
    subscriptions removed), "retrying", "dropped", "unknown" (ids not
    leased, or whose lease ran out and were claimed again)}. A retry of a
    delivery that is not urgent that would fall in the member's quiet hours
    waits until they end."""
    now = now or time.time()
    deliveries = _part("deliveries")
    counts = dict.fromkeys(("sent", "removed", "retrying", "dropped", "unknown"), 0)
    for key, status in results.items():
        delivery = deliveries.get(key) if isinstance(key, str) else None
        if delivery is None:
            counts["unknown"] += 1
            continue
        del deliveries[key]
        if 200 <= status < 300:
            counts["sent"] += 1
        elif status in (404, 410):
            subscriptions.remove(delivery["userid"], delivery["key"])
            counts["removed"] += 1
        elif status == 0 or status == 429 or status >= 500:
            attempts = delivery["attempts"] + 1
            if attempts >= MAX_ATTEMPTS:
                counts["dropped"] += 1
                continue
            again = now + RETRY_AFTER * 2 ** (attempts - 1)
            urgent = delivery.get("urgent", delivery["urgency"] == "high")
            held = _held(_at(again), urgent, settings.get(delivery["userid"]))
            _requeue(
                deliveries,
                {**delivery, "attempts": attempts},
                again if held is None else held,
                held=held is not None,
            )
            counts["retrying"] += 1
        else:
            counts["dropped"] += 1
    return counts


def waiting(now=None):
    """What waits (no write; the dry run): {"events": ready events not
    yet expanded (not those too old to be sent), "events_later": events
    for later (a future publishing date), "ready": deliveries ready now
    (not expired; before they are checked again), "later": deliveries held
    (quiet hours), leased or waiting for a retry}."""
    now = now or time.time()
    trees = _event_trees()
    deliveries = _part("deliveries")
    top = _ready_max(now)
    ready_events = [tree[k] for tree, k in _ready_event_keys(trees, now)]
    ready = [deliveries[k] for k in deliveries.keys(max=top)] if deliveries else []
    return {
        "events": sum(1 for e in ready_events if not _expired(e, now)),
        "events_later": sum(len(tree) for tree in trees) - len(ready_events),
        "ready": sum(1 for d in ready if d["expires"] >= now),
        "later": len(deliveries) - len(ready),
    }


def drop_waiting():
    """Forget every event and delivery still waiting (what was announced
    stays, so nothing of it is pushed later). For content made in bulk
    that is history, not news: the demo data set (demo/setuphandlers.py),
    whose publishing would otherwise reach the first phones turned on.
    Returns how many events were dropped."""
    trees = _event_trees()
    count = sum(len(tree) for tree in trees)
    for found in [*trees, _part("deliveries")]:
        if len(found):
            found.clear()
    return count


def forget_member(userid):
    """Drop the member's waiting deliveries (a deleted account)."""
    deliveries = _part("deliveries")
    for key in [k for k, d in deliveries.items() if d["userid"] == userid]:
        del deliveries[key]
