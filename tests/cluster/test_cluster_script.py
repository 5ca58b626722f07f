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
import os
import pytest
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time


SCRIPT = Path(__file__).parents[2] / "scripts" / "cluster.py"
#: What ``pg_restore --list`` prints of a dump of the cluster's database.
TOC = (
    ";\n; Archive created at 2026-12-01 19:19:40 UTC\n"
    "215; 1259 16390 TABLE public object_state zodb\n"
    "216; 1259 16398 TABLE public blob_chunk zodb\n"
)


def supervisor_like():
    """A process whose command line names cluster.py, as a running
    cluster's supervisor (scripts/cluster.py ``ours``)."""
    return subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", "cluster.py"]
    )


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


def test_an_empty_setting_is_its_default(script):
    """make passes PG_PORT= (and a test PG_DATABASE=) when not given."""
    settings = script.Settings({"PG_PORT": "", "PG_DATABASE": ""})
    assert (settings.pg_port, settings.database) == (5433, "solna")
    assert settings.given == set()


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
            ran.append(command) or subprocess.CompletedProcess(command, 0, TOC, "")
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
    # It may hold the database's password (issue 22's second trial).
    assert (other.etc / "zodbconvert.conf").stat().st_mode & 0o777 == 0o640


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
    from Zope2.Startup import serve

    config = getConfiguration()
    before = getattr(config, "pid_filename", None)
    make_pid_file = serve.ServeCommand.makePidFile
    path = tmp_path / "worker-2.pid"
    path.write_text("4711")  # left by a killed run
    try:
        app = object()
        assert pidfile.filter_factory({}, path=str(path))(app) is app
        assert config.pid_filename == str(path)
        # runwsgi writes it as a line (it wrote no newline: issue 22's
        # second trial).
        serve.ServeCommand.makePidFile(None)
        assert path.read_text() == f"{os.getpid()}\n"
    finally:
        config.pid_filename = before
        serve.ServeCommand.makePidFile = make_pid_file


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
    assert "http-response del-header Via" in text  # "waitress"
    assert "socat" not in text


def test_status_prints_each_process_as_the_balancer_sees_it(script, tmp_path, capsys):
    """make cluster-status reads HAProxy's stats socket in Python (the
    README's socat is not installed)."""
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    settings.state.mkdir(parents=True)
    supervisor = supervisor_like()
    settings.state_file.write_text(
        json.dumps(
            {
                "supervisor": supervisor.pid,
                "workers": {"worker-1": 8781, "worker-2": 8782},
            }
        )
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

        try:
            thread = threading.Thread(target=answer)
            thread.start()
            assert script.status(settings) == 1  # one is DOWN
            thread.join(10)
            assert capsys.readouterr().out.split("\n") == [
                f"supervisor UP     pid {supervisor.pid}",
                "worker-1   UP     127.0.0.1:8781",
                "worker-2   DOWN   127.0.0.1:8782",
                "",
            ]
            # The supervisor died (killed): both processes UP is not all
            # well, nothing starts one again when it exits (finding 11).
            csv = csv.replace("DOWN", "UP")
            supervisor.kill()
            supervisor.wait()
            thread = threading.Thread(target=answer)
            thread.start()
            assert script.status(settings) == 1
            thread.join(10)
        finally:
            supervisor.kill()
            supervisor.wait()
    printed = capsys.readouterr().out
    assert f"supervisor DOWN   pid {supervisor.pid}: nothing starts" in printed
    assert "make stop-cluster, then make start-cluster" in printed
    assert "worker-2   UP     127.0.0.1:8782" in printed
    settings.stats_socket.unlink()
    with pytest.raises(script.ClusterError, match="is the cluster running"):
        script.status(settings)
    settings.state_file.unlink()
    with pytest.raises(script.ClusterError, match="no cluster is running"):
        script.status(settings)


# -- Issue 22's second trial (docs/design/issue-22-trial-2026-12-01-second.md)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "8785", "PG_PORT": "8785"}, "PORT and PG_PORT are the same port"),
        ({"PORT": "8785", "WORKER_PORT": "8785"}, "PORT 8785 is a port of the Zope"),
        (
            {"PORT": "8780", "WORKER_PORT": "8784", "PG_PORT": "8785"},
            "PG_PORT 8785 is a port of the Zope",
        ),
        ({"PORT": "8780", "PG_PORT": "8782"}, "PG_PORT 8782 is a port of the Zope"),
    ],
)
def test_colliding_ports_are_named(script, env, message):
    """Finding 7: they failed late, as a process that kept exiting."""
    with pytest.raises(script.ClusterError, match=message):
        script.Settings(env).check_ports()
    script.Settings({"PORT": "8780", "PG_PORT": "8783"}).check_ports()  # fine


def test_start_refuses_colliding_ports_before_anything_starts(tmp_path):
    done = subprocess.run(
        [sys.executable, SCRIPT, "start"],
        env={
            **{"PORT": "8785", "PG_PORT": "8785", "INSTANCE": str(tmp_path)},
            "PATH": "/usr/bin",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "error: PORT and PG_PORT are the same port (8785)" in done.stdout
    assert not (tmp_path / "var").exists()  # nothing was started


def test_the_generated_configuration_is_for_its_user_and_group(
    script, tmp_path, monkeypatch, capsys
):
    """Finding 6: zope.conf (which may hold the database's password) was
    0644; and running as root, the processes serve as root: said."""
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    settings.etc.mkdir(parents=True)
    settings.zope_conf.write_text("")
    settings.zope_conf.chmod(0o644)  # written so before
    script.write_configuration(settings)
    assert settings.zope_conf.stat().st_mode & 0o777 == 0o640
    assert settings.worker_ini(1).stat().st_mode & 0o777 == 0o640
    monkeypatch.setattr(script.os, "geteuid", lambda: 0)
    script.warn_if_root()
    printed = capsys.readouterr().out
    assert "warning: running as root, so the Zope processes and HAProxy" in printed
    assert "as an unprivileged user" in printed
    monkeypatch.setattr(script.os, "geteuid", lambda: 1000)
    script.warn_if_root()
    assert capsys.readouterr().out == ""


@pytest.fixture
def no_postgres(script, monkeypatch, tmp_path):
    """restore and backup with PostgreSQL left out: [the SQL run], [the
    commands run], and the names of the programs that are to fail
    (pg_restore's --list never does); pg_dump writes ``b"PGDMP"``, the
    others print ``TOC``."""
    sql, ran, failing = [], [], set()
    monkeypatch.setenv("SOLNA_STATS_DB", str(tmp_path / "var/solna-stats.sqlite"))
    monkeypatch.setattr(script, "postgres_for_a_moment", contextlib.nullcontext)

    def psql(settings, text, database="postgres"):
        sql.append(text)
        return "0" if "count(*)" in text else "1"  # nobody connected

    monkeypatch.setattr(script, "psql", psql)
    monkeypatch.setattr(script, "pg_bin", lambda name: name)

    def run(command, **kw):
        ran.append([str(part) for part in command])
        if command[0] in failing and "--list" not in command:
            return subprocess.CompletedProcess(command, 1, "", f"{command[0]}: oops")
        if command[0] == "pg_dump":
            Path(command[command.index("-f") + 1]).write_bytes(b"PGDMP")
        return subprocess.CompletedProcess(command, 0, TOC, "")

    monkeypatch.setattr(script.subprocess, "run", run)
    return sql, ran, failing


def test_a_failed_restore_leaves_the_database_as_it_was(script, tmp_path, no_postgres):
    """Finding 1: the database was dropped before pg_restore had read a
    byte. Now it is restored into a new database, which replaces the old
    one only when pg_restore succeeded."""
    sql, ran, failing = no_postgres
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    dump = tmp_path / "solna.dump"
    dump.write_bytes(b"PGDMP")
    failing.add("pg_restore")
    with pytest.raises(script.ClusterError) as error:
        script.restore(settings, dump)
    assert "the database 'solna' is left as it was" in str(error.value)
    assert sql[2:] == [
        'DROP DATABASE IF EXISTS "solna_restoring"',
        'CREATE DATABASE "solna_restoring" OWNER zodb ENCODING UTF8',
        'DROP DATABASE IF EXISTS "solna_restoring"',  # solna never dropped
    ]
    failing.discard("pg_restore")
    sql.clear()
    stats_copy = tmp_path / "solna.stats.sqlite"
    stats_copy.write_bytes(b"SQLite")
    stats_copy.chmod(0o600)
    script.restore(settings, dump)
    assert sql[2:] == [
        'DROP DATABASE IF EXISTS "solna_restoring"',
        'CREATE DATABASE "solna_restoring" OWNER zodb ENCODING UTF8',
        'DROP DATABASE IF EXISTS "solna"',
        'ALTER DATABASE "solna_restoring" RENAME TO "solna"',
    ]
    restored = [c for c in ran if c[0] == "pg_restore" and "-d" in c][-1]
    assert restored[restored.index("-d") + 1] == "solna_restoring"
    stats = tmp_path / "var/solna-stats.sqlite"
    assert stats.read_bytes() == b"SQLite"
    assert stats.stat().st_mode & 0o777 == 0o640  # as the processes make it


@pytest.mark.skipif(not shutil.which("pg_restore"), reason="no PostgreSQL")
def test_an_empty_or_foreign_dump_is_refused_before_postgresql_is_asked(
    script, tmp_path, monkeypatch
):
    """The 0-byte dump finding 3 left behind: pg_restore --list (the real
    one) cannot read it, and PostgreSQL is never started or asked."""
    monkeypatch.setattr(script, "pg_bin", lambda name: shutil.which(name))

    def no(*args, **kwargs):
        raise AssertionError("PostgreSQL was asked")

    monkeypatch.setattr(script, "postgres_for_a_moment", no)
    monkeypatch.setattr(script, "psql", no)
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    empty = tmp_path / "empty.dump"
    empty.write_bytes(b"")
    with pytest.raises(script.ClusterError) as error:
        script.restore(settings, empty)
    assert "is no dump pg_restore can read" in str(error.value)
    assert str(error.value).endswith("the database 'solna' is left as it was")
    with pytest.raises(script.ClusterError, match="needs BACKUP=file"):
        script.restore(settings, "")


def test_a_failed_backup_leaves_no_file(script, tmp_path, no_postgres):
    """Finding 3: a failed pg_dump left a 0-byte dump with a real backup's
    name; now the dump is renamed to it only when pg_dump succeeded."""
    _sql, _ran, failing = no_postgres
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    failing.add("pg_dump")
    with pytest.raises(script.ClusterError, match="pg_dump of 'solna' on port 5433"):
        script.backup(settings)
    assert list((tmp_path / "var/backups").iterdir()) == []
    failing.clear()
    dump = script.backup(settings)
    assert dump.read_bytes() == b"PGDMP"
    assert dump.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in (tmp_path / "var/backups").iterdir()] == [dump.name]


def test_postgresql_of_this_folder_on_another_port_is_named(script, tmp_path):
    """Finding 3: make backup without the cluster's PG_PORT started a second
    postmaster on the same data ("postgres exited with 1")."""
    settings = script.Settings({"INSTANCE": str(tmp_path), "PG_PORT": "5479"})
    settings.pg_data.mkdir(parents=True)
    (settings.pg_data / "postmaster.pid").write_text(
        f"{os.getpid()}\n{settings.pg_data}\n1764615000\n5478\n"
    )
    assert script.postmaster_port(settings) == 5478
    moment = script.postgres_for_a_moment(settings)
    with pytest.raises(script.ClusterError) as error:
        moment.__enter__()
    assert str(error.value) == (
        "the cluster's PostgreSQL runs on port 5478, not PG_PORT 5479: "
        "pass PG_PORT=5478"
    )


def test_backup_and_restore_follow_the_running_cluster(
    script, tmp_path, no_postgres, capsys
):
    """Finding 2: with the cluster on PG_DATABASE=migrerad, make backup
    dumped 'solna', and make restore replaced the running cluster's
    Statistik file."""
    _sql, ran, _failing = no_postgres
    supervisor = supervisor_like()
    try:
        settings = script.Settings({"INSTANCE": str(tmp_path)})
        settings.state.mkdir(parents=True)
        settings.state_file.write_text(
            json.dumps(
                {"supervisor": supervisor.pid, "database": "migrerad", "pg_port": 5478}
            )
        )
        dump = script.backup(settings)
        assert dump.name.startswith("migrerad-")
        assert ran[-1][-1] == "migrerad"
        assert ran[-1][ran[-1].index("-p") + 1] == "5478"
        printed = capsys.readouterr().out
        assert "the running cluster uses the database 'migrerad' on port 5478" in (
            printed
        )
        # Another database on purpose: named.
        given = script.Settings({"INSTANCE": str(tmp_path), "PG_DATABASE": "solna"})
        assert script.backup(given).name.startswith("solna-")
        assert "PG_DATABASE=solna, not 'migrerad' the running cluster uses" in (
            capsys.readouterr().out
        )
        # A port that is not the cluster's: refused, saying which.
        other_port = script.Settings({"INSTANCE": str(tmp_path), "PG_PORT": "5433"})
        with pytest.raises(script.ClusterError, match="pass PG_PORT=5478"):
            script.backup(other_port)
        # No restore while a cluster of this folder runs, on any database.
        with pytest.raises(script.ClusterError) as error:
            script.restore(given, dump)
        assert "running (on the database 'migrerad'" in str(error.value)
        assert "make stop-cluster first" in str(error.value)
    finally:
        supervisor.kill()
        supervisor.wait()


def test_migrate_says_what_to_do_with_a_database_that_has_data(
    script, tmp_path, monkeypatch
):
    """Finding 13: zodbconvert's "Try --clear." cannot be passed through
    make."""
    monkeypatch.setattr(script, "postgres_for_a_moment", contextlib.nullcontext)
    monkeypatch.setattr(script, "ensure_database", lambda settings: False)
    monkeypatch.setattr(
        script.subprocess,
        "run",
        lambda command, **kw: subprocess.CompletedProcess(command, 1),
    )
    data_fs = tmp_path / "Data.fs"
    data_fs.write_bytes(b"FS21")
    monkeypatch.setenv("FILESTORAGE", str(data_fs))
    settings = script.Settings({"INSTANCE": str(tmp_path)})
    with pytest.raises(script.ClusterError) as error:
        script.migrate(settings)
    assert "the database 'solna' existed already" in str(error.value)
    assert "with PG_DATABASE=<new name>" in str(error.value)


def backend(port):
    """A Zope process that dies with every request but its health check:
    it closes the connection without an answer. Returns its socket."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen()

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                if connection.recv(65536).startswith(b"GET /@@ok "):
                    connection.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                        b"Connection: close\r\n\r\nok"
                    )

    threading.Thread(target=serve, daemon=True).start()
    return server


@pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy not installed")
def test_haproxy_answers_its_502_in_the_sites_words(script):
    """Finding 4: a process killed with a POST in flight gave HAProxy's
    English "502 Bad Gateway" page, to REST clients too, without
    Retry-After. Now Swedish (English for who prefers it), JSON for JSON,
    saying that what was sent may have been stored."""
    from tests.fixtures.http import free_port

    import requests

    # A short folder: the stats socket's path has a length limit.
    home = Path(tempfile.mkdtemp(prefix="solna-502-"))
    worker_port = free_port()
    settings = script.Settings(
        {
            "INSTANCE": str(home),
            "WORKERS": "1",
            "PORT": str(free_port("localhost")),
            "WORKER_PORT": str(worker_port),
        }
    )
    script.write_configuration(settings)
    server = backend(worker_port)
    balancer = subprocess.Popen(
        ["haproxy", "-db", "-f", settings.etc / "haproxy.cfg"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{settings.port}/Plone/nyheter/@comments"
    try:

        def answered():
            with contextlib.suppress(requests.ConnectionError):
                return requests.post(url, data="x", headers=headers, timeout=10)

        headers = {"Accept": "application/json"}
        rest = wait_for(answered, 30)
        assert rest.status_code == 502
        assert rest.headers["Content-Type"] == "application/json; charset=utf-8"
        assert rest.headers["Retry-After"] == "10"
        assert rest.json()["type"] == "BadGateway"
        assert "Det du skickade kan ha sparats" in rest.json()["message"]
        headers = {"Accept": "text/html", "Accept-Language": "sv-SE,sv;q=0.9"}
        page = answered()
        assert page.status_code == 502
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert '<html lang="sv">' in page.text
        assert "Intranätet kunde inte svara just nu" in page.text
        assert "Bad Gateway" not in page.text
        headers = {"Accept": "text/html", "Accept-Language": "en-GB,en"}
        assert "may have been saved" in answered().text
        maps = sorted(p.name for p in settings.etc.glob("*.map"))
        assert maps == ["unavailable-502.map", "unavailable-504.map"]
        assert "GatewayTimeout" in (settings.etc / "unavailable-504.map").read_text()
    finally:
        balancer.terminate()
        balancer.wait(30)
        server.close()
        shutil.rmtree(home, ignore_errors=True)


def wait_for(condition, timeout):
    """What ``condition`` answers once it is not None (None after
    ``timeout`` seconds; a Response of a 502 is false)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = condition()
        if answer is not None:
            return answer
        time.sleep(0.1)
    return None
