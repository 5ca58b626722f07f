"""REST for the one-time codes (login/codes.py): ``POST @engangskod``
(ask for a code), ``POST @engangskod-token`` (exchange it for a JWT), the
``ILoginProviders`` adapter that lists the route in ``GET @login``, and
``@privat-epost`` (GET, POST, DELETE: the member's private address,
confirmed by a code first). The shapes are in docs/rest.md."""

from plone import api
from plone.base.interfaces import IPloneSiteRoot
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.interfaces import ILoginProviders
from plone.restapi.services import Service
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.login import accounts
from solna.intranet.login import codes
from solna.intranet.login import devices
from solna.intranet.login import published
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from solna.intranet.validators import text_of
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.interface import implementer

import math
import time


PROVIDER_TITLE = _("code_provider_title", default="Sign in with a one-time code")
SENT = _(
    "code_sent",
    default="If there is an account for what you typed, we have e-mailed a "
    "six-digit code to it. It is valid for ${minutes} minutes.",
)
NO_JWT = _(
    "code_error_no_jwt",
    default="Signing in over the API is not set up on this site.",
)
TYPES = {400: "BadRequest", 401: "Unauthorized", 429: "TooManyRequests"}


def _expires(request, epoch):
    """``{"expires": ISO 8601 in Stockholm time, "expires_display": "29 dec
    2026 kl. 18.11"}`` for seconds since the epoch (None for None)."""
    moment = int(epoch) if epoch is not None else None
    return {
        "expires": iso(moment),
        "expires_display": display(moment, request) if moment else None,
    }


def refusal(request, refused):
    """The answer to a refused code: its status (400, 401, 429 with
    ``Retry-After`` in seconds) and ``{"error": {"type", "message"}}``."""
    response = request.response
    response.setStatus(refused.status)
    if refused.until:
        response.setHeader(
            "Retry-After", str(max(1, math.ceil(refused.until - time.time())))
        )
    return {
        "error": {
            "type": TYPES.get(refused.status, "BadRequest"),
            "message": refused.text(request),
        }
    }


@adapter(IPloneSiteRoot)
@implementer(ILoginProviders)
class CodeLoginProvider:
    """``GET @login`` lists "Logga in med engångskod" (the named adapter
    ``solna-engangskod``)."""

    def __init__(self, context):
        self.context = context

    def get_providers(self):
        request = getRequest()
        return [
            {
                "id": "engangskod",
                "plugin": "solna",
                "title": translate(PROVIDER_TITLE, context=request),
                "url": f"{self.context.absolute_url()}/@engangskod",
            }
        ]


class CodeRequestPost(Service):
    """``{"login": str}`` → 202 ``{"@id", "request", "expires", "minutes",
    "message"}``, the same for every account, existing or not, and after at
    least ``codes.MIN_ANSWER_SECONDS`` (see codes.py)."""

    def check_permission(self):
        """Anyone may ask (the site is closed, this route is its door)."""

    def reply(self):
        started = time.monotonic()
        alsoProvides(self.request, IDisableCSRFProtection)
        typed = text_of(json_object(self.request), "login")
        if not typed:
            return error(self.request, codes.NO_LOGIN)
        if len(typed) > codes.MAX_TYPED:
            return error(self.request, codes.TOO_LONG)
        rid, _device = codes.issue(self.request, typed, device=False)
        # Known and unknown accounts take the same time, commit included.
        published.pad_until(self.request, started + codes.MIN_ANSWER_SECONDS)
        self.request.response.setStatus(202)
        return {
            "@id": f"{self.context.absolute_url()}/@engangskod",
            "request": rid,
            **_expires(self.request, time.time() + codes.TTL),
            "minutes": codes.MINUTES,
            "message": translate(
                Message(SENT, mapping={"minutes": codes.MINUTES}),
                context=self.request,
            ),
        }


def _jwt_plugin():
    """plone.restapi's JWT plugin of the site's user folder, or None."""
    pas = api.portal.get().acl_users
    return pas._getOb("jwt_auth", None)


def issue_token(request, userid):
    """A JWT for ``userid`` from plone.restapi's JWT plugin (as its
    ``@login`` makes one), or None without the plugin."""
    jwt = _jwt_plugin()
    if jwt is None:
        return None
    user = api.user.get(userid=userid)
    fullname = user.getProperty("fullname") if user is not None else ""
    return jwt.create_token(userid, data={"fullname": fullname})


class CodeTokenPost(Service):
    """``{"request": id, "code": "123456"}`` → ``{"token": JWT}``; 400,
    401 or 429 (with ``Retry-After``) with a Swedish message."""

    def check_permission(self):
        """Anyone with a code may exchange it."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request)
        rid, code = body.get("request"), body.get("code")
        if isinstance(code, int) and not isinstance(code, bool):
            code = f"{code:06d}"
        if _jwt_plugin() is None:
            self.request.response.setStatus(501)
            return {
                "error": {
                    "type": "NotImplemented",
                    "message": translate(NO_JWT, context=self.request),
                }
            }
        try:
            record = codes.redeem(self.request, rid, code)
        except codes.Refused as refused:
            return refusal(self.request, refused)
        # The login events, login time and member area, as plone.restapi's
        # @login; the answer is the token, not a cookie.
        devices.sign_in_for_app(self.request, record["userid"])
        return {"token": issue_token(self.request, record["userid"])}


# The private address.


class PrivateAddressGet(Service):
    """``{"@id", "address": str|null, "pending": str|null, "expires":
    str|null, "expires_display": str|null}``."""

    def reply(self):
        userid = api.user.get_current().getId()
        pending = codes.pending_address(userid)
        return {
            "@id": f"{self.context.absolute_url()}/@privat-epost",
            "address": accounts.private_address(userid) or None,
            "pending": pending[1] if pending else None,
            **_expires(self.request, pending[2] if pending else None),
        }


class PrivateAddressPost(PrivateAddressGet):
    """``{"address": str}``: mail a code to it (202, the GET shape with
    ``pending``); ``{"code": "123456"}``: confirm it (200, the GET shape
    with ``address``). 400/401/429 with a Swedish message. An address on
    another account gets the same 202 but no code (codes.ask_address)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        userid = api.user.get_current().getId()
        if "code" in body:
            code = body.get("code")
            if isinstance(code, int) and not isinstance(code, bool):
                code = f"{code:06d}"
            try:
                codes.confirm_address(self.request, userid, code)
            except codes.Refused as refused:
                return refusal(self.request, refused)
            except codes.AddressRefused as refused:
                return error(self.request, refused.message)
            return super().reply()
        try:
            codes.ask_address(userid, text_of(body, "address"))
        except codes.AddressRefused as refused:
            return error(self.request, refused.message, field="address")
        self.request.response.setStatus(202)
        return super().reply()


class PrivateAddressDelete(Service):
    """Remove the private address (and a pending one): 204."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        userid = api.user.get_current().getId()
        codes.cancel_address(userid)
        accounts.remove_private_address(userid)
        return self.reply_no_content()
