"""Counting failed sign-ins so that nothing is lost: not when the request
that failed is aborted, not when two failures for one key are written at
the same moment.

``Store`` keeps one ``Counter`` per key (an account or a client address,
chosen by login/guard.py) in an OOBTree. Everything is read and written
**apart** from the request's own transaction, through a second connection
to the same database that commits at once:

- a failed HTTP Basic login raises Unauthorized and Zope aborts the
  request's transaction; plone.protect refuses a GET that wrote; and the
  request's own connection reads the database as it was when the request
  began, so it would not see a lock another request (or this one, a moment
  ago) has just committed;
- only failures write, plus the first success after failures; a page view
  or a sign-in that did not fail before writes nothing.

Conflicts. Failures for one key (one address under attack) are written by
many requests at once. ``Counter._p_resolveConflict`` merges them as ZODB
commits (ZODB.ConflictResolution): per time slot the increments of both
sides are added, a lock or a forgiveness made by either side is kept.
Only two things are refused as a conflict, so that the loser retries and
sees the winner's work: two transactions that both claim the lock mail
(``mailed_at``), and a counter the sweep removed. Two new keys in one
bucket of the OOBTree are merged by BTrees; the same new key twice
conflicts and is retried (``ATTEMPTS``). ``record`` returns whether it was
committed; the caller must not report a lock it did not store.

Under ZEO the conflict resolution runs in the ZEO server, which then needs
this package importable; without it, conflicts are retried instead.

Times are seconds since the epoch (``time.time()``); counts are per slot
of ``SLOT`` seconds, so "within 15 minutes" is the last 30 slots.
"""

from BTrees.OOBTree import OOBTree
from collections import namedtuple
from persistent import Persistent
from ZODB.POSException import ConflictError
from ZODB.POSException import POSKeyError

import itertools
import transaction


#: Seconds per slot; failures are counted per slot.
SLOT = 30
#: Seconds: the window failures are counted in, and how long a lock lasts.
WINDOW = 15 * 60
LOCK = 15 * 60
#: Seconds after a lock mail during which the same account gets no other.
MAIL_QUIET = 24 * 60 * 60
#: Commits tried before a write gives up (each retry after a conflict).
ATTEMPTS = 5
#: Counters examined per sweep, and seconds between sweeps.
SWEEP_BATCH = 500
SWEEP_EVERY = WINDOW

#: What a key looks like now: failures in the window not forgiven, until
#: when it is locked (0: not), when its holder was last mailed (0: never).
Status = namedtuple("Status", "count locked_until mailed_at")
FREE = Status(0, 0.0, 0.0)
#: What ``record`` did: committed?, the keys whose lock it started, whether
#: this caller claimed the lock mail, and the keys' status afterwards.
Outcome = namedtuple("Outcome", "recorded started mail status")


def slot(now):
    return int(now // SLOT)


def _three_way(old, committed, new, key, default):
    """One attribute of a conflict: the side that changed it wins; when both
    did, the larger value."""
    o = old.get(key, default)
    c = committed.get(key, default)
    n = new.get(key, default)
    if c == o:
        return n
    if n == o:
        return c
    return max(c, n)


class Counter(Persistent):
    """Failures of one key: ``slots`` {slot: failures}; ``forgiven``
    (slot, failures in it): a success, a lock start or an unlock forgives
    the failures up to that moment, so those before it in its slot and in
    earlier slots no longer count; ``locked_until``; ``mailed_at``."""

    def __init__(self):
        self.slots = {}
        self.forgiven = (0, 0)
        self.locked_until = 0.0
        self.mailed_at = 0.0
        self.swept = False

    def _counted(self, now):
        """(slot, failures that count) within the window."""
        first = slot(now) - WINDOW // SLOT
        forgiven_slot, forgiven = self.forgiven
        for s, n in self.slots.items():
            if s <= first or s < forgiven_slot:
                continue
            yield s, (max(0, n - forgiven) if s == forgiven_slot else n)

    def count(self, now):
        return sum(n for _s, n in self._counted(now))

    def status(self, now):
        until = self.locked_until if self.locked_until > now else 0.0
        return Status(self.count(now), until, self.mailed_at)

    def _prune(self, now):
        first = slot(now) - WINDOW // SLOT
        forgiven_slot = self.forgiven[0]
        old = [s for s in self.slots if s <= first or s < forgiven_slot]
        if old:
            slots = dict(self.slots)
            for s in old:
                del slots[s]
            self.slots = slots

    def fail(self, now):
        slots = dict(self.slots)
        slots[slot(now)] = slots.get(slot(now), 0) + 1
        self.slots = slots
        self._prune(now)

    def lock_if_due(self, now, limit):
        """Lock for LOCK seconds when ``limit`` failures are in the window
        and it is not locked; returns True when it locked now."""
        if self.locked_until > now or self.count(now) < limit:
            return False
        self.locked_until = now + LOCK
        # After the lock, counting starts again from nothing.
        self.forgive(now)
        return True

    def forgive(self, now):
        here = slot(now)
        self.forgiven = max(tuple(self.forgiven), (here, self.slots.get(here, 0)))
        self._prune(now)

    def unlock(self, now):
        self.locked_until = 0.0
        self.forgive(now)

    def idle(self, now):
        """Nothing left to remember: no failure in the window, no lock, no
        recent lock mail."""
        return (
            self.count(now) == 0
            and self.locked_until <= now
            and self.mailed_at + MAIL_QUIET <= now
        )

    def _p_resolveConflict(self, old, committed, new):
        """Merge two transactions' changes (see the module)."""
        if committed.get("swept") or new.get("swept"):
            raise ConflictError("a swept counter")
        mailed = old.get("mailed_at", 0.0)
        if committed.get("mailed_at", 0.0) != mailed != new.get("mailed_at", 0.0):
            raise ConflictError("two claims of the lock mail")
        merged = dict(new)
        old_slots = old.get("slots", {})
        committed_slots = committed.get("slots", {})
        new_slots = new.get("slots", {})
        slots = {}
        for s in set(old_slots) | set(committed_slots) | set(new_slots):
            n = committed_slots.get(s, 0) + new_slots.get(s, 0) - old_slots.get(s, 0)
            if n > 0:
                slots[s] = n
        merged["slots"] = slots
        merged["forgiven"] = max(
            tuple(committed.get("forgiven", (0, 0))),
            tuple(new.get("forgiven", (0, 0))),
        )
        merged["locked_until"] = _three_way(old, committed, new, "locked_until", 0.0)
        merged["mailed_at"] = _three_way(old, committed, new, "mailed_at", 0.0)
        return merged


class Store(Persistent):
    """``tree``: key → Counter; ``next_sweep``: when idle counters are next
    looked for; ``cursor``: the key the last sweep stopped after."""

    def __init__(self):
        self.tree = OOBTree()
        self.next_sweep = 0.0
        self.cursor = None


class _Apart:
    """``store`` as a second connection sees it, in a transaction manager
    of its own (a context manager: the connection goes back to the pool)."""

    def __init__(self, store):
        self.store = store

    def __enter__(self):
        self.manager = transaction.TransactionManager()
        self.connection = self.store._p_jar.db().open(transaction_manager=self.manager)
        return self

    def begin(self):
        self.manager.begin()
        return self.connection.get(self.store._p_oid)

    def __exit__(self, *exc):
        self.manager.abort()
        self.connection.close()


def _stored(store):
    """Is ``store`` committed, so that a second connection can read it?"""
    return store._p_jar is not None and store._p_oid is not None


def read(store, keys, now):
    """{key: Status} as last committed (a fresh read, not the request's
    snapshot). A store not yet committed is read as it is."""
    if not _stored(store):
        return _statuses(store, keys, now)
    with _Apart(store) as apart:
        try:
            return _statuses(apart.begin(), keys, now)
        except POSKeyError:
            return _statuses(store, keys, now)


def _statuses(store, keys, now):
    found = {}
    for key in keys:
        counter = store.tree.get(key)
        found[key] = counter.status(now) if counter is not None else FREE
    return found


def _counter(store, key):
    counter = store.tree.get(key)
    if counter is None:
        counter = store.tree[key] = Counter()
    return counter


def record(store, limits, now, mail_key=None):
    """Count one failure for each key of ``limits`` ({key: limit}); lock a
    key whose failures in the window reach its limit. ``mail_key``: the key
    whose holder is to be mailed when it is locked; the caller that gets
    ``mail=True`` is the one to send it (claimed in the database: at most
    one per MAIL_QUIET seconds). Returns an Outcome; ``recorded`` False
    when every attempt met a conflict or the store is not committed yet
    (then nothing was stored and nothing is to be mailed)."""
    if not _stored(store):
        return Outcome(False, set(), False, _statuses(store, limits, now))
    started, mail, counted = set(), False, False
    with _Apart(store) as apart:
        for _attempt in range(ATTEMPTS):
            try:
                copy = apart.begin()
                these, claim = _apply(copy, limits, now, not counted, mail_key)
                apart.manager.commit()
            except ConflictError:
                apart.manager.abort()
                continue
            counted = True
            started |= these
            mail = mail or claim
            # What both sides wrote, merged: a lock another transaction's
            # failures made due, or a mail nobody claimed, is done now.
            copy = apart.begin()
            if not _due(copy, limits, now, mail_key):
                status = _statuses(copy, limits, now)
                sweep_due = copy.next_sweep <= now
                apart.manager.abort()
                if sweep_due:
                    _sweep(apart, now)
                return Outcome(True, started, mail, status)
            apart.manager.abort()
        return Outcome(counted, started, mail, read(store, limits, now))


def _apply(store, limits, now, count, mail_key):
    started, claim = set(), False
    for key, limit in limits.items():
        counter = _counter(store, key)
        if count:
            counter.fail(now)
        if counter.lock_if_due(now, limit):
            started.add(key)
        if key == mail_key and _mail_due(counter, now):
            counter.mailed_at = now
            claim = True
    return started, claim


def _mail_due(counter, now):
    return counter.locked_until > now and counter.mailed_at + MAIL_QUIET <= now


def _due(store, limits, now, mail_key):
    for key, limit in limits.items():
        counter = store.tree.get(key)
        if counter is None:
            continue
        if counter.locked_until <= now and counter.count(now) >= limit:
            return True
        if key == mail_key and _mail_due(counter, now):
            return True
    return False


def _change(store, key, now, how):
    if not _stored(store):
        return False
    with _Apart(store) as apart:
        for _attempt in range(ATTEMPTS):
            try:
                counter = apart.begin().tree.get(key)
                if counter is None:
                    return True
                how(counter, now)
                apart.manager.commit()
                return True
            except ConflictError:
                apart.manager.abort()
    return False


def forgive(store, key, now):
    """Forget the failures of ``key`` (a right password). An active lock
    stays. Returns True when stored."""

    def how(counter, now):
        if counter.count(now):
            counter.forgive(now)

    return _change(store, key, now, how)


def unlock(store, key, now):
    """End the lock of ``key`` and forget its failures (its holder proved
    who they are). Returns True when stored."""
    return _change(store, key, now, Counter.unlock)


def _sweep(apart, now):
    """Remove idle counters: at most SWEEP_BATCH looked at, from where the
    last sweep stopped, at most every SWEEP_EVERY seconds (sooner while
    there is more to look at). A conflict (another sweep) is left alone."""
    try:
        store = apart.begin()
        if store.next_sweep > now:
            return
        keys = list(
            itertools.islice(
                store.tree.keys(min=store.cursor, excludemin=store.cursor is not None),
                SWEEP_BATCH,
            )
        )
        for key in keys:  # (a list: deleting while iterating skips keys)
            counter = store.tree[key]
            if counter.idle(now):
                counter.swept = True  # a writer of it now conflicts
                del store.tree[key]
        looked, last = len(keys), (keys[-1] if keys else None)
        finished = looked < SWEEP_BATCH
        store.cursor = None if finished else last
        store.next_sweep = now + SWEEP_EVERY if finished else now
        apart.manager.commit()
    except ConflictError:
        apart.manager.abort()
