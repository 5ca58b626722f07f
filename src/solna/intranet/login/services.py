"""REST of signing in with a password: ``POST @login``, plone.restapi's
answer with our rules (issue 16).

plone.restapi's own service looks the login up exactly (so "Anna.Lindqvist"
and e-mail addresses fail), says "Wrong login and/or password." in English,
and only meets the guard when jwt_auth took the JSON body during traversal,
which it does for ``Content-Type: application/json`` exactly, not with
``; charset=utf-8``: then an unknown login never reached the guard and was
answered 401 while a known, locked one was answered 429. This one always
asks the guard (login/guard.py), before and through the password check, so
a known and an unknown login get the same answers.
"""

from Acquisition import aq_base
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services.auth.login import Login as RestapiLogin
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from solna.intranet import _
from solna.intranet.login import accounts
from solna.intranet.login.devices import sign_in_for_app
from solna.intranet.login.form import FAILED
from solna.intranet.login.form import locked_message
from solna.intranet.login.guard import LOCKED
from solna.intranet.login.guard import ROOT_LOGIN
from solna.intranet.login.guard import site_guard
from solna.intranet.rest import json_object
from zope.i18n import translate
from zope.interface import alsoProvides

import math
import time


MISSING = _(
    "guard_rest_missing_credentials",
    default='Send the login name and the password: {"login": "...", '
    '"password": "..."}.',
)
JWT_META_TYPE = "JWT Authentication Plugin"


class Login(RestapiLogin):
    """POST @login {"login", "password"} → 200 {"token": JWT}.

    ``login``: the login name in any case, or an e-mail address that is one
    member's work or confirmed private address (accounts.find_userid); a
    login of the Zope root (``admin``) too. Errors (plone.restapi's shape,
    Swedish messages): 400 {"error": {"type": "Missing credentials"}}
    without a login or a password (strings); 401 {"error": {"type":
    "Invalid credentials"}} for a wrong login or password, the same for an
    unknown login; 429 {"error": {"type": "Too many attempts", "message",
    "retry_after": seconds}} with the header ``Retry-After`` (seconds, RFC
    6585 §4) while the account or the client address is locked, the right
    password included. The sign-in is the JWT only: no ``__ac`` cookie
    (code_services.py's token route does the same)."""

    def reply(self):
        data = json_object(self.request)
        login, password = data.get("login"), data.get("password")
        if not (isinstance(login, str) and login.strip()) or not isinstance(
            password, str
        ):
            return self._error(400, "Missing credentials", MISSING)
        # A login has no CSRF token to show (as plone.restapi's).
        alsoProvides(self.request, IDisableCSRFProtection)
        guard = site_guard(self.context)
        if guard is None:  # before the upgrade step: plone.restapi's
            return super().reply()
        if guard.locked_until_for(self.request, login):
            return self._locked()
        user, users = self._authenticate(guard, login, password)
        if (self.request.other.get(LOCKED) or 0) > time.time():
            return self._locked()
        if user is None:
            return self._error(401, "Invalid credentials", FAILED)
        plugin = self._jwt_plugin(users)
        if plugin is None:
            self.request.response.setStatus(501)
            return {
                "error": {
                    "type": "Login failed",
                    "message": "JWT authentication plugin not installed.",
                }
            }
        # As plone.restapi: the session plugin reads it in _post_login.
        self.request.form["__ac_password"] = password
        sign_in_for_app(self.request, user.getId(), users)
        payload = {"fullname": user.getProperty("fullname")}
        return {"token": plugin.create_token(user.getId(), data=payload)}

    def _authenticate(self, guard, login, password):
        """(user or None, the user folder asked): the site's for a member
        (by login or address) and for an unknown login, the root's for a
        root login. The user folder's authenticators start with its guard,
        which counts a failure and refuses while locked."""
        account = guard.account(login, self.request)
        users = self.context.acl_users
        if account is ROOT_LOGIN:
            users = self.context.getPhysicalRoot().acl_users
            name = guard.root_login(login)
        elif account.login is not None:
            name = account.login
        else:
            name = accounts.canonical(login)
        user = users.authenticate(name, password, self.request)
        return user, users

    def _jwt_plugin(self, users):
        for _id, plugin in users.plugins.listPlugins(IAuthenticationPlugin):
            if getattr(aq_base(plugin), "meta_type", None) == JWT_META_TYPE:
                return plugin
        return None

    def _locked(self):
        until = self.request.other.get(LOCKED) or time.time()
        wait = max(1, math.ceil(until - time.time()))
        self.request.response.setHeader("Retry-After", str(wait))
        answer = self._error(
            429, "Too many attempts", locked_message(until, time.time())
        )
        answer["error"]["retry_after"] = wait
        return answer

    def _error(self, status, kind, message):
        self.request.response.setStatus(status)
        return {
            "error": {
                "type": kind,
                "message": translate(message, context=self.request),
            }
        }

    def check_permission(self):
        """Anyone may try to sign in (as plone.restapi's)."""
