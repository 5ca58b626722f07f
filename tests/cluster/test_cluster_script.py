"""scripts/cluster.py's guards, without starting a cluster (issue 22's fresh
trial, docs/design/issue-22-trial-2026-12-01.md): settings that are no
numbers or no ports are refused with the setting's name; a port another
program listens on is named before anything starts; a process id left in
the state file that now belongs to another program is never signalled; and
HAProxy's answer while no Zope process is up is the site's own Swedish 503."""

from pathlib import Path

import contextlib
import importlib.util
import json
import pytest
import re
import shutil
import socket
import subprocess
import sys
import threading


SCRIPT = Path(__file__).parents[2] / "scripts" / "cluster.py"


@pytest.fixture
def script():
    spec = importlib.util.spec_from_file_location("cluster_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "value"),
    [("WORKERS", "abc"), ("WORKERS", "0"), ("PORT", "99999"), ("PG_PORT", "x")],
)
def test_a_wrong_setting_is_named(script, name, value):
    with pytest.raises(script.ClusterError, match=name):
        script.Settings({name: value})


def test_a_port_in_use_is_named_before_anything_starts(script, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = script.Settings(
            {"PORT": str(port), "PG_PORT": "1", "INSTANCE": str(tmp_path)}
        )
        assert ("PORT", port) in script.ports_in_use(settings)


def test_start_refuses_a_taken_port_at_once(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, SCRIPT, "start"],
            env={"PORT": str(port), "INSTANCE": str(tmp_path), "PATH": "/usr/bin"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert f"in use already: PORT {port}" in done.stdout
    assert not (tmp_path / "var" / "postgres").exists()  # nothing was started


def test_a_reused_process_id_is_not_ours(script, tmp_path):
    """After a reboot the ids in script.json may belong to other programs:
    stop-cluster leaves them alone (it sent them SIGTERM)."""
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    stranger = subprocess.Popen(["sleep", "60"])
    try:
        settings.state.mkdir(parents=True)
        settings.state_file.write_text(
            json.dumps(
                {
                    "supervisor": stranger.pid,
                    "processes": {"worker-1": stranger.pid, "postgres": stranger.pid},
                }
            )
        )
        assert not script.ours(stranger.pid, settings, "supervisor")
        assert not script.ours(stranger.pid, settings, "worker-1")
        assert script.stop(settings) == 0
        assert stranger.poll() is None  # still running
    finally:
        stranger.kill()
        stranger.wait()


@pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy not installed")
def test_haproxy_answers_the_sites_503_when_no_process_is_up(script, tmp_path):
    """The configuration is valid, and the 503 it answers with no process in
    its rotation is the processes' own: Swedish (JSON for REST, English for
    a browser that prefers it), with Retry-After."""
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    script.write_configuration(settings)
    config = settings.etc / "haproxy.cfg"
    checked = subprocess.run(["haproxy", "-c", "-f", config], capture_output=True)
    assert checked.returncode == 0, checked.stderr
    text = config.read_text()
    assert "nbsrv(zope) lt 1" in text
    assert "hdr Retry-After 10" in text
    page = (settings.etc / "unavailable-sv.html").read_text()
    assert '<html lang="sv">' in page
    assert "Intranätet når inte sin databas just nu" in page
    body = json.loads((settings.etc / "unavailable-sv.json").read_text())
    assert body["type"] == "ServiceUnavailable"
    assert "The intranet" in (settings.etc / "unavailable-en.html").read_text()


def test_each_database_has_its_own_blob_cache(script, tmp_path, monkeypatch):
    """Finding 13: the blob cache is per database (zope.conf, zodbconvert),
    and restoring another database leaves a running cluster's cache alone."""
    running = script.Settings({"INSTANCE": str(tmp_path)})
    other = script.Settings({"INSTANCE": str(tmp_path), "PG_DATABASE": "solna_mig"})
    assert running.blob_cache != other.blob_cache
    script.write_configuration(other)
    assert other.blob_cache == tmp_path / "var/cluster/blobcache-solna_mig"
    blob_dir = "blob-dir $INSTANCE/var/cluster/blobcache-solna_mig\n"
    assert blob_dir in other.zope_conf.read_text()
    # restore and migrate, with PostgreSQL and its programs left out.
    monkeypatch.setattr(script, "postgres_for_a_moment", contextlib.nullcontext)
    monkeypatch.setattr(script, "psql", lambda settings, sql, database="x": "0")
    monkeypatch.setattr(script, "pg_bin", lambda name: name)
    monkeypatch.setattr(script, "ensure_database", lambda settings: True)
    ran = []
    monkeypatch.setattr(
        script.subprocess,
        "run",
        lambda command, **kw: (
            ran.append(command) or subprocess.CompletedProcess(command, 0)
        ),
    )
    for cache in (running.blob_cache, other.blob_cache):
        (cache / "0x00").mkdir(parents=True)
    dump = tmp_path / "solna_mig.dump"
    dump.write_bytes(b"PGDMP")
    script.restore(other, dump)
    assert ran[-1][0] == "pg_restore"
    assert not other.blob_cache.exists()
    assert (running.blob_cache / "0x00").is_dir()  # the running cluster's
    data_fs = tmp_path / "Data.fs"
    data_fs.write_bytes(b"FS21")
    monkeypatch.setenv("FILESTORAGE", str(data_fs))
    script.migrate(other)
    converted = (other.etc / "zodbconvert.conf").read_text()
    assert blob_dir in converted


def test_each_zope_process_has_its_own_pid_file(script, tmp_path):
    """Every process read zope.conf's one Z4.pid: each worker's ini now
    names its own, which solna.intranet.pidfile sets before runwsgi writes
    it."""
    from App.config import getConfiguration
    from solna.intranet import pidfile

    settings = script.Settings({"INSTANCE": str(tmp_path), "WORKERS": "2"})
    script.write_configuration(settings)
    for number in (1, 2):
        ini = settings.worker_ini(number).read_text()
        assert f"path = {settings.state}/worker-{number}.pid\n" in ini
        assert re.search(r"pipeline =\s+egg:Zope#httpexceptions\s+pidfile\n", ini)
    config = getConfiguration()
    before = getattr(config, "pid_filename", None)
    try:
        app = object()
        assert pidfile.filter_factory({}, path="/x/worker-2.pid")(app) is app
        assert config.pid_filename == "/x/worker-2.pid"
    finally:
        config.pid_filename = before


def test_the_processes_logs_are_not_for_everyone(script, tmp_path):
    """The logs were 0644: now the processes' own files and the output
    the supervisor writes are 0640 (an old log is made so too)."""
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    settings.logs.mkdir(parents=True)
    old = settings.logs / "event-1.log"
    old.write_text("")
    old.chmod(0o644)
    script.write_configuration(settings)
    assert old.stat().st_mode & 0o777 == 0o640
    made = tmp_path / "made-by-the-process.log"
    child = script.Child(
        "touch", ["touch", made], settings.logs / "touch.log", lambda: True
    )
    child.start()
    assert child.process.wait(30) == 0
    assert made.stat().st_mode & 0o777 == 0o640
    assert (settings.logs / "touch.log").stat().st_mode & 0o777 == 0o640


def test_the_stats_socket_and_pid_files_are_removed_on_stop(script, tmp_path):
    """HAProxy left its socket behind, and SIGTERM ends a Zope process
    before it removes its pid file."""
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    settings.state.mkdir(parents=True)
    leftovers = [settings.stats_socket, settings.state / "worker-1.pid"]
    for leftover in leftovers:
        leftover.write_text("")
    script.Cluster(settings).stop()
    assert [path for path in leftovers if path.exists()] == []
    # ...and when a killed run's leftovers are stopped.
    for leftover in leftovers:
        leftover.write_text("")
    settings.state_file.write_text(json.dumps({"supervisor": 0, "processes": {}}))
    assert script.stop(settings) == 0
    assert [path for path in leftovers if path.exists()] == []


def test_the_balancer_names_the_process_and_hides_the_software(script, tmp_path):
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    script.write_configuration(settings)
    text = (settings.etc / "haproxy.cfg").read_text()
    assert "http-response set-header X-Solna-Process %s" in text
    assert "http-response del-header Server" in text
    assert "http-response del-header X-Powered-By" in text
    assert "socat" not in text


def test_status_prints_each_process_as_the_balancer_sees_it(script, tmp_path, capsys):
    """make cluster-status reads HAProxy's stats socket in Python (the
    README's socat is not installed)."""
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    settings.state.mkdir(parents=True)
    settings.state_file.write_text(
        json.dumps({"workers": {"worker-1": 8781, "worker-2": 8782}})
    )
    csv = (
        "# pxname,svname,qcur,status,\n"
        "intranet,FRONTEND,,OPEN,\n"
        "zope,worker-1,0,UP,\n"
        "zope,worker-2,0,DOWN,\n"
        "zope,BACKEND,0,UP,\n"
    )
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(settings.stats_socket))
        server.listen()

        def answer():
            connection, _ = server.accept()
            with connection:
                assert connection.recv(100) == b"show stat\n"
                connection.sendall(csv.encode())

        thread = threading.Thread(target=answer)
        thread.start()
        assert script.status(settings) == 1  # one is DOWN
        thread.join(10)
    assert capsys.readouterr().out.split("\n") == [
        "worker-1   UP     127.0.0.1:8781",
        "worker-2   DOWN   127.0.0.1:8782",
        "",
    ]
    settings.stats_socket.unlink()
    with pytest.raises(script.ClusterError, match="is the cluster running"):
        script.status(settings)
