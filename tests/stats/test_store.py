"""The statistics store and its counting, without a site: searches are
counted by text and day, never by who; the sketch counts distinct viewers;
small counts are suppressed."""

from contextlib import closing
from solna.intranet.stats import reach
from solna.intranet.stats import sketch
from solna.intranet.stats import store

import datetime
import pytest
import sqlite3


@pytest.fixture
def stats_db(tmp_path, monkeypatch):
    where = tmp_path / "solna-stats.sqlite"
    monkeypatch.setenv("SOLNA_STATS_DB", str(where))
    return where


def test_searches_are_counted_by_normalised_text_and_whether_they_found_nothing(
    stats_db,
):
    store.record_search("Friskv\u0061\u030ardsbidrag", 0)  # å typed as a + ring
    store.record_search("  FRISKVÅRDSBIDRAG ", 0)
    store.record_search("semester  ansökan", 3)
    store.record_search("   ", 0)  # nothing typed: not a search
    store.record_search("semester\x00ans\u00adökan\u200b", 3)  # NUL, soft hyphen…
    with store.connect() as db:
        rows = sorted(db.execute("SELECT text, searches, zero FROM searches"))
        (day,) = db.execute("SELECT searches, zero FROM search_days").fetchall()
    assert rows == [("friskvårdsbidrag", 2, 2), ("semester ansökan", 2, 0)]
    assert day == (4, 2)


def test_recording_a_search_never_raises(monkeypatch):
    monkeypatch.setenv("SOLNA_STATS_DB", "/nonexistent/dir/solna-stats.sqlite")
    store.record_search("semester", 1)  # logged, not raised


def test_the_sketch_counts_distinct_viewers_and_ignores_repeats():
    key = b"k" * 32
    registers = {}
    for userid in [f"person{n}" for n in range(40)] * 3:
        index, rho = sketch.register(key, userid)
        registers[index] = max(registers.get(index, 0), rho)
    assert 38 <= sketch.estimate(registers) <= 42
    assert sketch.estimate({}) == 0


def test_small_cells_are_suppressed_and_a_total_reveals_none_of_them():
    # Below 5: hidden.
    assert reach.suppress(12, {"a": 7, "b": 5}) == (12, {"a": 7, "b": 5})
    assert reach.suppress(3, {"a": 3}) == (None, {"a": None})
    # One hidden cell and a shown total: the next smallest is hidden too.
    assert reach.suppress(16, {"a": 10, "b": 4, "c": 2}) == (
        16,
        {"a": 10, "b": None, "c": None},
    )
    assert reach.suppress(14, {"a": 8, "b": 5, "c": 1}) == (
        14,
        {"a": 8, "b": None, "c": None},
    )
    # Two hidden cells that hold fewer than 5 together: total minus the
    # shown one would give their sum, so that one is hidden too.
    assert reach.suppress(12, {"a": 1, "b": 1, "c": 10}) == (
        12,
        {"a": None, "b": None, "c": None},
    )
    # A hidden empty cell tells nothing about anyone.
    assert reach.suppress(6, {"a": 6, "b": 0}) == (6, {"a": 6, "b": None})


def test_windows_close_after_7_and_30_days(stats_db, monkeypatch):
    # One known key for every day: the sketch counts seven people as
    # seven (with a random key a day, two of them land in one register of
    # 1,024 now and then, and it says six).
    monkeypatch.setattr(reach, "new_key", lambda: b"k" * 32)
    monkeypatch.setattr(reach, "_salts", {})
    start = datetime.datetime(2026, 11, 1, 8, tzinfo=datetime.UTC)
    day = datetime.timedelta(days=1)
    for n in range(6):
        reach.count_view("item-1", start, f"person{n}", "bou", moment=start + day)
    reach.count_view("item-1", start, "person9", "bou", moment=start + 10 * day)
    reach.count_view("item-1", start, "late", "bou", moment=start + 31 * day)
    assert reach.counts("item-1")[7]["total"] == 6
    assert reach.counts("item-1")[30]["total"] == 7

    assert [c["window"] for c in reach.close(start + 8 * day)] == [7]
    with store.connect() as db:
        assert db.execute(
            "SELECT count(*) FROM registers WHERE window = 7"
        ).fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM reach_keys").fetchone() == (1,)
    assert [c["window"] for c in reach.close(start + 31 * day)] == [30]
    with store.connect() as db:
        assert db.execute("SELECT count(*) FROM registers").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM reach_keys").fetchone() == (0,)
    assert reach.counts("item-1") == {
        7: {"total": 6, "cells": {"bou": 6}},
        30: {"total": 7, "cells": {"bou": 7}},
    }
    assert reach.close(start + 40 * day) == []


def test_two_processes_count_one_reader_once_with_the_days_shared_salt(
    stats_db, monkeypatch
):
    """Issue 22's fresh trial, finding 12: each Zope process drew its own
    salt of the day, so a reader answered by two processes counted twice.
    The salt is now in the store the processes share: a second process (an
    empty memory) reads the first one's. The next day's is new, and the old
    one is deleted."""
    monkeypatch.setattr(reach, "_salts", {})
    start = datetime.datetime(2026, 11, 1, 8, tzinfo=datetime.UTC)
    moment = start + datetime.timedelta(hours=2)
    reach.count_view("item-1", start, "anna.lindqvist", "bou", moment=moment)
    first = reach.day_key("item-1", moment)
    monkeypatch.setattr(reach, "_salts", {})  # the other process
    assert reach.day_key("item-1", moment) == first
    reach.count_view("item-1", start, "anna.lindqvist", "bou", moment=moment)
    assert reach.counts("item-1")[7]["total"] == 1
    with store.connect() as db:
        (day,) = db.execute("SELECT day FROM reach_salt").fetchall()
    assert day == ("2026-11-01",)

    tomorrow = moment + datetime.timedelta(days=1)
    assert reach.day_key("item-1", tomorrow) != first
    with store.connect() as db:
        rows = db.execute("SELECT day, length(salt) FROM reach_salt").fetchall()
    assert rows == [("2026-11-02", 32)]  # random, 32 bytes; yesterday's gone


def test_a_copy_of_the_store_has_the_figures_but_not_the_salt(stats_db, tmp_path):
    """make backup's copy of Statistik's file (store.copy)."""
    store.record_search("semester", 1)
    reach.day_salt(datetime.date(2026, 11, 1))
    copied = tmp_path / "backup.stats.sqlite"
    store.copy(stats_db, copied)
    assert copied.stat().st_mode & 0o777 == 0o600
    assert b"semester" in copied.read_bytes()
    with closing(sqlite3.connect(copied)) as db:
        assert db.execute("SELECT text FROM searches").fetchall() == [("semester",)]
        assert db.execute("SELECT count(*) FROM reach_salt").fetchone() == (0,)
    with closing(sqlite3.connect(stats_db)) as db:
        assert db.execute("SELECT count(*) FROM reach_salt").fetchone() == (1,)


def test_a_view_the_store_holds_already_is_not_written_again(stats_db, monkeypatch):
    """A member opening an item again the same day changes no register:
    the process knows the store holds it (reach._known) and opens no
    connection. Another member's view is written."""
    monkeypatch.setattr(reach, "_salts", {})
    monkeypatch.setattr(reach, "_known", reach.OrderedDict())
    monkeypatch.setattr(reach, "_known_store", [None])
    opened = []
    real = reach.connect

    def connect():
        opened.append(1)
        return real()

    monkeypatch.setattr(reach, "connect", connect)
    start = datetime.datetime(2026, 11, 1, 8, tzinfo=datetime.UTC)
    moment = start + datetime.timedelta(hours=2)
    reach.day_key("item-1", moment)  # the day's salt drawn
    opened.clear()
    for _ in range(3):
        reach.count_view("item-1", start, "anna.lindqvist", "bou", moment=moment)
    assert len(opened) == 1
    reach.count_view("item-1", start, "erik.sandberg", "bou", moment=moment)
    assert len(opened) == 2
    assert reach.counts("item-1")[7]["total"] == 2
