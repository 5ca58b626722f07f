"""20261130004 → 20261130005: Site Setup's technical panels for IT only,
the rest of Site Setup in Swedish (issue 18, "100 % Swedish").

For Manager only, no longer for Webbredaktörer (Site Administrator): Tema,
TinyMCE, Språk, HTML-filtrering and Relationer by their permissions
(rolemap); Resursregister and Användarfält listed in Site Setup for Manager
only (controlpanel; their pages ask for "Manage portal" in code,
swedish/technical.py). RSS-flöden titled in our domain, in Site Setup
(controlpanel) and on a folder's RSS settings (actions: the title only,
whether it shows stays as the site has it): Plone's Swedish leaves
"Syndication" in English.
"""
