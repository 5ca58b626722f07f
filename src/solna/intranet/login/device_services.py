"""REST: ``@enheter``, the signed-in devices of the page ``@@mina-enheter``
(devices.py).

- ``GET @enheter``: the caller's devices; ``?userid=`` (login name, e-mail
  address or user id) another person's, for those with
  ``devices.PERMISSION`` (HR, administrators).
- ``DELETE @enheter/<id>``: sign one device (or app sign-in) out.
- ``DELETE @enheter``: sign out everywhere: every device and every JWT.

Refusals in plone.restapi's error shape with a Swedish message: 403 for
``?userid=`` without the permission, 404 for an unknown person or device.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet import _
from solna.intranet.login import devices
from solna.intranet.rest import listing
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


ONLY_OWN = _(
    "devices_only_own",
    default="You may only see and sign out your own devices.",
)


def _refuse(request, status, kind, message):
    request.response.setStatus(status)
    return {"error": {"type": kind, "message": translate(message, context=request)}}


def _target(request):
    """(userid, None) whose devices the request is about, or (None, the
    refusal to answer)."""
    own = api.user.get_current().getId()
    asked = request.form.get("userid")
    if not isinstance(asked, str) or not asked.strip() or asked.strip() == own:
        return own, None
    if not devices.may_see_others():
        return None, _refuse(request, 403, "Forbidden", ONLY_OWN)
    found = devices.find_person(asked, request)
    if found is None:
        return None, _refuse(request, 404, "NotFound", devices.NO_SUCH_PERSON)
    return found, None


def _item(item):
    """A device as REST gives it."""
    return {
        "id": item["id"],
        "kind": item["kind"],
        "name": item["name"],
        "first_used": item["first_used_iso"],
        "last_used": item["last_used_iso"],
        "remember": item["remember"],
        "current": item["current"],
    }


class DevicesGet(Service):
    """GET @enheter[?userid=]."""

    def reply(self):
        userid, refusal = _target(self.request)
        if refusal is not None:
            return refusal
        items = [
            _item(devices.shown(item, self.request))
            for item in devices.device_list(userid, self.request)
        ]
        return listing(self.context, "@enheter", items, userid=userid)


@implementer(IPublishTraverse)
class DevicesDelete(Service):
    """DELETE @enheter[/<id>][?userid=]."""

    device_id = None

    def publishTraverse(self, request, name):
        if self.device_id is None:
            self.device_id = name
        else:
            self.device_id = "\0"  # a deeper path names no device
        return self

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # see security/csrf.py
        userid, refusal = _target(self.request)
        if refusal is not None:
            return refusal
        me, this_device = devices.current(self.request)
        if self.device_id is None:
            devices.sign_out(userid)
            here = me == userid
        else:
            if not devices.sign_out(userid, self.device_id):
                return _refuse(self.request, 404, "NotFound", devices.NO_SUCH_DEVICE)
            here = me == userid and self.device_id == this_device
        session = devices.plugin()
        if here and session is not None:
            self.request.response.expireCookie(
                session.getProperty("cookie_name"),
                path=session.getProperty("path"),
            )
        self.request.response.setStatus(204)
        return None
