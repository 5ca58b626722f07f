"""What needs the OpenID Connect library: pas.plugins.oidc's plugin
(``SolnaOIDCClient``, made by ``client`` for one request in the place of
``acl_users/oidc``), the two halves of a sign-in (``start``, ``finish``,
with the browser's sign-in cookie) and the sign-out address (``logout``).
The pages are in sso.py, who is who in sso_accounts.py.

pas.plugins.oidc's client (oic, with pydantic and pycryptodomex) costs about
15 MB in every Zope process (issue 21: peak memory). It is loaded when
single sign-on is used, not at start nor at the first request: sso.py
imports this module at a sign-in or sign-out with Solna-konto. The stored
plugin, ``sso.SolnaOIDCPlugin``, is a plain PAS plugin (ZODB imports its
class whenever it loads the user folder). For the same reason
pas.plugins.oidc's own ZCML is excluded (meta.zcml): its views import oic
at start and are not ours.
"""

from AccessControl.class_init import InitializeClass
from Acquisition import aq_inner
from Acquisition import aq_parent
from oic import rndstr
from oic.oic.message import AccessTokenResponse
from oic.oic.message import AuthorizationResponse
from oic.oic.message import OpenIDSchema
from pas.plugins.oidc import utils as oidc
from pas.plugins.oidc.plugins import OAuth2ConnectionException
from pas.plugins.oidc.plugins import OIDCPlugin
from pas.plugins.oidc.plugins import safe_write
from pas.plugins.oidc.services.oidc import oidc as oidc_services
from plone import api
from solna.intranet import logger
from solna.intranet.login.sso_accounts import link
from solna.intranet.login.sso_accounts import resolve
from solna.intranet.login.sso_accounts import safe_came_from
from solna.intranet.login.sso_accounts import scopes
from solna.intranet.login.sso_accounts import setting

import base64
import json
import types


__all__ = ["OAuth2ConnectionException", "client", "finish", "logout", "start"]

#: The key under which ``rememberIdentity`` hands pas.plugins.oidc the user
#: id we mapped (its ``user_property_as_userid``); never taken from the
#: provider's claims.
MAPPED = "solna.userid"

#: The cookie that keeps a sign-in's state, nonce and verifier between the
#: two halves (pas.plugins.oidc's ``Session.session_cookie_name``).
SESSION_COOKIE = "__ac_session"


def _cookie_path():
    return api.portal.get().absolute_url_path() or "/"


def _write_session(request, data):
    """Keep ``data`` (state, nonce, PKCE verifier, came_from) in this
    browser's cookie ``__ac_session``, in pas.plugins.oidc's format (base64
    JSON), but HttpOnly, SameSite Lax (the provider's redirect back is a
    top-level GET), Secure over HTTPS, on the site's path (the browser
    flow and REST share it). pas.plugins.oidc's Session sets it with no
    flags and keeps what an earlier attempt left in it."""
    value = base64.b64encode(json.dumps(data).encode("utf-8")).decode("ascii")
    request.response.setCookie(
        SESSION_COOKIE,
        value,
        path=_cookie_path(),
        http_only=True,
        same_site="Lax",
        secure=request.get("SERVER_URL", "").startswith("https:") or None,
    )


def _read_session(request):
    """What ``_write_session`` kept: a dict ({} for none or a forged one)."""
    value = request.cookies.get(SESSION_COOKIE) or ""
    try:
        data = json.loads(base64.b64decode(value, validate=False))
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)}


class SolnaOIDCClient(OIDCPlugin):
    """pas.plugins.oidc's plugin, made for one request in the place of
    ``acl_users/oidc`` (``client``); never stored. Its settings are read
    by ``getProperty`` from ``setting``; the ones pas.plugins.oidc would
    let a manager change in the ZMI are fixed here."""

    meta_type = "Solna OIDC Client"
    title = "Solna-konto"

    FIXED = types.MappingProxyType(
        {
            "use_session_data_manager": False,  # state travels in a cookie
            "create_user": False,
            "create_groups": False,
            "allowed_groups": (),
            "create_ticket": True,
            "create_restapi_ticket": False,
            "use_pkce": True,
            "use_modified_openid_schema": False,
            "user_property_as_userid": MAPPED,
            "identity_domain_name": "",
            "redirect_uris": (),  # <plugin>/callback
            # RP-initiated logout's post_logout_redirect_uri (OpenID
            # Connect RP-Initiated Logout 1.0), not the deprecated name.
            "use_deprecated_redirect_uri_for_logout": False,
        }
    )

    def getProperty(self, id, d=None):
        """Settings from ``setting``; the fixed ones from ``FIXED``."""
        if id in ("issuer", "client_id", "client_secret"):
            return setting(id)
        if id == "scope":
            return scopes()
        if id in self.FIXED:
            return self.FIXED[id]
        return super().getProperty(id, d)

    def _update_user_properties(self, user, userinfo):
        """HR's data wins: the provider changes nothing on the account."""

    def rememberIdentity(self, userinfo):
        """Sign in the member these claims map to (``resolve``) with the
        session cookie, and link the subject; returns the user id, or None
        (nothing is created or changed). ``userinfo``: the claims (dict or
        OpenIDSchema); the issuer is the configured one."""
        claims = userinfo.to_dict() if hasattr(userinfo, "to_dict") else dict(userinfo)
        claims.pop(MAPPED, None)  # the provider cannot choose it
        userid, how = resolve(claims, setting("issuer"))
        if userid is None:
            return None
        with safe_write(self.REQUEST):
            if how != "subject" and claims.get("sub"):
                link(setting("issuer"), str(claims["sub"]), userid)
            super().rememberIdentity({**claims, MAPPED: userid})
        return userid


InitializeClass(SolnaOIDCClient)


def client(plugin):
    """A ``SolnaOIDCClient`` standing in for ``plugin`` (``acl_users/oidc``,
    acquisition-wrapped): the same id and title in the same user folder,
    so its callback address (``<plugin>/callback``) and its user folder
    are the plugin's."""
    stand_in = SolnaOIDCClient(plugin.getId(), plugin.title)
    return stand_in.__of__(aq_parent(aq_inner(plugin)))


def start(found, request, came_from="", remember=True):
    """Begin a sign-in: a new state, nonce and PKCE verifier in this
    browser's session cookie, with where to land and whether to remember
    the phone; returns the provider's authorization URL. Raises
    OAuth2ConnectionException when the provider does not answer
    (discovery)."""
    session = {
        "state": rndstr(32),
        "nonce": rndstr(32),
        "verifier": rndstr(128),
        "came_from": safe_came_from(came_from),
        "remember": "1" if remember else "0",
    }
    _write_session(request, session)
    args = oidc.authorization_flow_args(found, session)
    client = found.get_oauth2_client()
    auth_request = client.construct_AuthorizationRequest(request_args=args)
    return auth_request.request(client.authorization_endpoint)


def finish(found, request, query):
    """End a sign-in with the provider's answer ``query`` (the callback's
    query string). Returns (user id, None) for the member it maps to,
    else (None, reason) with reason one of ``REASONS``. Nothing is signed
    in or stored here; the session cookie is expired."""
    session = _read_session(request)
    request.response.expireCookie(SESSION_COOKIE, path=_cookie_path())
    expected, nonce = session.get("state"), session.get("nonce")
    try:
        client = found.get_oauth2_client()
    except OAuth2ConnectionException:
        return None, "unavailable"
    try:
        answer = client.parse_response(
            AuthorizationResponse, info=query, sformat="urlencoded"
        )
    except Exception:  # a malformed or error answer (error=access_denied …)
        logger.info("OIDC: no authorization code in the callback")
        return None, "failed"
    state = answer.get("state")
    if not expected or not nonce or state != expected or "code" not in answer:
        logger.info("OIDC: the callback's state is not this browser's")
        return None, "failed"
    args = {"code": answer["code"], "redirect_uri": found.get_redirect_uris()}
    if verifier := session.get("verifier"):
        args["code_verifier"] = verifier
    client.state2nonce[state] = nonce
    try:
        tokens = client.do_access_token_request(
            state=state, request_args=args, authn_method="client_secret_basic"
        )
    except Exception as exc:  # refused code, bad signature, wrong nonce …
        logger.info("OIDC: the token request failed: %s", type(exc).__name__)
        return None, "failed"
    id_token = (
        tokens.get("id_token") if isinstance(tokens, AccessTokenResponse) else None
    )
    if id_token is None or id_token.get("nonce") != nonce:
        logger.info("OIDC: no ID token with this browser's nonce")
        return None, "failed"
    claims = id_token.to_dict()
    if client.userinfo_endpoint:
        try:
            info = client.do_user_info_request(state=state)
        except Exception as exc:
            logger.info("OIDC: the userinfo request failed: %s", type(exc).__name__)
            return None, "failed"
        if not isinstance(info, OpenIDSchema) or info.get("sub") != id_token["sub"]:
            return None, "failed"
        claims.update(info.to_dict())
    request.other["solna.sso.claims"] = claims
    request.other["solna.sso.came_from"] = safe_came_from(session.get("came_from"))
    request.other["solna.sso.remember"] = session.get("remember") != "0"
    userid, how = resolve(claims, setting("issuer"))
    request.other["solna.sso.how"] = how
    return (userid, None) if userid else (None, "not_linked")


def logout(plugin, request):
    """pas.plugins.oidc's answer to ``GET @logout-oidc/oidc`` for
    ``plugin`` (``acl_users/oidc``): {"next_url": the provider's sign-out
    address (only a query string when the provider has none),
    "came_from": the site}; expires the login cookies."""
    service = oidc_services.LogoutGet()  # plone.rest adds BrowserView's init
    service.context, service.request = api.portal.get(), request
    service.provider_id = plugin.getId()
    service._plugin = client(plugin)
    return service.reply()
