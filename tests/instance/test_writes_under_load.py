"""Many members writing at once against the real instance (FileStorage,
four server threads, the instance's own retries), while two other
processes keep both cores busy: comments on one news item, form
submissions, joining a community and starting discussions there. Nothing
is lost and nobody gets a server error. The same measurement as
scripts/benchmark_writes.py, smaller; it asserts counts, never speed."""

from pathlib import Path

import importlib.util
import pytest


# One instance for the folder: its tests run on one xdist worker (make test
# runs `pytest -n 2 --dist loadgroup`).
pytestmark = [pytest.mark.instance, pytest.mark.xdist_group("instance")]

SCRIPT = Path(__file__).parents[2] / "scripts" / "benchmark_writes.py"


def benchmark():
    spec = importlib.util.spec_from_file_location("benchmark_writes", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_concurrent_writes_all_arrive_on_a_busy_machine(instance):
    bench = benchmark()
    with bench.Busy():
        phases = bench.measure(
            instance.url,
            ("admin", "admin"),
            members=10,
            comments=100,
            forms=50,
            joins=2,
            log=instance.home / "var/log/event.log",
            datafs=instance.home / "var/filestorage/Data.fs",
        )
    for phase in phases:
        phase.report()
    assert [(p.title, p.errors()) for p in phases] == [(p.title, 0) for p in phases]
    assert [(p.title, p.found) for p in phases] == [(p.title, p.sent) for p in phases]
    # Every answer was a success: saved (2xx, or the redirect after a
    # comment), never the "send it again" page (409) either.
    assert [p.answers.get("4xx", 0) for p in phases] == [0, 0, 0]
