"""scripts/cluster.py's guards, without starting a cluster (issue 22's fresh
trial, docs/design/issue-22-trial-2026-12-01.md): settings that are no
numbers or no ports are refused with the setting's name; a port another
program listens on is named before anything starts; a process id left in
the state file that now belongs to another program is never signalled; and
HAProxy's answer while no Zope process is up is the site's own Swedish 503."""

from pathlib import Path

import importlib.util
import json
import pytest
import shutil
import socket
import subprocess
import sys


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
