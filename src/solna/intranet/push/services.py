"""REST for push notifications (the page ``@@aviseringar`` and the sending
job), on the site root. Refusals are 400s with a Swedish message in
plone.restapi's ``{"error": {"type", "message"}}`` shape; nothing is
stored from a refused request.

Members (``zope2.View`` on the closed site root):

- ``GET @aviseringar``: ``{"@id", "settings": {switch: bool},
  "public_key": the VAPID application server key (base64url),
  "items": [the member's phones with push on: {"id", "name", "created",
  "created_display", "current"}], "items_total", "quiet_hours": {"from":
  "18:00", "until": "07:00"}, "crisis_always": true}``.
- ``PATCH @aviseringar`` ``{"settings": {switch: bool}}``: change some
  switches (settings.py); answers as GET.
- ``POST @push-prenumeration`` ``{"endpoint", "keys": {"p256dh",
  "auth"}}`` (``PushSubscription.toJSON()``): push on for the device in
  hand; 201 and the phone as listed (200 when it was on already).
- ``DELETE @push-prenumeration`` ``{"endpoint"}`` (this browser) or
  ``{"id"}`` (one of the member's phones, as listed): push off; 204, or
  404 when it was not on.

The sending job (permission ``solna.intranet: Send push notifications``:
Manager and the job account's role Push Sender), see queue.py:

- ``GET @push-utkorg``: a dry run, nothing changes: ``{"@id", "dry_run":
  true, "events", "events_later", "ready", "later"}``.
- ``POST @push-utkorg`` ``{"limit": n}`` (1–1000, default 500):
  ``queue.claim``'s answer ``{"deliveries", "vapid", "more"}``.
- ``POST @push-kvitton`` ``{"results": {delivery id: HTTP status}}``
  (0 for a network error): ``queue.report``'s counts.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet import _
from solna.intranet.login import devices
from solna.intranet.push import queue
from solna.intranet.push import settings
from solna.intranet.push import subscriptions
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from solna.intranet.rest import listing
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides


UNKNOWN_SETTING = _(
    "push_error_unknown_setting",
    default="There is no setting ${name}. The settings are: ${names}.",
)
BAD_SETTING = _(
    "push_error_setting_value",
    default='Give the settings as {"settings": {"mustread": true}}: each '
    "true or false.",
)
NOT_ON = _(
    "push_error_not_on",
    default="Notifications are not on for that browser.",
)
BAD_LIMIT = _(
    "push_error_limit",
    default="Give limit as a whole number from 1 to 1000.",
)
BAD_RESULTS = _(
    "push_error_results",
    default='Send the results as {"results": {"<id>": HTTP status}}, the '
    "status a whole number (0 for a network error).",
)
MAX_LIMIT = 1000


def _userid():
    return api.user.get_current().getId()


def overview(context, request):
    """The answer of GET @aviseringar."""
    from solna.intranet.push import vapid

    userid = _userid()
    items = [subscriptions.describe(s, request) for s in subscriptions.of(userid)]
    current = settings.get(userid)
    return listing(
        context,
        "@aviseringar",
        items,
        settings=current,
        public_key=vapid.available_key(),
        # Her Tysta timmar (one setting for mail and push: @tysta-timmar).
        quiet_hours={"from": current.hours["start"], "until": current.hours["end"]},
        crisis_always=True,
    )


class NotificationsGet(Service):
    """GET @aviseringar."""

    def reply(self):
        return overview(self.context, self.request)


class NotificationsPatch(Service):
    """PATCH @aviseringar {"settings": {switch: bool}}."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # see security/csrf.py
        body = json_object(self.request)
        values = body.get("settings")
        if not isinstance(values, dict) or not all(
            isinstance(v, bool) for v in values.values()
        ):
            return error(self.request, BAD_SETTING)
        for name in values:
            if name not in settings.DEFAULTS:
                mapping = {"name": name, "names": ", ".join(settings.DEFAULTS)}
                return error(self.request, Message(UNKNOWN_SETTING, mapping=mapping))
        settings.save(_userid(), values)
        return overview(self.context, self.request)


class SubscriptionPost(Service):
    """POST @push-prenumeration: push on for the device in hand."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            endpoint, p256dh, auth = subscriptions.validate(
                json_object(self.request), self.request
            )
            userid = _userid()
            me, device_id = devices.sign_in_id(self.request)
            subscription, new = subscriptions.subscribe(
                userid,
                device_id if me == userid else None,
                endpoint,
                p256dh,
                auth,
                self.request.getHeader("User-Agent") or "",
            )
        except subscriptions.Invalid as invalid:
            return error(self.request, invalid.message)
        self.request.response.setStatus(201 if new else 200)
        return subscriptions.describe(subscription, self.request)


class SubscriptionDelete(Service):
    """DELETE @push-prenumeration {"endpoint"} or {"id"}: push off."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request)
        userid = _userid()
        key = body.get("id")
        if isinstance(key, str) and key:
            done = subscriptions.remove(userid, key)
        else:
            done = subscriptions.unsubscribe(userid, body.get("endpoint"))
        if not done:
            self.request.response.setStatus(404)
            return {
                "error": {
                    "type": "NotFound",
                    "message": translate(NOT_ON, context=self.request),
                }
            }
        self.request.response.setStatus(204)
        return None


class Outbox(Service):
    """@push-utkorg: GET a dry run, POST claim (the sending job)."""

    def reply(self):
        url = f"{self.context.absolute_url()}/@push-utkorg"
        if self.request.get("REQUEST_METHOD", "GET").upper() != "POST":
            return {"@id": url, "dry_run": True, **queue.waiting()}
        alsoProvides(self.request, IDisableCSRFProtection)  # a job's credentials
        limit = json_object(self.request).get("limit", 500)
        if (
            not isinstance(limit, int)
            or isinstance(limit, bool)
            or not 0 < limit <= MAX_LIMIT
        ):
            return error(self.request, BAD_LIMIT)
        return queue.claim(limit)


class Receipts(Service):
    """POST @push-kvitton: the push services' answers."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        results = json_object(self.request).get("results")
        if not isinstance(results, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 1000
            for v in results.values()
        ):
            return error(self.request, BAD_RESULTS)
        return {
            "@id": f"{self.context.absolute_url()}/@push-kvitton",
            **queue.report(results),
        }
