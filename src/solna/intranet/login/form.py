"""The login form (``@@login``), for a phone.

Plone's own form (Products.CMFPlone.browser.login.login.LoginForm) empties
the name field after a failed attempt (its widgets read the request before
they are renamed ``__ac_name``), leaves the phone keyboard to capitalise
and autocorrect the login name, and answers a failure with an English
"Error:" and a message about case and Caps Lock. This form keeps what was
typed, tells the keyboard what the fields are (WHATWG HTML, "autofill" and
"autocapitalize"), and shows one Swedish message in the form itself.
"""

from plone.base.utils import safe_text
from Products.CMFPlone.browser.login.login import LoginForm as PloneLoginForm
from solna.intranet import _
from z3c.form import button
from zope.i18n import translate

import plone.base


#: What a phone keyboard should do in the login name field.
NAME_ATTRIBUTES = {
    "autocapitalize": "none",
    "autocorrect": "off",
    "autocomplete": "username",
    "inputmode": "email",
    "spellcheck": "false",
}
PASSWORD_ATTRIBUTES = {"autocomplete": "current-password"}

FAILED = _(
    "login_failed",
    default="The login name or the password is wrong. Capital letters in the "
    "login name do not matter; in the password they do.",
)


class LoginForm(PloneLoginForm):
    """@@login and @@login_form on our browser layer."""

    #: Set when the last attempt failed: the message the page shows.
    failure = None

    def updateWidgets(self):
        super().updateWidgets()
        name = self.widgets["ac_name"]
        # Plone's widgets read the request under their old name: read it
        # again under the one the form posts.
        typed = self.request.form.get(name.name)
        if typed and not name.value:
            name.value = safe_text(typed)
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
            self.request.response.expireCookie("__ac", path="/")
            self.failure = translate(FAILED, context=self.request)
            return
        PloneLoginForm.handleLogin(self, action)
