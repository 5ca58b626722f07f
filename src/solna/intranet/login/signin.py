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


def sign_in_for_app(request, userid, users=None):
    """``sign_in`` for an app that gets a JWT instead (REST ``@login``,
    ``@engangskod-token``, ``@inbjudan``): the same login events, login
    time and member area, but no ``__ac`` cookie in the answer and no device
    record for one. Else the device list showed the app twice (a browser
    device and its API sign-in), and signing out one left the other signed
    in. Returns True for a member's first login. Raises LookupError for an
    unknown id."""
    # devices imports codes, which imports this module: import on use.
    from solna.intranet.login import devices

    session = devices.plugin()
    before = _device_ids(session, userid)
    first = sign_in(request, userid, users)
    for device_id in _device_ids(session, userid) - before:
        session.forget(userid, device_id)
    request.response.cookies = {}
    return first


def _device_ids(session, userid):
    if session is None:
        return set()
    tree = session._tree(userid)
    return set(tree.keys()) if tree is not None else set()
