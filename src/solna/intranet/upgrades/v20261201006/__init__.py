"""20261201005 → 20261201006: Plone's Reviewers group titled "Granskare
(inbyggd grupp)" instead of "Granskare (Plone)" (Webbredaktörer are not
told about Plone, swedish/setup.py, issue 18)."""

from plone import api
from solna.intranet.swedish.setup import install as install_swedish


def upgrade(context):
    install_swedish(api.portal.get())
