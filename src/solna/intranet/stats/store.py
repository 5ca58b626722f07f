"""The statistics store: one SQLite file beside the ZODB, never the ZODB.

The file is ``$SOLNA_STATS_DB`` or ``<clienthome>/solna-stats.sqlite`` (the
instance's ``var`` directory). Several Zope processes share it: WAL journal,
a busy timeout, one short transaction per write. Counting must never break a
page: the public writers here swallow and log (without personal data) every
error.

What is kept (and nothing else):

``searches``   (day, text) -> searches, zero: how often a normalised text
               was searched on a day and how many of those found nothing.
               Never who searched. Kept 90 days (a text may name someone).
``search_days`` day -> searches, zero: the day's totals, kept 13 months.
``reach_keys`` item (UID) -> the item's publication time, while its 30-day
               window is open (the column ``key`` stays empty: the keys
               are derived from the day's salt, reach.py ``day_key``).
``reach_salt`` day -> the day's random salt of the reach keys, shared by
               the processes; today's only (reach.py ``day_salt``), left
               out of ``make backup``'s copy (``SECRETS``).
``registers``  (item, förvaltning, window, register) -> rho: HyperLogLog
               sketches (reach.py) of HMAC(the day's key, userid); no id,
               no per-person hash is stored.
``counts``     (item, förvaltning, window) -> distinct viewers, frozen by the
               nightly job when a window closes.
"""

from contextlib import closing
from contextlib import contextmanager

import datetime
import logging
import os
import sqlite3
import threading
import unicodedata


logger = logging.getLogger("solna.intranet.stats")

FILENAME = "solna-stats.sqlite"
BUSY_TIMEOUT_MS = 5000
MAX_TEXT = 200

SCHEMA = """
CREATE TABLE IF NOT EXISTS searches (
    day TEXT NOT NULL,
    text TEXT NOT NULL,
    searches INTEGER NOT NULL DEFAULT 0,
    zero INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, text)
);
CREATE TABLE IF NOT EXISTS search_days (
    day TEXT PRIMARY KEY,
    searches INTEGER NOT NULL DEFAULT 0,
    zero INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS reach_keys (
    item TEXT PRIMARY KEY,
    key BLOB NOT NULL,
    published TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS registers (
    item TEXT NOT NULL,
    forvaltning TEXT NOT NULL,
    window INTEGER NOT NULL,
    register INTEGER NOT NULL,
    rho INTEGER NOT NULL,
    PRIMARY KEY (item, forvaltning, window, register)
);
CREATE TABLE IF NOT EXISTS reach_salt (
    day TEXT PRIMARY KEY,
    salt BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS counts (
    item TEXT NOT NULL,
    forvaltning TEXT NOT NULL,
    window INTEGER NOT NULL,
    viewers INTEGER NOT NULL,
    PRIMARY KEY (item, forvaltning, window)
);
"""

#: Tables a copy of the store (a backup) leaves empty: they hold no
#: figures, only what could test a person against them.
SECRETS = ("reach_salt",)

_ready = set()
_lock = threading.Lock()


def path():
    """Where the store lives."""
    configured = os.environ.get("SOLNA_STATS_DB")
    if configured:
        return configured
    from App.config import getConfiguration

    home = getattr(getConfiguration(), "clienthome", None) or "."
    return os.path.join(home, FILENAME)


@contextmanager
def connect():
    """A connection in one transaction (committed on leaving, rolled back on
    an error); the schema is created on a process's first use of a file."""
    where = path()
    connection = sqlite3.connect(where, timeout=BUSY_TIMEOUT_MS / 1000)
    with closing(connection):
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if where not in _ready:
            with _lock:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.executescript(SCHEMA)
                _ready.add(where)
        connection.execute("PRAGMA synchronous = NORMAL")
        with connection:
            yield connection


def normalise(text):
    """What a search is counted as: NFC, casefolded, invisible format
    characters dropped ("sem\xadester" with a soft hyphen is "semester"),
    control characters (a NUL, a tab) read as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = "".join({"Cc": " ", "Cf": ""}.get(unicodedata.category(c), c) for c in text)
    return " ".join(text.split())[:MAX_TEXT]


def today():
    """Today in the site's zone (Stockholm), as YYYY-MM-DD."""
    try:
        from solna.intranet.dates import zone

        return datetime.datetime.now(zone()).date().isoformat()
    except Exception:
        return datetime.date.today().isoformat()


def record_search(text: str, hits: int) -> None:
    """Count one search a person made: its normalised text and whether it
    found nothing. Who searched is never known here. Never raises."""
    try:
        normalised = normalise(text)
        if not normalised:
            return
        zero = 1 if not hits else 0
        day = today()
        with connect() as db:
            db.execute(
                "INSERT INTO searches (day, text, searches, zero) "
                "VALUES (?, ?, 1, ?) ON CONFLICT (day, text) DO UPDATE SET "
                "searches = searches + 1, zero = zero + excluded.zero",
                (day, normalised, zero),
            )
            db.execute(
                "INSERT INTO search_days (day, searches, zero) VALUES (?, 1, ?) "
                "ON CONFLICT (day) DO UPDATE SET "
                "searches = searches + 1, zero = zero + excluded.zero",
                (day, zero),
            )
    except Exception as error:
        logger.warning("Could not count a search: %s", type(error).__name__)


def copy(source, target):
    """Copy the store at ``source`` into a new file ``target`` (mode 0600)
    with SQLite's backup API: one consistent snapshot, safe while Zope
    processes write. The ``SECRETS`` tables are emptied in the copy, so a
    backup holds the figures, never the day's salt. Raises sqlite3.Error or
    OSError."""
    target = os.fspath(target)
    for leftover in (target, f"{target}-wal", f"{target}-shm"):
        if os.path.exists(leftover):
            os.unlink(leftover)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    origin = sqlite3.connect(os.fspath(source), timeout=30)
    copied = sqlite3.connect(target)
    with closing(origin), closing(copied):
        origin.backup(copied)
        copied.execute("PRAGMA secure_delete = ON")
        tables = {
            name
            for (name,) in copied.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        with copied:
            for table in SECRETS:
                if table in tables:
                    copied.execute(f"DELETE FROM {table}")  # noqa: S608
        # The copy is one file: no journal beside it.
        copied.execute("PRAGMA journal_mode = DELETE")
        copied.execute("VACUUM")
