"""20261201008 → 20261201009: HTTP caching (issue 22). plone.app.caching is
installed (its profile is now a dependency of ours) and configured for a
closed site: pages and REST private with ETags, static files left to
caching/static.py (caching/__init__.py). Only the caching settings are
imported (profiles/default/registry/caching.xml), not the whole registry:
the other settings IT may have changed stay as they are."""

from solna.intranet.caching import install


def upgrade(context):
    install()
