"""REST for invitations (login/invitations.py), for an app:

- ``GET @inbjudningar``: the pending invitations the member handles, the
  units they may invite to and the professions;
- ``POST @inbjudningar``: invite one person;
- ``POST @inbjudningar/fil``: invite everyone in a CSV (HR), all or nothing;
- ``POST @inbjudningar/<id>/skicka-igen`` | ``/aterkalla`` | ``/qr`` (a
  QR code: HR for any invitation, a manager for their own, else 403);
- ``GET @inbjudan/<token>`` and ``POST @inbjudan/<token>`` (public): what
  the invitee's link opens, and setting the account up (answers a JWT).

Errors in plone.restapi's shape with a Swedish message
(``{"error": {"type", "message", ...}}``). See docs/rest.md.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from solna.intranet.login import csvimport
from solna.intranet.login import invitations
from solna.intranet.login.accounts import canonical
from solna.intranet.login.devices import sign_in_for_app
from solna.intranet.login.invitations import no_store
from solna.intranet.login.invitations import professions
from solna.intranet.rest import json_object
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import base64
import binascii
import time


TYPES = {
    400: "BadRequest",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    410: "Gone",
    429: "TooManyRequests",
}


def refuse(request, status, message, **extra):
    """Answer ``status`` with ``message`` translated, in the error shape."""
    request.response.setStatus(status)
    return {
        "error": {
            "type": TYPES.get(status, "BadRequest"),
            "message": translate(message, context=request),
            **extra,
        }
    }


@implementer(IPublishTraverse)
class ParamsService(Service):
    """A service that takes the path after its name as ``params``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self


class InvitationsGet(ParamsService):
    """GET @inbjudningar."""

    def reply(self):
        if self.params:
            return refuse(self.request, 404, invitations.NOT_FOUND)
        if not invitations.may_invite():
            return refuse(self.request, 403, invitations.NOT_ALLOWED)
        now = time.time()
        items = [
            invitations.serialize(record, self.request, now)
            for record in invitations.visible(now)
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@inbjudningar",
            "items": items,
            "items_total": len(items),
            "units": invitations.invitable_units(),
            "professions": professions(self.request),
            "may_import": invitations.may_invite_anywhere(),
            "valid_days": invitations.VALID_DAYS,
        }


ACTIONS = ("skicka-igen", "aterkalla", "qr")


class InvitationsPost(ParamsService):
    """POST @inbjudningar, @inbjudningar/fil, @inbjudningar/<id>/<action>."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # see csrf.py
        if not invitations.may_invite():
            return refuse(self.request, 403, invitations.NOT_ALLOWED)
        data = json_object(self.request)
        if not self.params:
            return self.invite(data)
        if self.params == ["fil"]:
            return self.import_file(data)
        if len(self.params) == 2 and self.params[1] in ACTIONS:
            record = invitations.get_visible(self.params[0])
            if record is None:
                return refuse(self.request, 404, invitations.NOT_FOUND)
            return self.act(record, self.params[1])
        return refuse(self.request, 404, invitations.NOT_FOUND)

    def invite(self, data):
        allowed = {u["UID"] for u in invitations.invitable_units()}
        values, errors = invitations.check(data, allowed)
        if errors:
            return refuse(
                self.request,
                400,
                next(iter(errors.values())),
                errors=invitations.translated_errors(errors, self.request),
            )
        record = invitations.invite(values, self.request)
        self.request.response.setStatus(201)
        return invitations.serialize(record, self.request)

    def import_file(self, data):
        if not invitations.may_invite_anywhere():
            return refuse(self.request, 403, invitations.NOT_ALLOWED)
        content = data.get("csv")
        if not isinstance(content, str):
            encoded = data.get("data")
            try:
                content = base64.b64decode(encoded, validate=True) if encoded else b""
            except (binascii.Error, ValueError, TypeError):
                return refuse(self.request, 400, csvimport.NOT_CSV)
        try:
            records, refusals = csvimport.import_file(content, self.request)
        except csvimport.FileRefused as refused:
            return refuse(self.request, 400, refused.message)
        if refusals:
            return refuse(
                self.request,
                400,
                csvimport.ROWS_REFUSED,
                rows=[
                    {
                        "row": r["row"],
                        "message": translate(r["message"], context=self.request),
                        "problems": [
                            translate(p, context=self.request) for p in r["problems"]
                        ],
                    }
                    for r in refusals
                ],
            )
        self.request.response.setStatus(201)
        items = [invitations.serialize(r, self.request) for r in records]
        return {
            "@id": f"{self.context.absolute_url()}/@inbjudningar",
            "items": items,
            "items_total": len(items),
        }

    def act(self, record, action):
        if action == "skicka-igen":
            invitations.resend(record, self.request)
            return invitations.serialize(record, self.request)
        if action == "aterkalla":
            invitations.revoke(record)
            return self.reply_no_content()
        if not invitations.may_show_qr(record):
            return refuse(self.request, 403, invitations.QR_NOT_YOURS)
        no_store(self.request)
        url, expires = invitations.new_qr(record, self.request)
        return {
            "invitation": invitations.serialize(record, self.request),
            "url": url,
            "expires": invitations.iso(expires),
            "expires_display": invitations.display(expires, self.request),
            "qr": invitations.qr_svg(url),
        }


class InvitationGet(ParamsService):
    """GET @inbjudan/<token> (public)."""

    def check_permission(self):
        """Public: the token is the credential (zope.Public)."""

    def reply(self):
        no_store(self.request)
        token = self.params[0] if len(self.params) == 1 else ""
        try:
            _kind, record = invitations.usable(token, self.request, attempt=False)
        except invitations.Problem as problem:
            answer = refuse(self.request, problem.status, problem.message)
            problem.answer(self.request)
            return answer
        return invitations.describe(record, self.request)


class InvitationPost(ParamsService):
    """POST @inbjudan/<token> (public) {"login", "password"}: 201 with a
    JWT for the new account."""

    def check_permission(self):
        """Public: the token is the credential (zope.Public)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        no_store(self.request)
        token = self.params[0] if len(self.params) == 1 else ""
        data = json_object(self.request)
        login = data.get("login") if isinstance(data.get("login"), str) else ""
        password = data.get("password")
        password = password if isinstance(password, str) else ""
        try:
            userid = invitations.accept(token, login, password, self.request)
        except invitations.Problem as problem:
            answer = refuse(self.request, problem.status, problem.message)
            problem.answer(self.request)
            return answer
        except invitations.SetupRefused as refused:
            return refuse(
                self.request,
                400,
                next(iter(refused.errors.values())),
                errors=invitations.translated_errors(refused.errors, self.request),
            )
        # An app gets a token, not the browser's session cookie.
        sign_in_for_app(self.request, userid)
        user = api.user.get(userid=userid)
        self.request.response.setStatus(201)
        return {
            "userid": userid,
            "login": canonical(login),
            "fullname": user.getProperty("fullname", ""),
            "token": _jwt(userid, user.getProperty("fullname", "")),
        }


def _jwt(userid, fullname):
    """A JWT for ``userid`` from plone.restapi's plugin, as ``@login`` gives
    one (None when the site has none)."""
    pas = api.portal.get_tool("acl_users")
    for _id, plugin in pas.plugins.listPlugins(IAuthenticationPlugin):
        if plugin.meta_type == "JWT Authentication Plugin":
            return plugin.create_token(userid, data={"fullname": fullname})
    return None
