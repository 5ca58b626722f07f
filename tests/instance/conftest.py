"""The instance `make start` builds, built for real once for the tests in
this folder (tests/fixtures/instance.py)."""

from tests.fixtures.instance import Instance

import pytest


@pytest.fixture(scope="package")
def instance(tmp_path_factory):
    instance = Instance(tmp_path_factory.mktemp("zope") / "instance")
    instance.create()
    instance.first_run = instance.create_site()
    instance.start()
    yield instance
    instance.stop()
