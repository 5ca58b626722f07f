"""20261129015 → 20261129016: security hardening (issue 14).

- New permissions (Assign person login, Assign community moderators,
  Assign form handlers, View grants log): the rolemap.
- Plone's users vocabularies without protected people: the component
  registry (security/users.py).
- The Behörighetslogg in the personal menu of HR and Webbredaktörer.
- What the grant fields hold now is where the log starts: a snapshot on
  each person, unit, community, form and news item (security/grants.py),
  so that the first edit after the upgrade is checked against it.
"""

from plone import api
from solna.intranet.security import grants
from solna.intranet.upgrades import import_steps
from zope.annotation.interfaces import IAnnotations


def upgrade(context):
    import_steps("rolemap", "componentregistry", "actions")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(grants.FIELDS)):
        obj = brain._unrestrictedGetObject()
        IAnnotations(obj)[grants.SNAPSHOT] = grants._kept(grants.values(obj))
