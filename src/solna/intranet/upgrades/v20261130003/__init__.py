"""20261130002 → 20261130003: crisis mode that works in a crisis (issue 19).

The permission "solna.intranet: Publish crisis information" and the role
Crisis Leader (rolemap), the group Krisledning (workflow/groups.py) and its
place Krisinformation (crisis/setup.py); the behaviour solna.crisis on news
(typeinfo); the index ``crisis_open`` (catalog), filled for existing news;
the personal menu's Tysta timmar (actions).

Crisis news from before: the start page kept Kris on top for three days, so
Kris news published longer ago is ended now (by whoever runs the upgrade),
and none of it is mailed when next edited (crisis/outreach.py ``stamp``):
without this every Kris item ever published would become a crisis under
way, with a banner on every page until answered.
"""

from DateTime import DateTime
from plone import api
from solna.intranet.crisis import outreach
from solna.intranet.crisis.setup import install as install_crisis
from solna.intranet.crisis.state import end
from solna.intranet.upgrades import import_steps
from solna.intranet.workflow.groups import create_groups


def upgrade(context):
    import_steps("rolemap", "typeinfo", "catalog", "actions")
    create_groups()
    install_crisis(api.portal.get())
    catalog = api.portal.get_tool("portal_catalog")
    catalog.reindexIndex(["crisis_open"], None)
    userid = api.user.get_current().getId() or "admin"
    for brain in catalog.unrestrictedSearchResults(
        portal_type="News Item", priority="kris"
    ):
        item = brain._unrestrictedGetObject()
        outreach.stamp(item)
        if brain.effective and brain.effective < DateTime() - OLD_DAYS:
            end(item, userid)


#: Kris news published longer ago than this (days) is ended by the upgrade
#: (what the start page showed as crisis before issue 19).
OLD_DAYS = 3
