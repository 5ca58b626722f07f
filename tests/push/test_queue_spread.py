"""The push queue's events are spread over the tree (issue 22): two requests
queueing an event at the same moment (two Zope processes) rarely write the
same part of it, and the job still gets them by the moment they are ready.
Without a database layer: ZODB FileStorage with two connections, as two
processes on one database."""

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from solna.intranet.push import queue
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import random
import transaction
import ZODB


class Seeded:
    """``secrets`` with a seed: the same keys and trees on every run."""

    def __init__(self, seed):
        self.random = random.Random(seed)  # noqa: S311

    def randbelow(self, number):
        return self.random.randrange(number)

    def token_hex(self, size):
        return self.random.randbytes(size).hex()


def conflicts(tmp_path, monkeypatch, add, rounds=150):
    """Two connections each queue an event (a second later every round)
    with ``add(seconds)`` and commit, the second on the state before the
    first's: the number of commits that failed with a ConflictError
    (BTrees resolve what they can)."""
    tmp_path.mkdir()
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    one, two = transaction.TransactionManager(), transaction.TransactionManager()
    first, second = db.open(one), db.open(two)
    first.root()["queue"] = OOBTree()
    connection = [first]
    monkeypatch.setattr(
        queue, "_queue", lambda create=False: connection[0].root()["queue"]
    )
    add(1_799_999_999)  # the first event creates the trees
    one.commit()
    failed = 0
    for n in range(rounds):
        one.begin()
        two.begin()
        connection[0] = first
        add(1_800_000_000 + n)
        connection[0] = second
        add(1_800_000_000 + n)
        one.commit()
        try:
            two.commit()
        except ConflictError:
            failed += 1
            two.abort()
    db.close()
    return failed


def in_one_tree(seconds):
    """How events were queued before: one tree, keyed by the moment."""
    queue._part("events", create=True)[queue._new_key(seconds)] = {"kind": "reply"}


def in_one_of_the_trees(seconds):
    """How ``enqueue`` queues an event."""
    event = PersistentMapping({"kind": "reply"})
    queue._event_tree(create=True)[queue._new_key(seconds)] = event


def test_events_queued_at_once_rarely_collide(tmp_path, monkeypatch):
    monkeypatch.setattr(queue, "secrets", Seeded(22))
    before = conflicts(tmp_path / "a", monkeypatch, in_one_tree)
    now = conflicts(tmp_path / "b", monkeypatch, in_one_of_the_trees)
    print(f"ConflictErrors in 150 rounds of two writers: one tree {before}, now {now}")
    assert before >= 100  # dicts in one bucket: nearly every round
    assert now <= 2


def test_ready_events_come_by_the_moment_from_every_tree():
    old, one, two = OOBTree(), OOBTree(), OOBTree()
    one.update({"000000000300-aa": 3, "000000000100-ff": 1})
    old.update({"000000000200-00": 2})  # queued before there were trees
    two.update({"000000000150-11": 1.5, "000000000900-22": 9})
    trees = [old, one, two, OOBTree()]
    ready = queue._ready_event_keys(trees, 500)
    assert [tree[key] for tree, key in ready] == [1, 1.5, 2, 3]
    assert [t[k] for t, k in queue._ready_event_keys(trees, 1000)][-1] == 9
