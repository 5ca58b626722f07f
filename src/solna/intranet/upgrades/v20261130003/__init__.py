"""20261130002 → 20261130003: crisis mode that works in a crisis (issue 19).

The permission "solna.intranet: Publish crisis information" and the role
Crisis Leader (rolemap), the group Krisledning (workflow/groups.py) and its
place Krisinformation (crisis/setup.py); the behaviour solna.crisis on news
(typeinfo); the index ``crisis_open`` (catalog), filled for existing news;
the personal menu's Tysta timmar (actions).
"""

from plone import api
from solna.intranet.crisis.setup import install as install_crisis
from solna.intranet.upgrades import import_steps
from solna.intranet.workflow.groups import create_groups


def upgrade(context):
    import_steps("rolemap", "typeinfo", "catalog", "actions")
    create_groups()
    install_crisis(api.portal.get())
    catalog = api.portal.get_tool("portal_catalog")
    catalog.reindexIndex(["crisis_open"], None)
