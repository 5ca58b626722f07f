"""Tysta timmar, the member's page ``@@tysta-timmar`` and REST
``@tysta-timmar`` (GET, PATCH): when the intranet leaves her alone, by mail
and by push (one setting: solna.intranet.quiet_hours).

REST: ``GET @tysta-timmar`` → ``{"@id", "settings": {"start": "18:00",
"end": "07:00", "weekends": true, "shift": false, "days": [], "work_mail":
false}, "defaults": {...}, "quiet_now": bool, "quiet_until": ISO or null,
"crisis_always": true}``; ``PATCH`` ``{"settings": {...}}`` changes the
keys given and answers as GET; 400 with a Swedish message for anything
else (nothing saved).

A page view writes nothing; the form is a POST with plone.protect's token.
"""

from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet import mail
from solna.intranet import quiet_hours
from solna.intranet.dates import zone
from solna.intranet.interfaces import IToolPage
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer


SAVED = _("quiet_saved", default="Your quiet hours are saved.")
BAD_BODY = _(
    "quiet_error_body",
    default='Give the settings as {"settings": {"start": "18:00"}}.',
)


def _userid():
    return api.user.get_current().getId()


@implementer(IToolPage)
class QuietHoursView(BrowserView):
    """``@@tysta-timmar``: the form."""

    def __call__(self):
        if self.request.method == "POST":
            return self._post()
        return self.index()

    def settings(self):
        """What the form shows: what she typed, after a refusal (nothing she
        typed is lost), else her stored settings."""
        typed = getattr(self, "_typed", None)
        return typed if typed is not None else quiet_hours.get(_userid())

    def days(self):
        chosen = set(self.settings()["days"])
        return [
            {"value": number, "label": label, "checked": number in chosen}
            for number, label in enumerate(quiet_hours.DAY_NAMES)
        ]

    def action(self):
        return f"{api.portal.get().absolute_url()}/@@tysta-timmar"

    def token(self):
        return createToken()

    def now_quiet(self):
        return quiet_hours.quiet(quiet_hours.clock(), quiet_hours.get(_userid()))

    def _post(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        messages = IStatusMessage(self.request)
        days = form.get("days", [])
        if isinstance(days, str):
            days = [days]
        typed = {
            "start": form.get("start", ""),
            "end": form.get("end", ""),
            "weekends": bool(form.get("weekends")),
            "shift": bool(form.get("shift")),
            "days": days,
            "work_mail": bool(form.get("work_mail")),
        }
        try:
            values = {**typed, "days": [int(day) for day in days]}
            quiet_hours.save(_userid(), values)
        except (TypeError, ValueError) as refused:
            message = getattr(refused, "message", quiet_hours.BAD_DAYS)
            messages.add(translate(message, context=self.request), "error")
            # The form again with what she typed, not a redirect.
            self._typed = {
                **typed,
                "days": [int(d) for d in days if str(d).isdigit()],
            }
            self.request.response.setStatus(400)
            return self.index()
        mail.reschedule(_userid())
        messages.add(translate(SAVED, context=self.request), "info")
        return self.request.response.redirect(self.action())


class Get(Service):
    def reply(self):
        hours = quiet_hours.get(_userid())
        now = quiet_hours.clock()
        until = quiet_hours.quiet_until(now, hours)
        return {
            "@id": f"{api.portal.get().absolute_url()}/@tysta-timmar",
            "settings": hours,
            "defaults": dict(quiet_hours.DEFAULTS),
            "quiet_now": until is not None,
            "quiet_until": until.astimezone(zone()).isoformat() if until else None,
            "crisis_always": True,
        }


class Patch(Get):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        values = body.get("settings") if isinstance(body, dict) else None
        if not isinstance(values, dict):
            return error(self.request, BAD_BODY)
        try:
            quiet_hours.save(_userid(), values)
        except quiet_hours.Invalid as refused:
            return error(self.request, refused.message)
        mail.reschedule(_userid())
        return super().reply()
