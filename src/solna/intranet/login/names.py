"""Login names that forgive a phone's keyboard: "Anna.Lindqvist" typed
with a capital first letter signs in as anna.lindqvist.

PluggableAuthService's ``login_transform`` property does it: with "lower"
every login it is given (the login form, the session cookie, HTTP Basic) is
stripped and lowercased before it is looked up, and new accounts get a
lowercase login. Setting it through ``manage_changeProperties`` also
lowercases the logins already stored (user ids stay as they are) and
refuses, changing nothing, when two logins would become one
(Products.PluggableAuthService ZODBUserManager.updateEveryLoginName).
"""

from plone import api


TRANSFORM = "lower"


def forgiving_logins(portal=None):
    """Switch the site's user folder to lowercase logins (once; nothing
    happens when it already is). Raises ValueError, changing nothing, when
    two existing logins differ only in case: an administrator must rename
    one of them first."""
    pas = (portal or api.portal.get()).acl_users
    if getattr(pas, "login_transform", "") == TRANSFORM:
        return
    seen, twins = {}, set()
    for info in pas.source_users.listUserInfo():
        login = info["login_name"].strip().lower()
        if login in seen:
            twins.add(f"{seen[login]} / {info['login_name']}")
        seen[login] = info["login_name"]
    if twins:
        # Checked first: PAS would stop half-way and leave it to the
        # transaction to undo what it had lowercased.
        raise ValueError(
            "Transformed login names are not unique (rename one of each): "
            + ", ".join(sorted(twins))
        )
    pas.manage_changeProperties(login_transform=TRANSFORM)
