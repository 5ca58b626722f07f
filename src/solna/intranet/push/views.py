"""The pages of push notifications: ``@@aviseringar`` (this phone on or
off, the member's phones with push on, her settings) and the prompt on
Mitt intranät. The browser's side (asking for permission, subscribing,
telling the server) is static/push/push.js; its Swedish texts come from
here, in ``data-solna-push`` (JSON), so the script holds no text.

A page view writes nothing: the settings form and "Ta bort" are POSTs
with plone.protect's token; the prompt counts visits in the browser
(localStorage), never on the server.
"""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet.interfaces import IToolPage
from solna.intranet.push import settings
from solna.intranet.push import subscriptions
from zope.i18n import translate
from zope.interface import implementer

import functools
import hashlib
import json
import pathlib


STATIC = pathlib.Path(__file__).parent.parent / "static" / "push"

SAVED = _("push_saved", default="Your notification settings are saved.")
REMOVED = _("push_removed", default="That phone no longer gets notifications.")
NO_SUCH_PHONE = _("push_no_such_phone", default="That phone is not in the list.")

#: The texts push.js shows (key: message).
SCRIPT_TEXTS = {
    "unsupported": _(
        "push_js_unsupported",
        default="This browser cannot receive notifications.",
    ),
    "iphone": _(
        "push_js_iphone",
        default="On an iPhone, notifications only reach the intranet added to "
        "the home screen: tap Share, then Add to Home Screen, open the "
        "intranet from there and turn notifications on.",
    ),
    "blocked": _(
        "push_js_blocked",
        default="Notifications are blocked in the browser's settings. Allow "
        "notifications for the intranet there and try again.",
    ),
    "failed": _(
        "push_js_failed",
        default="Notifications could not be turned on in this browser. Try "
        "again later.",
    ),
    "unavailable": _(
        "push_js_unavailable",
        default="Notifications to phones are not available on the intranet "
        "right now. Try again later.",
    ),
    "on": _("push_js_on", default="Notifications are on for this phone."),
    "off": _("push_js_off", default="Notifications are off for this phone."),
    "working": _("push_js_working", default="One moment…"),
    "turn_on": _("push_turn_on", default="Turn notifications on"),
    "turn_off": _("push_turn_off", default="Turn notifications off"),
}


@functools.cache
def script_version():
    """A hash of push's static files (computed once per process): the
    script's URL changes with a release, so no browser keeps an old one."""
    digest = hashlib.sha256()
    for path in sorted(STATIC.glob("*.js")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def script_url():
    portal_url = api.portal.get().absolute_url()
    return f"{portal_url}/++plone++solna.intranet/push/push.js?v={script_version()}"


def script_config(request, mode):
    """The JSON push.js reads from ``data-solna-push``: the public key, the
    REST address, this member's subscribed endpoints (as hashes: the
    script tells whether this browser's is one), the texts, and ``mode``
    ("page" or "prompt")."""
    from solna.intranet.push import vapid

    portal_url = api.portal.get().absolute_url()
    userid = api.user.get_current().getId()
    return json.dumps(
        {
            "mode": mode,
            "publicKey": vapid.available_key(),
            "subscribeUrl": f"{portal_url}/@push-prenumeration",
            "portalUrl": portal_url,
            "keys": [s.key for s in subscriptions.of(userid)],
            "texts": {
                key: translate(message, context=request)
                for key, message in SCRIPT_TEXTS.items()
            },
        },
        ensure_ascii=False,
    )


@implementer(IToolPage)
class NotificationsView(BrowserView):
    """``@@aviseringar``: push on or off for this phone, the member's
    phones with push on (each with "Ta bort"), the settings form."""

    def __call__(self):
        if self.request.method == "POST":
            return self._post()
        return self.index()

    def userid(self):
        return api.user.get_current().getId()

    def config(self):
        return script_config(self.request, "page")

    def script(self):
        return script_url()

    def phones(self):
        mine = subscriptions.of(self.userid())
        return [subscriptions.describe(s, self.request) for s in mine]

    def switches(self):
        """[{"name", "label", "checked"}] for the form."""
        current = settings.get(self.userid())
        found = [
            {"name": name, "label": label, "checked": current[name]}
            for name, label in settings.SWITCHES.items()
        ]
        found.append(
            {
                "name": settings.WEEKENDS,
                "label": settings.WEEKENDS_LABEL,
                "checked": current[settings.WEEKENDS],
            }
        )
        return found

    def action(self):
        return f"{api.portal.get().absolute_url()}/@@aviseringar"

    def token(self):
        return createToken()

    def _post(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        messages = IStatusMessage(self.request)
        userid = self.userid()
        if "solna-push-remove" in form:
            key = form.get("subscription")
            if isinstance(key, str) and subscriptions.remove(userid, key):
                messages.add(translate(REMOVED, context=self.request), "info")
            else:
                messages.add(translate(NO_SUCH_PHONE, context=self.request), "error")
        elif "solna-push-save" in form:
            chosen = {name: bool(form.get(name)) for name in settings.DEFAULTS}
            settings.save(userid, chosen)
            messages.add(translate(SAVED, context=self.request), "info")
        return self.request.response.redirect(self.action())


class PromptViewlet(ViewletBase):
    """On Mitt intranät: "Vill du få notiser i telefonen?". Rendered hidden;
    push.js shows it only after she has used the site (the third day with
    a visit or the fifth view of the page, counted in localStorage), when
    the browser supports push, permission is still "default" and she has
    not answered "Inte nu"."""

    def available(self):
        return not api.user.is_anonymous()

    def config(self):
        return script_config(self.request, "prompt")

    def script(self):
        return script_url()

    def settings_url(self):
        return f"{api.portal.get().absolute_url()}/@@aviseringar"

    def render(self):
        return self.index() if self.available() else ""
