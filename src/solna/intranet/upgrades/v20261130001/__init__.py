"""20261129018 → 20261130001: the intranet as an app on the phone (issue 17).

Brings the permission to send push notifications (rolemap), "Aviseringar"
among the personal actions (actions), the behaviour Tillgänglig offline on
Sida and Regel (typeinfo) and its catalog index, indexed for the pages that exist
(catalog), the site's VAPID key (push/setup.py) and the keyring of the
service worker's member tags (app/setup.py).
"""

from plone import api
from solna.intranet.app.setup import install as install_app
from solna.intranet.push.setup import install as install_push
from solna.intranet.upgrades import import_steps


INDEX = "available_offline"


def upgrade(context):
    import_steps("rolemap", "actions", "typeinfo", "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=[INDEX])
    site = api.portal.get()
    install_push(site)
    install_app(site)
