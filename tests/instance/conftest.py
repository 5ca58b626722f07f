"""The instance `make start` builds, built for real once for the tests in
this folder (tests/fixtures/instance.py).

Building it (mkwsgiinstance, the site with the demo data set, the first
start) takes a core for a minute or more, and the in-process tests use one
of the two: so in a run that has tests before this folder's, the build
starts in the background when the run reaches the first test after the last
browser test before them (Chromium wants both cores, and the phone tests
their timing), and the fixture waits for it. Run alone, the fixture builds
it, as `make start` does. ``SOLNA_INSTANCE_EARLY=no`` turns the background
build off; so does running on several processes (``pytest -n 2``, as
`make test` does), where the other core is busy with other tests anyway."""

from pathlib import Path
from tests.fixtures.instance import Build

import os
import pytest


HERE = Path(__file__).parent
PLUGIN = "solna-instance-early-build"


class EarlyBuild:
    """Starts the build when the test ``trigger`` starts; stops it if the
    session ends without this folder's fixture having taken it."""

    def __init__(self, config, trigger):
        self.config, self.trigger = config, trigger
        self.build = None
        self.taken = False

    def pytest_runtest_logstart(self, nodeid):
        if nodeid == self.trigger and self.build is None:
            home = self.config._tmp_path_factory.mktemp("zope") / "instance"
            self.build = Build(home).start()

    def take(self):
        self.taken = True
        return self.build

    def pytest_sessionfinish(self):
        if self.build is not None and not self.taken:
            self.build.cancel()


def pytest_collection_finish(session):
    if os.environ.get("SOLNA_INSTANCE_EARLY", "yes").lower() in ("0", "no", "off"):
        return
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # Run on several processes (make test), every core is busy already:
        # the worker that runs this folder builds the instance when it gets
        # there.
        return
    items = session.items
    first = next((n for n, i in enumerate(items) if HERE in i.path.parents), None)
    if not first:  # none of this folder's tests, or they come first
        return
    start = 0
    for n, item in enumerate(items[:first]):
        if item.get_closest_marker("browser"):
            start = n + 1
    if start < first:
        plugin = EarlyBuild(session.config, items[start].nodeid)
        session.config.pluginmanager.register(plugin, PLUGIN)


@pytest.fixture(scope="package")
def instance(request, tmp_path_factory):
    early = request.config.pluginmanager.get_plugin(PLUGIN)
    build = early.take() if early else None
    if build is None:
        build = Build(tmp_path_factory.mktemp("zope") / "instance").start()
    try:
        instance = build.result()
    except BaseException:  # failed, or interrupted while waiting (Ctrl-C)
        build.cancel()
        raise
    yield instance
    instance.stop()
