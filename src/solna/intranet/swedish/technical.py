"""Site Setup's technical panels are IT's (Manager), not Webbredaktörer's.

Issue 18 ("100 % Swedish") asks that every page a Webbredaktör uses be
Swedish. Four panels of Site Setup speak Plone's English and ids and are
nothing a municipality's web editor needs: Resursregister (bundles of
JavaScript and CSS; a bundle added there runs on every page), Tema (a
Diazo theme's rules and files, custom CSS), TinyMCE (plugins by their ids,
settings in JSON) and the ZMI. They are IT's, as in most municipalities:

- Tema and TinyMCE by their own permissions, "Plone Site Setup: Themes" and
  "Plone Site Setup: TinyMCE", given to Manager only (rolemap.xml; Plone's
  profile gives them to Site Administrator too);
- Resursregister shares "Plone Site Setup: Site" with the panels
  Webbredaktörer use (Webbplatsen, Sök: synonymer), so its Site Setup entry
  asks for "Manage portal" (controlpanel.xml) and its page is registered
  again here, on our browser layer, with that permission;
- the ZMI is Manager's in Plone already ("View management screens").

More of Site Setup is IT's for the same reason: settings a web editor must
not change, in Plone's English (decided per panel, README "Swedish
everywhere"):

- Språk (the site's language, Swedish by språklagen, and how a page's
  language is negotiated), HTML-filtrering (the safe-HTML filter, a
  security control) and Relationer (a diagnostics tool that rebuilds the
  relation catalog) by their own permissions, "Plone Site Setup:
  Language", "Plone Site Setup: Filtering" and "Inspect Relations"
  (rolemap.xml);
- Användarfält (the member schema, which our profile sets in
  userschema.xml) shares "Plone Site Setup: Users and Groups" with
  Användare and Grupper, so its Site Setup entry asks for "Manage portal"
  (controlpanel.xml) and its page, @@member-fields (the schema editor's
  root: every field's page lies below it), is registered again here.

A Webbredaktör who opens one of their addresses gets Plone's page for
insufficient privileges, in Swedish.

The REST API's @controlpanels asks only for "Plone Site Setup: Overview"
and then serves any panel by its name: a Webbredaktör could read and
change Språk there (PATCH @controlpanels/language). Ours serves a panel
only to those who may open it in Site Setup: the permission of its
configlet (``ControlpanelsGet`` and the others below).

The other way round, Plone lists RSS-flöden (Syndication) in Site Setup
for Webbredaktörer ("Plone Site Setup: Site") but opens its page for
Manager only ("Manage portal"): a link to Plone's page for insufficient
privileges. Which folders and collections offer RSS, and what a feed
shows, is a web editor's decision; the page is registered again here with
the configlet's permission.
"""

from AccessControl import Unauthorized
from pathlib import Path
from plone.restapi.services.controlpanels import add
from plone.restapi.services.controlpanels import delete
from plone.restapi.services.controlpanels import get
from plone.restapi.services.controlpanels import update
from Products.CMFCore.utils import _checkPermission
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.controlpanel.browser import resourceregistry
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class ResourceRegistryControlPanelView(
    resourceregistry.ResourceRegistryControlPanelView
):
    """Plone's Resursregister, unchanged; registered with the permission
    "Manage portal" (configure.zcml)."""

    index = ViewPageTemplateFile(
        str(Path(resourceregistry.__file__).parent / "resourceregistry.pt")
    )

    def __call__(self):
        return self.index()


def may_open(context, panel):
    """Whether the user may open ``panel`` (a REST control panel) in Site
    Setup: any of the permissions of its configlet, as Site Setup lists
    it. A panel without a configlet is left to plone.restapi."""
    tool = getToolByName(context, "portal_controlpanel")
    for action in tool.listActions():
        if action.getId() == panel.configlet_id:
            return not action.permissions or any(
                _checkPermission(permission, context)
                for permission in action.permissions
            )
    return True


class PanelByPermission:
    """@controlpanels/<name> only for those who may open the panel in Site
    Setup (see the module's docstring)."""

    def panel_by_name(self, name):
        panel = super().panel_by_name(name)
        if panel is not None and not may_open(self.context, panel):
            raise Unauthorized(name)
        return panel


class ControlpanelsGet(PanelByPermission, get.ControlpanelsGet):
    pass


class ControlpanelsUpdate(PanelByPermission, update.ControlpanelsUpdate):
    pass


class ControlpanelsAdd(PanelByPermission, add.ControlpanelsAdd):
    pass


class ControlpanelsDelete(PanelByPermission, delete.ControlpanelsDelete):
    pass
