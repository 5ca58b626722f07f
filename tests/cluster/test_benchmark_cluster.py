"""scripts/benchmark_cluster.py (`make benchmark-cluster`, issue 22) without
running it: its help, its goals and that a copied data set is served from
the copy. The benchmark itself takes minutes: README "Several processes"."""

from pathlib import Path

import importlib.util
import math
import subprocess
import sys


SCRIPTS = Path(__file__).parents[2] / "scripts"
SCRIPT = SCRIPTS / "benchmark_cluster.py"


def script(monkeypatch):
    # It imports its neighbours benchmark.py and cluster.py.
    monkeypatch.syspath_prepend(str(SCRIPTS))
    spec = importlib.util.spec_from_file_location("benchmark_cluster", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_help_names_the_options():
    done = subprocess.run(
        [sys.executable, SCRIPT, "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for option in ("--source", "--rounds", "--duration", "--connections"):
        assert option in done.stdout


def test_goals_compare_req_s_and_show_the_cpu_ratio(monkeypatch):
    bench = script(monkeypatch)
    rates = {"a": 10.0, "b": 9.5, "c": 18.0, "d": 200.0}
    cpu_ms = {"a": 50.0, "b": 52.0, "c": 55.0, "d": 5.0}
    (label, value, cpu, op, target), storage = bench.goals(rates, cpu_ms)
    assert "2 processes" in label
    assert (op, target) == (">=", 1.8)
    assert math.isclose(value, 18.0 / 9.5)
    assert math.isclose(cpu, 2 * 52.0 / 55.0)
    assert bench.benchmark.verdict(value, op, target) == "PASS"
    assert math.isclose(storage[1], 0.95)
    assert storage[3:] == (">=", 0.9)
    # A run that answered nothing is no division by zero.
    assert math.isnan(bench.goals({**rates, "b": 0.0}, cpu_ms)[0][1])


def test_a_copied_data_set_is_served_from_the_copy(monkeypatch, tmp_path):
    """A `cp -a` of another checkout's cached site still names the
    original folder in its zope.conf and logs: rewritten to the copy,
    or the benchmark would open (and upgrade) the original's Data.fs."""
    bench = script(monkeypatch)
    original = "/elsewhere/var/benchmark/project/news500"
    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "zope.conf").write_text(f"%define INSTANCE {original}\n")
    (etc / "zope.ini").write_text(f"args = (r'{original}/var/log/event.log', 'a')\n")
    bench.relocate(tmp_path)
    assert (etc / "zope.conf").read_text() == f"%define INSTANCE {tmp_path}\n"
    assert original not in (etc / "zope.ini").read_text()
    # The copy's own config is left alone.
    bench.relocate(tmp_path)
    assert (etc / "zope.conf").read_text() == f"%define INSTANCE {tmp_path}\n"
