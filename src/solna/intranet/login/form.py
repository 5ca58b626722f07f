"""The login form (``@@login``), for a phone.

Plone's own form (Products.CMFPlone.browser.login.login.LoginForm) empties
the name field after a failed attempt (its widgets read the request before
they are renamed ``__ac_name``), leaves the phone keyboard to capitalise
and autocorrect the login name, and answers a failure with an English
"Error:" and a message about case and Caps Lock. This form keeps what was
typed, tells the keyboard what the fields are (WHATWG HTML, "autofill" and
"autocapitalize"), and shows one Swedish message in the form itself.

It is also where the other routes start (issue 16): "Logga in med
engångskod" (codes.py), "Logga in med Solna-konto" when single sign-on is
configured (sso.py), and "Kom ihåg den här telefonen" (devices.py reads
``remember``). While the login name or the client address is locked after
too many wrong attempts (guard.py sets ``request.other[LOCKED]``), the
page says for how long and answers HTTP 429 with ``Retry-After``
(RFC 6585 §4).
"""

from pathlib import Path
from plone import api
from plone.base.utils import safe_text
from Products.CMFPlone.browser.login import logout as plone_logout
from Products.CMFPlone.browser.login.login import LoginForm as PloneLoginForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet import _
from solna.intranet.login import sso
from solna.intranet.login.guard import LOCKED
from urllib.parse import urlencode
from z3c.form import button
from zope.i18n import translate

import math
import plone.base
import time


#: What a phone keyboard should do in the login name field.
NAME_ATTRIBUTES = {
    "autocapitalize": "none",
    "autocorrect": "off",
    "autocomplete": "username",
    "inputmode": "email",
    "spellcheck": "false",
}
PASSWORD_ATTRIBUTES = {"autocomplete": "current-password"}
NAME_LABEL = _("login_name_or_address", default="Login name or e-mail address")

FAILED = _(
    "login_failed",
    default="The login name or the password is wrong. Capital letters in the "
    "login name do not matter; in the password they do.",
)


LOCKED_MESSAGE = _(
    "login_locked_wait",
    default="Too many wrong attempts. For your safety nobody can sign in here "
    "for ${minutes} more minutes, not even with the right password. If you "
    "have forgotten your password, choose a new one under “Trouble signing "
    "in?”: that ends the lock on your account.",
)
LOCKED_MESSAGE_ONE = _(
    "login_locked_wait_one",
    default="Too many wrong attempts. For your safety nobody can sign in here "
    "for one more minute, not even with the right password.",
)


def locked_message(until, now=None):
    """The Swedish message for a lock that ends at ``until`` (seconds since
    the epoch), whole minutes rounded up: an i18n message."""
    minutes = max(1, math.ceil((until - (now or time.time())) / 60))
    if minutes == 1:
        return LOCKED_MESSAGE_ONE
    return _(LOCKED_MESSAGE, mapping={"minutes": minutes})


class LoginForm(PloneLoginForm):
    """@@login and @@login_form on our browser layer."""

    #: Set when the last attempt failed: the message the page shows.
    failure = None
    #: Set when it failed because of a lock (then a code cannot help: the
    #: page offers a new password, which ends an account's lock).
    locked = False

    def logged_out(self):
        """Whether to say "Du är utloggad": the page was reached from Logga
        ut (``LoggedOut``) and nobody is signed in."""
        return bool(self.request.form.get(LOGGED_OUT_FLAG)) and api.user.is_anonymous()

    def typed_login(self):
        """The login name as typed (NFC), "" before any attempt."""
        return safe_text(self.request.form.get("__ac_name", "") or "").strip()

    def code_url(self):
        """Where "Logga in med engångskod" leads, with the name typed."""
        url = f"{api.portal.get().absolute_url()}/@@engangskod"
        query = {"login": self.typed_login(), "came_from": self.get_came_from()}
        query = {key: value for key, value in query.items() if value}
        return f"{url}?{urlencode(query)}" if query else url

    def sso_url(self):
        """The start of "Logga in med Solna-konto", or None when single
        sign-on is not configured."""
        return sso.login_url(api.portal.get(), self.get_came_from() or "")

    def remember(self):
        """Whether "Kom ihåg den här telefonen" is ticked (it is, unless
        the member unticked it in the attempt shown)."""
        return bool(self.request.form.get("remember", True))

    def updateWidgets(self):
        super().updateWidgets()
        name = self.widgets["ac_name"]
        # Plone's widgets read the request under their old name: read it
        # again under the one the form posts.
        typed = self.request.form.get(name.name)
        if typed and not name.value:
            name.value = safe_text(typed)
        # Every other page says "Inloggningsnamn", and an address works too.
        name.label = NAME_LABEL
        # plone.app.z3cform's widgets have no setter for ``attributes``.
        name.attributes.update(NAME_ATTRIBUTES)
        self.widgets["ac_password"].attributes.update(PASSWORD_ATTRIBUTES)

    # A handler of our own for the one button: the decorator gives this
    # class its own ``buttons`` and ``handlers``.
    @button.buttonAndHandler(plone.base.PloneMessageFactory("Log in"), name="login")
    def handleLogin(self, action):
        _data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        if self.context.portal_membership.isAnonymousUser():
            response = self.request.response
            response.expireCookie("__ac", path="/")
            until = self.request.other.get(LOCKED)
            if until:
                response.setStatus(429)
                response.setHeader("Retry-After", str(max(1, int(until - time.time()))))
                self.failure = translate(locked_message(until), context=self.request)
                self.locked = True
            else:
                self.failure = translate(FAILED, context=self.request)
            return
        PloneLoginForm.handleLogin(self, action)


#: The query of the login page Logga ut leads to.
LOGGED_OUT_FLAG = "utloggad"


class LoggedOut(plone_logout.LoggedOutView):
    """@@logged-out, where Plone's Logga ut leads: straight to the login
    page, which says "Du är utloggad" (role=status, so a screen reader
    reads it). Plone's view put an English message in a cookie and sent
    the browser to the site root, which sent it on to the login page
    (issue 18, fourth trial, finding 17: nothing was said). Someone still
    signed in (another login method) gets Plone's page."""

    index = ViewPageTemplateFile(
        str(Path(plone_logout.__file__).parent / "templates" / "logged_out.pt")
    )

    def __call__(self):
        if not api.user.is_anonymous():
            return self.index()
        root = api.portal.get_navigation_root(self.context).absolute_url()
        self.request.response.redirect(f"{root}/login?{LOGGED_OUT_FLAG}=1")
        return ""
