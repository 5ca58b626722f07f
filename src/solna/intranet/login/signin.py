"""Signing a member in once a secret other than the password (a one-time
code, an invitation link) has proved who they are.

It is what Plone's password reset does after a reset with auto-login
(Products.CMFPlone.browser.login.password_reset.PasswordResetView): act as
the member for a moment and run the login form's ``_post_login``, which
records the login time, fires the login events, creates the member area
and sets the session cookie through PAS (``updateCredentials``), so the
session plugin (login/devices.py) sees every route alike.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from plone import api
from zope.component import getMultiAdapter


def sign_in(request, userid, users=None):
    """Sign the member ``userid`` in on this request's response (sets the
    session cookie). ``users``: the user folder that knows them (default
    the site's; the Zope root's for its administrator). Returns True for a
    member's first login. Raises LookupError for an id ``users`` does not
    know."""
    portal = api.portal.get()
    users = users if users is not None else portal.acl_users
    user = users.getUserById(userid)
    if user is None:
        raise LookupError(userid)
    original = getSecurityManager()
    try:
        newSecurityManager(request, user.__of__(users))
        login = getMultiAdapter((portal, request), name="login")
        return login._post_login()
    finally:
        setSecurityManager(original)
