"""Installer for the solna.intranet package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.md", "CHANGES.md")
)


setup(
    name="solna.intranet",
    version="1.0.0a1.dev0",
    description="Solna intranät: the intranet of Solna stad, a Plone 6 add-on.",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Natural Language :: Swedish",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Python Plone CMS intranet Solna",
    author="Solna stad",
    license="GPL version 2",
    packages=find_namespace_packages("src", include=["solna.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "setuptools",
        "Plone",
        "Products.CMFPlone",
        "Products.GenericSetup",
        "plone.api",
        "plone.app.caching",
        "plone.app.discussion",
        "plone.app.iterate",
        "plone.app.workflow",
        "plone.classicui",
        "plone.distribution",
        "plone.restapi",
        "collective.easyform",
        "collective.monkeypatcher",
        "feedparser",
        "openpyxl",
        "pas.plugins.oidc",
        "puremagic",
        "python-dateutil",
        "pywebpush",
        "requests",
        "cryptography",
        "py-vapid",
        "http-ece",
        "segno",
        # Swedish search (search/analysis.py): Snowball stemming, the
        # hunspell-sv dictionary read by spylls for compounds (kept in
        # marisa-trie tries), and rapidfuzz for "Menade du …?".
        "PyStemmer",
        "hunspell-sv",
        "spylls",
        "marisa-trie",
        "rapidfuzz",
        "tqdm",
        "Zope",
    ],
    extras_require={
        # make start-cluster: the ZODB on PostgreSQL (README "Several
        # processes (cluster)"); psycopg2 is built against Debian's libpq-dev.
        "cluster": [
            "RelStorage[postgresql]",
        ],
        "test": [
            "aiosmtpd",
            "plone.app.testing",
            "plone.testing",
            "pyop",
            "pytest",
            "pytest-plone",
            "pytest-xdist",
            "requests",
            "selenium",
            "zope.testrunner",
            # Lint and release tools, pinned in constraints.txt like the rest.
            "i18ndude",
            "ruff",
            "towncrier",
            "zpretty",
        ],
    },
    entry_points="""
    [plone.autoinclude.plugin]
    target = plone
    [console_scripts]
    solna-review-reminders = solna.intranet.review.script:main
    solna-purge-cases = solna.intranet.forms.script:main
    solna-fetch-feeds = solna.intranet.dialogue.feeds.script:main
    solna-notification-digest = solna.intranet.dialogue.notices.script:main
    solna-must-read-reminders = solna.intranet.news.script:main
    solna-push = solna.intranet.push.script:main
    solna-mail = solna.intranet.crisis.script:main
    solna-stats = solna.intranet.stats.script:main
    """,
)
