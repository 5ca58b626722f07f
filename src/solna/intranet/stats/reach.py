"""Räckvidd: how many distinct staff opened an item in its first 7 and 30
days after publication, by the viewer's förvaltning, never who.

A view adds HMAC-SHA256(the item's key of the day, userid) to a
HyperLogLog sketch of the (item, förvaltning, window) in the SQLite store
(sketch.py, store.py). The key of the day is HMAC-SHA256(a random salt of
the day, the item's UID). The salt is random (32 bytes), one per Stockholm
day, and shared by every Zope process of the site: the first process to
count a view on a day draws it and stores it in the store's ``reach_salt``
table, the others read it from there (and each keeps it in memory for the
day). The first use of a new day deletes the salts of the days before it
(``secure_delete``: their bytes are overwritten in the file), so after
midnight nothing can tie a register to a person.

Why the store and not each process's memory: with several Zope processes
(``make start-cluster``) each drew its own salt, and a member whose views
of one item were answered by two processes was counted twice on one day
(issue 22's fresh trial, finding 12). Why not the ZODB: the ZODB is in
every backup of the database and, on FileStorage, keeps old records until
a pack. The store is the file the processes already share
(``$SOLNA_STATS_DB``: on several machines, shared storage), readable by the
Zope user only; ``make backup`` copies it without the salt. While the day
lasts, whoever can read that file (or a process's memory) could test "did X
read this today"; nobody can for an earlier day.

So a member who opens an item again the same day is not counted again,
whichever process answers, but one who opens it on another day is: the
figures are readers per day, added up over the window ("unika läsare per
dag"). When a window closes the nightly job (``close``) freezes its counts
and deletes its registers. No person id and no per-person hash is stored
anywhere; a page view writes nothing to the ZODB.

Shown counts below ``THRESHOLD`` are suppressed ("färre än 5", REST null),
and when a total would reveal one suppressed cell the next smallest is
suppressed too (``suppress``).
"""

from collections import OrderedDict
from plone import api
from solna.intranet.dates import aware
from solna.intranet.members import profile
from solna.intranet.organisation.tree import chain
from solna.intranet.organisation.tree import UNIT
from solna.intranet.stats import sketch
from solna.intranet.stats.store import connect
from solna.intranet.stats.store import path as store_path

import datetime
import hashlib
import hmac
import os
import sys
import threading
import zoneinfo


#: The content types whose reach is counted.
TYPES = ("News Item", "Document", "solna.Rule", "solna.Answer")
WINDOWS = (7, 30)
THRESHOLD = 5
#: The förvaltning of a viewer outside every förvaltning.
NONE = ""
#: The (item, window) row of the total over all förvaltningar in ``counts``.
TOTAL = "*"

_units = {}
_units_lock = threading.Lock()


def reset_cache():
    """Forget the process's unit -> förvaltning answers and the day's salt
    (tests)."""
    with _units_lock:
        _units.clear()
    with _salts_lock:
        _salts.clear()


def forvaltning(userid):
    """The UID of the förvaltning of the member's unit (the nearest unit
    of kind förvaltning at or above it), or "" outside every förvaltning.
    Cached per process by unit UID (a person who moves is counted with
    the new one at once)."""
    unit_uid, _profession = profile(userid)
    if not unit_uid:
        return NONE
    found = _units.get(unit_uid)
    if found is None:
        uids = [brain.UID for brain in chain(unit_uid)]
        found = NONE
        if uids:
            catalog = api.portal.get_tool("portal_catalog")
            kinds = {
                brain.UID
                for brain in catalog.unrestrictedSearchResults(
                    portal_type=UNIT, UID=uids, unit_kind="forvaltning"
                )
            }
            found = next((uid for uid in uids if uid in kinds), NONE)
        with _units_lock:
            if len(_units) > 10000:
                _units.clear()
            _units[unit_uid] = found
    return found


def new_key():
    """A new random salt (32 bytes)."""
    return os.urandom(32)


STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
_salts = {}
_salts_lock = threading.Lock()


def day_salt(day):
    """The salt (32 bytes) of ``day`` (a date), the same in every process
    that shares the store: read from its ``reach_salt`` table, or drawn
    (``new_key``) and stored there by the first process to ask for the day,
    which also deletes the salts of earlier days. Kept in this process's
    memory for the day. Raises what the store raises (sqlite3.Error)."""
    with _salts_lock:
        salt = _salts.get(day)
    if salt is not None:
        return salt
    with connect() as db:
        # The old salts' bytes are overwritten, not left in free pages.
        db.execute("PRAGMA secure_delete = ON")
        # Two processes at once: the first INSERT wins, both read it.
        db.execute(
            "INSERT OR IGNORE INTO reach_salt (day, salt) VALUES (?, ?)",
            (day.isoformat(), new_key()),
        )
        (salt,) = db.execute(
            "SELECT salt FROM reach_salt WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        db.execute("DELETE FROM reach_salt WHERE day < ?", (day.isoformat(),))
    with _salts_lock:
        _salts.clear()
        _salts[day] = salt
    return salt


def day_key(uid, moment):
    """The item's key for the Stockholm day of ``moment``: HMAC-SHA256 of
    the day's salt (random, shared by the site's processes, replaced at
    midnight: ``day_salt``) and the item's UID."""
    salt = day_salt(moment.astimezone(STOCKHOLM).date())
    return hmac.new(salt, uid.encode(), hashlib.sha256).digest()


def now():
    return datetime.datetime.now(datetime.UTC)


def published(item):
    """When ``item`` was published (its effective date, aware UTC), or None."""
    effective = getattr(item, "effective_date", None)
    if effective is None:
        return None
    return aware(effective).astimezone(datetime.UTC)


def open_windows(start, moment):
    """The windows (7, 30) still open ``moment`` for an item published at
    ``start``."""
    if start is None or moment < start:
        return ()
    age = moment - start
    return tuple(days for days in WINDOWS if age < datetime.timedelta(days=days))


#: What this process wrote to the store: {(item, förvaltning, window,
#: register): rho} of one store file (``_known_store``: its path and
#: inode; forgotten when another file is the store). Registers only grow
#: (the store keeps the largest rho), so a view whose registers are known
#: to hold its rho already would change nothing, and is not written: a
#: member opening an item again the same day, most views (the write was
#: 6 % of a news page, issue 21). The same values as the store's rows,
#: never a person. ``KNOWN_MAX`` entries at most (about 5 MB), the least
#: recently used dropped first. A store file copied over in place while
#: the processes run is not noticed: restart them after that (``make
#: restore`` refuses to run while they do).
_known = OrderedDict()
_known_store = [None]
_known_lock = threading.Lock()
KNOWN_MAX = 20_000


def _store_identity():
    """The store file as it is now (its path and inode), None while there
    is none."""
    where = store_path()
    try:
        return (where, os.stat(where).st_ino)
    except OSError:
        return None


def count_view(uid, start, userid, group, moment=None):
    """Count that the member ``userid`` of förvaltning ``group`` opened the
    item ``uid`` published at ``start``. One short transaction, none when
    this process knows the store holds the view already (``_known``);
    nothing that names the member is written."""
    moment = moment or now()
    windows = open_windows(start, moment)
    if not windows:
        return
    index, rho = sketch.register(day_key(uid, moment), userid)
    uid = sys.intern(uid)
    group = sys.intern(group) if isinstance(group, str) else group
    keys = [(uid, group, days, index) for days in windows]
    identity = _store_identity()
    with _known_lock:
        if (
            identity is not None
            and identity == _known_store[0]
            and all(_known.get(key, 0) >= rho for key in keys)
        ):
            for key in keys:
                _known.move_to_end(key)
            return
    with connect() as db:
        # The item's publication (its windows); no key is kept on disk.
        db.execute(
            "INSERT OR IGNORE INTO reach_keys (item, key, published) VALUES (?, ?, ?)",
            (uid, b"", start.isoformat()),
        )
        db.executemany(
            "INSERT INTO registers (item, forvaltning, window, register, rho) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (item, forvaltning, window, register) "
            "DO UPDATE SET rho = max(rho, excluded.rho) WHERE excluded.rho > rho",
            [(uid, group, days, index, rho) for days in windows],
        )
    identity = identity or _store_identity()  # the first view made the file
    with _known_lock:
        if identity != _known_store[0]:
            _known.clear()
            _known_store[0] = identity
        if identity is None:
            return
        for key in keys:
            _known[key] = max(rho, _known.get(key, 0))
            _known.move_to_end(key)
        while len(_known) > KNOWN_MAX:
            _known.popitem(last=False)


def _sketches(db, uid, days):
    found = {}
    for group, index, rho in db.execute(
        "SELECT forvaltning, register, rho FROM registers "
        "WHERE item = ? AND window = ?",
        (uid, days),
    ):
        found.setdefault(group, {})[index] = rho
    return found


def counts(uid, db=None):
    """{7: {"total": n, "cells": {förvaltning UID: n}}, 30: {...}}: the raw
    (unsuppressed) counts of the item, frozen or still open; {} for an item
    never counted."""
    if db is None:
        with connect() as db:
            return counts(uid, db)
    result = {}
    frozen = {}
    for group, days, viewers in db.execute(
        "SELECT forvaltning, window, viewers FROM counts WHERE item = ?", (uid,)
    ):
        frozen.setdefault(days, {})[group] = viewers
    for days in WINDOWS:
        if days in frozen:
            cells = dict(frozen[days])
            total = cells.pop(TOTAL, sum(cells.values()))
        else:
            sketches = _sketches(db, uid, days)
            if not sketches:
                continue
            cells = {group: sketch.estimate(s) for group, s in sketches.items()}
            total = sketch.estimate(sketch.union(*sketches.values()))
        result[days] = {"total": total, "cells": cells}
    return result


def suppress(total, cells, threshold=THRESHOLD):
    """(total, cells) as they may be shown: a count below ``threshold`` is
    None; while the total is shown and the hidden cells hold fewer than
    ``threshold`` together, the next smallest cell is hidden too (else the
    total minus the others gives them)."""
    shown = {group: (n if n >= threshold else None) for group, n in cells.items()}
    shown_total = total if total >= threshold else None
    # The total minus the shown cells is what the hidden ones hold together:
    # hide more until that is no count below the threshold.
    while shown_total is not None:
        hidden = sum(cells[g] for g, n in shown.items() if n is None)
        if not 0 < hidden < threshold:
            break
        others = sorted((n, g) for g, n in shown.items() if n is not None)
        if others:
            shown[others[0][1]] = None
        else:
            shown_total = None
    return shown_total, shown


def close(moment=None, dry_run=False):
    """The nightly work: freeze the counts of every window that has closed,
    delete its registers, and an item's key at 30 days. Returns
    [{"item": UID, "window": days, "total": n}] for each window closed."""
    moment = moment or now()
    closed = []
    with connect() as db:
        for uid, start in db.execute(
            "SELECT item, published FROM reach_keys"
        ).fetchall():
            start = datetime.datetime.fromisoformat(start)
            still_open = open_windows(start, moment)
            for days in WINDOWS:
                if days in still_open:
                    continue
                if db.execute(
                    "SELECT 1 FROM counts WHERE item = ? AND window = ? LIMIT 1",
                    (uid, days),
                ).fetchone():
                    continue
                sketches = _sketches(db, uid, days)
                total = sketch.estimate(sketch.union(*sketches.values()))
                closed.append({"item": uid, "window": days, "total": total})
                if dry_run:
                    continue
                rows = [(g, sketch.estimate(s)) for g, s in sketches.items()]
                rows.append((TOTAL, total))
                db.executemany(
                    "INSERT OR REPLACE INTO counts "
                    "(item, forvaltning, window, viewers) VALUES (?, ?, ?, ?)",
                    [(uid, g, days, n) for g, n in rows],
                )
                db.execute(
                    "DELETE FROM registers WHERE item = ? AND window = ?", (uid, days)
                )
            if not still_open and not dry_run:
                db.execute("DELETE FROM registers WHERE item = ?", (uid,))
                db.execute("DELETE FROM reach_keys WHERE item = ?", (uid,))
    return closed
