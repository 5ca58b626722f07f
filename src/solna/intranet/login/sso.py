"""Signing in with the municipal account: "Logga in med Solna-konto"
(OpenID Connect, issue 16).

pas.plugins.oidc 2.0.0 speaks OpenID Connect (its oic client: discovery,
the authorization code flow with PKCE, the token and userinfo requests,
the ID token's signature), loaded only for a sign-in (sso_client.py). What
it does not do, we do here, in sso_accounts.py (who is who) and in this
module (the pages, the plugin, REST):

- **Only existing accounts.** pas.plugins.oidc signs in the account whose
  user id *is* a claim (``sub``) and creates it when missing. Here a
  sign-in is mapped to an account that exists (``resolve``), in this order:
  1. the provider's subject (``iss`` + ``sub``) linked to an account at an
     earlier sign-in (so a later change of address at the provider does
     not break it);
  2. the employee number, from the claim named by the setting
     ``employee_id_claim`` (default ``employee_id``), which HR has set on
     the account (``set_employee_id``; REST ``@solna-konto``);
  3. a *verified* e-mail address (``email_verified`` true, or an address in
     one of the domains of the setting ``email_domains``, which the
     municipality's provider owns) that is the work or confirmed private
     address of exactly **one** member (``accounts.owners``), compared in
     any case and Unicode form.

  Nothing else signs in: no account is created, and nothing on the account
  is changed by the provider (HR's data wins: name and e-mail stay). The
  first successful mapping links the subject to the account. The guessing
  limits (limits.py) do not apply: no secret of ours is checked here (the
  provider limits its own password attempts).
- **The login page stays ours.** pas.plugins.oidc's profile makes its
  plugin the first challenge plugin, which sends every visitor who is not
  logged in to the provider. Its profile is not installed: ``install``
  adds our plugin, ``acl_users/oidc``, with no plugin interface active
  (``challenge`` answers False even if someone activates it). The login
  page shows "Logga in med Solna-konto" when ``login_url`` gives a URL.
- **State and nonce are checked.** pas.plugins.oidc 2.0.0 only logs a
  wrong ``state`` (utils.parse_authorization_response) and its oic client
  checks the nonce only when it remembers one, which a new client per
  request never does: a forged or replayed callback signed in (login CSRF).
  ``finish`` refuses a state that is not the one this browser was given, an
  ID token without this browser's nonce, and userinfo about another
  subject (OpenID Connect Core 1.0, 3.1.2.7, 3.1.3.7, 5.3.2).
- **Public on the closed site.** The plugin's own views need View, which
  nobody logged out has here; ours (``login``, ``callback`` on
  ``ISolnaOIDCPlugin``, sso.zcml) are public.
- **Configuration** comes from the process environment only (``setting``,
  ``SOLNA_OIDC_*``): not from the plugin's attributes or the registry,
  which a Site Administrator may change (whoever chooses the provider can
  sign in as anyone), and the client secret is not kept in the database.

Where a sign-in lands: the same-site page it started from (``came_from``),
else the site's root, Mitt intranät, with the session cookie that
pas.plugins.oidc sets (``_setup_ticket`` → the session plugin's
``_setupSession``, so a phone stays signed in as with any other route).

REST: ``GET @login`` lists "Logga in med Solna-konto" only when configured
(``LoginProviders``; ``LoginGet`` leaves out pas.plugins.oidc's list of
every OIDC plugin, configured or not); ``@login-oidc`` GET and POST (the
flow for an app: the start URL, then the callback's query exchanged for a
JWT) are ours on our layer, with the same checks (pas.plugins.oidc's POST
answered 500 for any account whose id is not the ``sub``). HR sets
employee numbers with ``@solna-konto``.
"""

from AccessControl.class_init import InitializeClass
from plone import api
from plone.base.interfaces import INonInstallable
from plone.base.interfaces import IPloneSiteRoot
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.interfaces import ILoginProviders
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.PlonePAS.events import UserLoggedInEvent
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from solna.intranet import _
from solna.intranet.login.sso_accounts import account_exists
from solna.intranet.login.sso_accounts import employee_id
from solna.intranet.login.sso_accounts import EmployeeIdTaken
from solna.intranet.login.sso_accounts import is_configured
from solna.intranet.login.sso_accounts import link
from solna.intranet.login.sso_accounts import linked
from solna.intranet.login.sso_accounts import safe_came_from
from solna.intranet.login.sso_accounts import set_employee_id
from solna.intranet.login.sso_accounts import setting
from solna.intranet.members import fullname
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from urllib.parse import urlencode
from zope.component import adapter
from zope.component import getAdapters
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.interfaces import IPublishTraverse


PLUGIN_ID = "oidc"
BUTTON = _("sso_button", default="Sign in with your Solna account")
NOT_LINKED = _(
    "sso_not_linked",
    default="Your Solna account is not linked to the intranet. Ask HR to add "
    "your employee number or your e-mail address to your intranet account, "
    "or sign in with your password or a one-time code.",
)
FAILED = _(
    "sso_failed",
    default="Signing in with your Solna account could not be completed. "
    "Start again from the login page.",
)
UNAVAILABLE = _(
    "sso_unavailable",
    default="Signing in with your Solna account does not answer just now. "
    "Try again in a while, or sign in with your password or a one-time code.",
)
NOT_CONFIGURED = _(
    "sso_not_configured",
    default="Signing in with a Solna account is not switched on for this intranet.",
)
NO_SUCH_PROVIDER = _(
    "sso_no_such_provider",
    default="There is no such way to sign in.",
)
NO_SUCH_MEMBER = _("sso_no_such_member", default="There is no account with that id.")
EMPLOYEE_ID_TAKEN = _(
    "sso_employee_id_taken",
    default="The employee number ${employee_id} is already on the account of ${name}.",
)
MANAGER_ONLY = _(
    "sso_manager_only",
    default="Only someone with the Manager role may change this account.",
)
NO_USERID = _("sso_no_userid", default='Give the account\'s id as "userid".')

#: REST's error type for each status.
ERROR_TYPES = {403: "Forbidden", 404: "NotFound", 502: "BadGateway"}
#: Answers of ``finish`` that are not a user id: (reason, HTTP status).
REASONS = {
    "not_linked": (NOT_LINKED, 403),
    "failed": (FAILED, 403),
    "unavailable": (UNAVAILABLE, 502),
    "not_configured": (NOT_CONFIGURED, 404),
}


# -- the plugin -------------------------------------------------------------


def plugin(site=None):
    """Our plugin in the site's user folder (``acl_users/oidc``), or None
    (not installed, or pas.plugins.oidc's own)."""
    site = site if site is not None else api.portal.get()
    found = getattr(site.acl_users, PLUGIN_ID, None)
    return found if ISolnaOIDCPlugin.providedBy(found) else None


class ISolnaOIDCPlugin(Interface):
    """``acl_users/oidc`` (``SolnaOIDCPlugin``): where a sign-in with
    Solna-konto starts and ends, mapping to existing accounts only."""


@implementer(ISolnaOIDCPlugin, IChallengePlugin)
class SolnaOIDCPlugin(BasePlugin):
    """``acl_users/oidc``: where a sign-in with Solna-konto starts and ends
    (its public views ``login`` and ``callback``). It holds nothing: the
    settings come from the environment (``setting``), and the sign-in is
    done by pas.plugins.oidc's plugin standing in for it
    (``sso_client.client``). So loading the user folder, which every
    request does, does not load the OpenID library (issue 21). (Before
    this it was a subclass of pas.plugins.oidc's plugin; stored ones load
    as this class, their attributes unused.)"""

    meta_type = "Solna OIDC Plugin"
    title = "Solna-konto"

    def __init__(self, id, title=None):
        self._setId(id)
        self.title = title

    def challenge(self, request, response):
        """Never take over the login: the login page is ours."""
        return False


InitializeClass(SolnaOIDCPlugin)


# -- install ----------------------------------------------------------------


def install(site):
    """Idempotent: add our plugin as ``acl_users/oidc`` (replacing one of
    pas.plugins.oidc's, whose settings are not kept: they come from the
    environment), with no plugin interface active."""
    pas = site.acl_users
    existing = getattr(pas, PLUGIN_ID, None)
    if existing is not None and not ISolnaOIDCPlugin.providedBy(existing):
        existing.manage_activateInterfaces([])
        pas._delObject(PLUGIN_ID)
        existing = None
    if existing is None:
        pas._setObject(PLUGIN_ID, SolnaOIDCPlugin(PLUGIN_ID, "Solna-konto"))
    plugins = pas.plugins
    if PLUGIN_ID in plugins.listPluginIds(IChallengePlugin):
        plugins.deactivatePlugin(IChallengePlugin, PLUGIN_ID)


@implementer(INonInstallable)
class HiddenProfiles:
    """pas.plugins.oidc is not offered in Site Setup → Add-ons: its profile
    would make its plugin the first challenge plugin and add a control
    panel whose settings we do not read (``install`` does what is needed)."""

    def getNonInstallableProfiles(self):
        return ["pas.plugins.oidc:default", "pas.plugins.oidc:uninstall"]

    def getNonInstallableProducts(self):
        return ["pas.plugins.oidc"]


def uninstall(site):
    """Remove the plugin. The employee numbers HR set and the linked
    subjects stay (a reinstall finds them; an account's go with it)."""
    pas = site.acl_users
    if plugin(site) is not None:
        pas[PLUGIN_ID].manage_activateInterfaces([])
        pas._delObject(PLUGIN_ID)


# -- the flow ---------------------------------------------------------------


def login_url(site, came_from=""):
    """The address that starts "Logga in med Solna-konto" (with
    ``came_from`` when it is a page of this site), or None when single
    sign-on is not configured or not installed."""
    if not is_configured():
        return None
    found = plugin(site)
    if found is None:
        return None
    url = f"{found.absolute_url()}/login"
    if came_from := safe_came_from(came_from):
        url += "?" + urlencode({"came_from": came_from})
    return url


class MessagePage(BrowserView):
    """A Swedish page saying why the sign-in did not happen (drawn on the
    site's root)."""

    index = ViewPageTemplateFile("templates/sso_message.pt")
    message = FAILED

    def login_page(self):
        return f"{self.context.absolute_url()}/login"

    def __call__(self):
        return self.index()


def message_page(request, reason):
    """The page for ``reason`` (of ``REASONS``), with its HTTP status."""
    message, status = REASONS[reason]
    request.response.setStatus(status)
    request.response.setHeader("Cache-Control", "no-store")
    page = MessagePage(api.portal.get(), request)
    page.message = message
    return page()


def _remember(form):
    """ "Kom ihåg den här telefonen" as the login form sends it
    (``remember:boolean`` with a ``:default``): True unless unticked."""
    value = form.get("remember", True)
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "off")
    return bool(value)


class LoginView(BrowserView):
    """``acl_users/oidc/login?came_from=…``: off to the provider. (With
    ``remember=0`` the phone is not remembered, as when the box on the
    login form is unticked.)"""

    def __call__(self):
        form = self.request.form
        if not is_configured():
            return message_page(self.request, "not_configured")
        from solna.intranet.login.sso_client import client
        from solna.intranet.login.sso_client import OAuth2ConnectionException
        from solna.intranet.login.sso_client import start

        try:
            url = start(
                client(self.context),
                self.request,
                form.get("came_from"),
                _remember(form),
            )
        except OAuth2ConnectionException:
            return message_page(self.request, "unavailable")
        self.request.response.setHeader("Cache-Control", "no-store")
        self.request.response.redirect(url, lock=True)
        return ""


class CallbackView(BrowserView):
    """``acl_users/oidc/callback?code=…&state=…``: the provider's answer.
    Signs the member in and lands on ``came_from`` or the site's root;
    otherwise a Swedish page, and nothing is created."""

    def __call__(self):
        request = self.request
        if not is_configured():
            return message_page(request, "not_configured")
        from solna.intranet.login.sso_client import client
        from solna.intranet.login.sso_client import finish

        stand_in = client(self.context)
        userid, reason = finish(stand_in, request, request["QUERY_STRING"])
        if userid is None:
            return message_page(request, reason)
        # For the session plugin (devices.py), as the login form posts it.
        request.form["remember"] = request.other["solna.sso.remember"]
        stand_in.rememberIdentity(request.other["solna.sso.claims"])
        target = request.other["solna.sso.came_from"] or api.portal.get().absolute_url()
        request.response.setHeader("Cache-Control", "no-store")
        request.response.redirect(target, lock=True)
        return ""


# -- REST ---------------------------------------------------------------------


#: The name of pas.plugins.oidc's ILoginProviders adapter, which lists every
#: OIDC plugin, configured or not. Its ZCML, which registers it, is not
#: loaded (meta.zcml); left out here should it ever be.
THEIR_PROVIDERS = "pas-plugins-oidc-providers"


@adapter(IPloneSiteRoot)
@implementer(ILoginProviders)
class LoginProviders:
    """``GET @login``'s option "Logga in med Solna-konto", when single
    sign-on is configured (none otherwise)."""

    def __init__(self, context):
        self.context = context

    def get_providers(self):
        if not is_configured() or plugin(self.context) is None:
            return []
        request = getRequest()
        return [
            {
                "id": PLUGIN_ID,
                "plugin": "oidc",
                "title": translate(BUTTON, context=request) if request else "",
                "url": f"{self.context.absolute_url()}/@login-oidc/{PLUGIN_ID}",
            }
        ]


class LoginGet(Service):
    """``GET @login``: the other ways to sign in, from every ILoginProviders
    adapter (the one-time code's, ours) except pas.plugins.oidc's, which
    lists its plugin even when nothing is configured (not registered while
    its ZCML is excluded, meta.zcml). (plone.restapi's service,
    ``plone.restapi.services.auth.get.Login``, with that one left out.)"""

    def reply(self):
        options = []
        for name, provider in getAdapters((self.context,), ILoginProviders):
            if name != THEIR_PROVIDERS:
                options.extend(provider.get_providers())
        return {"options": options}


def refusal(request, message, status, kind):
    """Set ``status`` and return the REST error {"error": {"type": kind,
    "message": ``message`` translated}} of the sign-in services."""
    request.response.setStatus(status)
    return {"error": {"type": kind, "message": translate(message, context=request)}}


def provider_plugin(site, provider):
    """Our plugin when single sign-on is configured and ``provider`` (the
    name after ``@login-oidc/`` or ``@logout-oidc/``) is its id, else
    None."""
    if not is_configured() or provider != PLUGIN_ID:
        return None
    return plugin(site)


@implementer(IPublishTraverse)
class _ProviderService(Service):
    """``@login-oidc/<provider>``: our plugin's id is the only provider."""

    provider = ""

    def publishTraverse(self, request, name):
        if not self.provider:
            self.provider = name
            return self
        raise KeyError(name)

    def check_permission(self):
        return True  # public, as @login (the site is closed)

    def _plugin(self):
        return provider_plugin(self.context, self.provider)

    def _refuse(self, message, status, kind):
        return refusal(self.request, message, status, kind)


class LoginOIDCGet(_ProviderService):
    """GET ``@login-oidc/oidc?came_from=…``: where to send the browser to
    sign in: {"next_url": the provider's URL, "came_from": url | null}; the
    answer sets the session cookie the POST needs."""

    def reply(self):
        found = self._plugin()
        if found is None:
            return self._refuse(NO_SUCH_PROVIDER, 404, "NotFound")
        from solna.intranet.login.sso_client import client
        from solna.intranet.login.sso_client import OAuth2ConnectionException
        from solna.intranet.login.sso_client import start

        came_from = safe_came_from(self.request.form.get("came_from"))
        try:
            url = start(client(found), self.request, came_from)
        except OAuth2ConnectionException:
            return self._refuse(UNAVAILABLE, 502, "BadGateway")
        return {"next_url": url, "came_from": came_from or None}


@implementer(IPublishTraverse)
class LogoutOIDCGet(Service):
    """GET ``@logout-oidc/oidc``: pas.plugins.oidc's answer ({"next_url":
    the provider's sign-out address, or the site when the provider has
    none, "came_from": the site}) when Solna-konto is set up; otherwise
    the Swedish 404 of ``@login-oidc`` (it was an English 500, "Provider
    is not properly configured.", for anyone), also for a provider other
    than ``oidc``; the Swedish 502 of ``@login-oidc`` when the provider
    does not answer (also that English 500). Traversed as
    pas.plugins.oidc's ``LogoutGet``: the provider is the next name, else
    ``oidc``."""

    provider_id = PLUGIN_ID

    def publishTraverse(self, request, name):
        request["TraversalRequestNameStack"] = []
        self.provider_id = name
        return self

    def reply(self):
        found = provider_plugin(self.context, self.provider_id)
        if found is None:
            return refusal(self.request, NO_SUCH_PROVIDER, 404, "NotFound")
        from solna.intranet.login.sso_client import logout

        answer = logout(found, self.request)
        if self.request.response.getStatus() == 500:
            # pas.plugins.oidc's English "Provider is not properly
            # configured.": the provider did not answer (discovery).
            return refusal(self.request, UNAVAILABLE, 502, "BadGateway")
        next_url = answer.get("next_url") if isinstance(answer, dict) else None
        if isinstance(next_url, str) and next_url.startswith("?"):
            # A provider without an end_session_endpoint: pas.plugins.oidc
            # answers only its query string; signed out here, back to the
            # site.
            answer["next_url"] = answer.get("came_from")
        return answer


class LoginOIDCPost(_ProviderService):
    """POST ``@login-oidc/oidc`` {"qs": the query string the provider sent
    to the callback}: {"token": a JWT of the member, "next_url": url}."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a sign-in
        found = self._plugin()
        if found is None:
            return self._refuse(NO_SUCH_PROVIDER, 404, "NotFound")
        from solna.intranet.login.sso_client import client
        from solna.intranet.login.sso_client import finish

        body = json_object(self.request)
        query = body.get("qs") if isinstance(body.get("qs"), str) else ""
        userid, reason = finish(client(found), self.request, query.lstrip("?"))
        if userid is None:
            message, status = REASONS[reason]
            return self._refuse(message, status, ERROR_TYPES[status])
        claims = self.request.other["solna.sso.claims"]
        if self.request.other["solna.sso.how"] != "subject" and claims.get("sub"):
            link(setting("issuer"), str(claims["sub"]), userid)
        user = api.portal.get().acl_users.getUserById(userid)
        notify(UserLoggedInEvent(user))
        jwt = api.portal.get().acl_users.jwt_auth
        token = jwt.create_token(userid, data={"fullname": fullname(userid)})
        self.request.response.cookies = {}  # a token, no cookie
        next_url = self.request.other["solna.sso.came_from"]
        return {"token": token, "next_url": next_url or api.portal.get().absolute_url()}


class AccountGet(Service):
    """GET ``@solna-konto?userid=…`` (HR): {"userid", "fullname",
    "employee_id", "linked": bool}."""

    def reply(self):
        userid = self.request.form.get("userid")
        if not isinstance(userid, str) or not userid.strip():
            return error(self.request, NO_USERID)
        userid = userid.strip()
        if not account_exists(userid):
            return error(self.request, NO_SUCH_MEMBER)
        return _account(self.context, userid)


class AccountPost(Service):
    """POST ``@solna-konto`` {"userid", "employee_id"} (HR): set the
    member's employee number ("" removes it) and forget the linked subject;
    answers as GET."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        userid = body.get("userid") if isinstance(body.get("userid"), str) else ""
        number = body.get("employee_id")
        number = str(number) if isinstance(number, int | str) else ""
        if not userid.strip():
            return error(self.request, NO_USERID, field="userid")
        userid = userid.strip()
        if not account_exists(userid):
            return error(self.request, NO_SUCH_MEMBER, field="userid")
        if "Manager" in api.user.get_roles(username=userid) and (
            "Manager" not in api.user.get_roles()
        ):
            # Else a Site Administrator could sign in as a Manager with
            # their own employee number.
            self.request.response.setStatus(403)
            message = translate(MANAGER_ONLY, context=self.request)
            return {"error": {"type": "Forbidden", "message": message}}
        try:
            set_employee_id(userid, number)
        except EmployeeIdTaken as taken:
            message = _(
                EMPLOYEE_ID_TAKEN,
                mapping={
                    "employee_id": number.strip(),
                    "name": fullname(taken.args[1]),
                },
            )
            return error(self.request, message, field="employee_id")
        return _account(self.context, userid)


def _account(context, userid):
    return {
        "@id": f"{context.absolute_url()}/@solna-konto?userid={userid}",
        "userid": userid,
        "fullname": fullname(userid),
        "employee_id": employee_id(userid),
        "linked": linked(userid),
    }
