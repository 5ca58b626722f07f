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

A Webbredaktör who opens one of their addresses gets Plone's page for
insufficient privileges, in Swedish.
"""

from pathlib import Path
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
