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
   hours (a delivery that is not crisis news is held until 07.00), then
   one delivery per subscription of hers whose device still signs in. It
   hands out up to ``limit`` ready deliveries, each *leased* for
   ``LEASE`` seconds: not handed out again in that time unless reported.
3. ``report`` (``@push-kvitton``) takes the push service's answer per
   delivery (RFC 8030 §5: 201 created; RFC 8030 §7.3 and the services'
   documentation: 404/410 the subscription is gone; 413 too large; 429
   too many requests): 2xx done, 404/410 the subscription is removed,
   429/5xx or a network error (0) retried later with a growing wait (at
   most ``MAX_ATTEMPTS`` times), any other answer dropped.

**Stored** in a site annotation (``KEY``): ``events`` and ``deliveries``
(OOBTrees keyed ``<seconds when ready, 12 digits>-<random>``, so the ready
ones come first and concurrent writers land in different buckets) and
``announced`` ({"<kind>:<uid>": seconds}: a news item is pushed once per
kind). A delivery holds the user id, the subscription's key, the payload
(JSON text), TTL, urgency, topic, attempts and when it expires; it is
deleted when sent, dropped or expired (its TTL after it became ready).
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from plone import api
from solna.intranet.news.audience import tokens_of
from solna.intranet.news.readers import Staff
from solna.intranet.push import settings
from solna.intranet.push import subscriptions
from solna.intranet.storage import annotation
from solna.intranet.storage import child
from urllib.parse import urlsplit

import datetime
import hashlib
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
    _part("events", create=True)[key] = event
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


def _deliver_to(event, item, roles, userid, moment, deliveries, payload):
    """The deliveries of ``event`` for one recipient (see the module's
    description); ``roles`` is ``_view_roles(item)``. Returns how many.

    Cheap first: a member without a phone with push on costs one lookup in
    the subscriptions; one with phones costs one user lookup and one check
    of her roles (global, groups', local) against the item's View roles,
    what Zope's security policy asks, rather than plone.api's
    has_permission (which looks her up again and adopts her): on one Zope
    process a crisis push to thousands of phones must not slow the pages
    (scripts/benchmark_push.py)."""
    mine = subscriptions.of(userid)
    if not mine:
        return 0
    user = api.portal.get_tool("acl_users").getUserById(userid)
    if user is None:
        return 0
    if item is not None and not user.allowed(item, roles):
        return 0
    wanted = settings.get(userid)
    if not settings.wants(wanted, event["kind"]):
        return 0
    ready = max(event["not_before"], moment.timestamp())
    if not event["urgent"]:
        held = settings.quiet_until(moment, wanted)
        if held is not None:
            ready = max(ready, held.timestamp())
    ttl = TTL.get(event["kind"], DEFAULT_TTL)
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
    """Expand ready events into deliveries, at most ``budget`` recipients.
    Returns True when ready events are left."""
    events = _part("events")
    if not events:
        return False
    deliveries = _part("deliveries", create=True)
    moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
    for key in list(events.keys(max=_ready_max(now))):
        if budget <= 0:
            return True
        event = events[key]
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
            events[key] = {**event, "todo": todo}
            return True
        del events[key]
    return False


# --- The job's side ------------------------------------------------------------


def _origin(endpoint):
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def claim(limit=500, now=None):
    """Expand ready events and hand out up to ``limit`` ready deliveries,
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
    deliveries = _part("deliveries")
    handed, origins = [], {}
    for key in list(deliveries.keys(max=_ready_max(now))):
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
    leased, or whose lease ran out and were claimed again)}."""
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
            deliveries[_new_key(again)] = {**delivery, "attempts": attempts}
            counts["retrying"] += 1
        else:
            counts["dropped"] += 1
    return counts


def waiting(now=None):
    """What waits (no write; the dry run): {"events": ready events not
    yet expanded, "events_later": events for later (a future publishing
    date), "ready": deliveries ready now, "later": deliveries held (quiet
    hours), leased or waiting for a retry}."""
    now = now or time.time()
    events = _part("events")
    deliveries = _part("deliveries")
    top = _ready_max(now)
    ready_events = len(list(events.keys(max=top))) if events else 0
    ready = len(list(deliveries.keys(max=top))) if deliveries else 0
    return {
        "events": ready_events,
        "events_later": len(events) - ready_events,
        "ready": ready,
        "later": len(deliveries) - ready,
    }


def forget_member(userid):
    """Drop the member's waiting deliveries (a deleted account)."""
    deliveries = _part("deliveries")
    for key in [k for k, d in deliveries.items() if d["userid"] == userid]:
        del deliveries[key]
