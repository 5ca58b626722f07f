"""The instance `make start` builds, built for real once for the tests in
this folder: instance/skel, scripts/create_site.py with the demo, runwsgi
(FileStorage, four waitress threads) on a free port."""

from pathlib import Path
from solna.intranet.demo.accounts import DEMO_PASSWORD

import os
import pytest
import requests
import socket
import subprocess
import sys
import time


ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


class Instance:
    def __init__(self, home: Path):
        self.home = home
        self.port = free_port()
        self.url = f"http://localhost:{self.port}/Plone"
        self.process = None

    def create(self):
        subprocess.run(
            [
                BIN / "mkwsgiinstance",
                "-d",
                self.home,
                "-s",
                ROOT / "instance/skel",
                "-u",
                "admin:admin",
            ],
            check=True,
        )
        ini = self.home / "etc/zope.ini"
        ini.write_text(
            ini.read_text().replace("localhost:8080", f"localhost:{self.port}")
        )

    def create_site(self):
        """What `make site` runs; returns what it printed."""
        result = subprocess.run(
            [
                BIN / "zconsole",
                "run",
                self.home / "etc/zope.conf",
                ROOT / "scripts/create_site.py",
            ],
            env={**os.environ, "DEMO": "yes"},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def start(self):
        self.process = subprocess.Popen(
            [BIN / "runwsgi", self.home / "etc/zope.ini"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # The first request compiles templates: on a busy machine it may take
        # longer than a read timeout, so a timeout means "not yet" too.
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/login", timeout=60)
                return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.5)
        raise RuntimeError("the instance did not start in 90 s")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


@pytest.fixture(scope="package")
def instance(tmp_path_factory):
    instance = Instance(tmp_path_factory.mktemp("zope") / "instance")
    instance.create()
    instance.first_run = instance.create_site()
    instance.start()
    yield instance
    instance.stop()


def session_for(userid):
    session = requests.Session()
    session.auth = (userid, DEMO_PASSWORD)
    session.headers["Accept"] = "application/json"
    return session
