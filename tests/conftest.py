"""The test layers (pytest-plone) and the one fixture world: the fixtures of
tests/fixtures/ are registered here, for every folder (pytest reads
``pytest_plugins`` only in this, the root conftest.py)."""

from pytest_plone import fixtures_factory
from solna.intranet.testing import FUNCTIONAL_TESTING
from solna.intranet.testing import INTEGRATION_TESTING


pytest_plugins = [
    "pytest_plone",
    # The modules of tests/fixtures/ that hold fixtures (the others hold only
    # helpers, which test modules import).
    "tests.fixtures.mail",
    "tests.fixtures.workplace",
    "tests.fixtures.organisation",
    "tests.fixtures.news",
    "tests.fixtures.forms",
    "tests.fixtures.phone",
    "tests.fixtures.oidc",
    "tests.fixtures.push",
]


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


def pytest_configure(config):
    """Before the tests (and before the worker processes of ``-n 2`` start):
    the catalogs every layer loads, compiled once (tests/fixtures/catalogs.py
    says why)."""
    if hasattr(config, "workerinput"):
        return  # a worker: the process that started it compiled them
    from tests.fixtures.catalogs import compile_catalogs

    compile_catalogs()
