"""20261130004 → 20261130005: Site Setup's technical panels for IT only
(issue 18, "100 % Swedish").

Tema and TinyMCE's panels for Manager only, no longer for Webbredaktörer
(Site Administrator) (rolemap); Resursregister listed in Site Setup for
Manager only (controlpanel; its page asks for "Manage portal" in code,
swedish/technical.py).
"""
