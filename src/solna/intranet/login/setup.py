"""Putting the guard (guard.py) in the site's user folder, and taking it
out again."""

from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from solna.intranet.login.guard import Guard
from solna.intranet.login.guard import PLUGIN_ID


def install_guard(portal=None):
    """Add the guard and make it the only password check: ``source_users``
    keeps the accounts but no longer authenticates by itself. Does nothing
    the second time."""
    pas = (portal or api.portal.get()).acl_users
    if PLUGIN_ID not in pas.objectIds():
        pas._setObject(PLUGIN_ID, Guard())
    plugins = pas.plugins
    active = plugins.listPluginIds(IAuthenticationPlugin)
    if PLUGIN_ID not in active:
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    if "source_users" in active:
        plugins.deactivatePlugin(IAuthenticationPlugin, "source_users")


def remove_guard(portal=None):
    """Give the password check back to ``source_users`` and remove the
    guard (uninstall)."""
    pas = (portal or api.portal.get()).acl_users
    plugins = pas.plugins
    if "source_users" not in plugins.listPluginIds(IAuthenticationPlugin):
        plugins.activatePlugin(IAuthenticationPlugin, "source_users")
    if PLUGIN_ID in pas.objectIds():
        if PLUGIN_ID in plugins.listPluginIds(IAuthenticationPlugin):
            plugins.deactivatePlugin(IAuthenticationPlugin, PLUGIN_ID)
        pas._delObject(PLUGIN_ID)
