"""The test layers (pytest-plone) and the one fixture world: the fixtures of
tests/fixtures/ are registered here, for every folder (pytest reads
``pytest_plugins`` only in this, the root conftest.py)."""

from pytest_plone import fixtures_factory
from solna.intranet.testing import FUNCTIONAL_TESTING
from solna.intranet.testing import INTEGRATION_TESTING

import pytest


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
    "tests.fixtures.zones",
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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep ``xdist_group`` working (``make test`` runs ``--dist loadgroup``:
    tests/instance and tests/cluster each start one server for their tests,
    on one worker). pytest-xdist 3.8 marks a group by appending ``@group``
    to ``item._nodeid``, which pytest 9.2 no longer reads (a node's id is
    ``item._id``): the groups were silently split over the workers. This
    does what xdist means, on pytest's own id; it changes nothing where
    xdist's suffix took."""
    # xdist sets option.loadgroup on its workers (xdist/remote.py), where
    # the node ids the controller groups by are made.
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import coerce_node_id

    for item in items:
        names = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        suffix = "@" + "_".join(names)
        if names and not item.nodeid.endswith(suffix):
            item._id = coerce_node_id(item.nodeid + suffix)


@pytest.fixture(autouse=True)
def _forget_memory_caches():
    """Each test starts with empty memory caches (plone.memoize's ram
    caches). Their keys name the catalog's counter, which counts from the
    test layer's value again in every test: two tests that changed the
    catalog as often, but differently, would share cached pages."""
    from plone.memoize.ram import global_cache
    from zope.component import queryUtility
    from zope.ramcache.interfaces.ram import IRAMCache

    for cache in (global_cache, queryUtility(IRAMCache)):
        if cache is not None:
            cache.invalidateAll()
