"""Kom ihåg den här telefonen: a phone that stays signed in for 90 days of
use, the member's list of signed-in devices, and signing one device, or a
person everywhere, out (issue 16).

**The session plugin.** The site's PAS plugin ``session`` (plone.session's
``SessionPlugin``, which sets and reads the ``__ac`` cookie) is replaced by
``DeviceSessionPlugin``, a subclass with the same id and settings
(``install``; ``uninstall`` puts plone.session's back). Every sign-in route
ends in it: the password form and REST ``@login`` through PAS
``updateCredentials`` (Plone's ``_post_login``), the one-time code and the
invitation through ``signin.sign_in`` (the same), single sign-on through
pas.plugins.oidc, which calls ``_setupSession(userid, response)`` itself.

- **The ticket.** plone.session's signed ticket (HMAC-SHA256,
  mod_auth_tkt's layout) carries ``user_data = "d=<device id>;r=<0|1>"``:
  which device, and whether it is remembered. The HMAC covers it, so the
  device id need not be secret. Tickets are signed with a keyring of our
  own (``RING``), which plone.protect does not rotate every week (a ring
  keeps five secrets, so a ticket signed once would die after about five
  weeks; docs/design/issue-16-login-sessions.md §3.1).
- **The device record** (``Device``): kept on the plugin, per member; a
  ticket whose device record is gone (signed out) does not sign in.
- **Remembered** (the login form's "Kom ihåg den här telefonen", ticked by
  default; every other route remembers): the cookie gets
  ``Max-Age``/``Expires`` of 90 days, and the ticket is valid for 90 days
  after it was issued. On the first request (a page or REST, not a static
  resource a proxy may cache) a day or more after the ticket was issued,
  the cookie is issued again (sliding), and the device's ``last_used``
  written, at most once a day per device, in a transaction of its own
  (``write_apart``), so
  that a page view never writes to the ZODB otherwise (and plone.protect
  sees no write on a GET). Not remembered: a cookie for the browser session
  and the plugin's own ``timeout`` (plone.session's 2 hours) from the sign
  in, as before.
- **Older tickets** (signed with Plone's ``_system`` ring before the
  plugin was replaced) keep plone.session's rule: valid for ``timeout``.
- **Signing out.** Plone's logout (``resetCredentials``) forgets this
  device (and the JWT the request carried). ``sign_out`` forgets one device
  or all of a member's; all also drops the member's JWTs
  (plone.restapi's ``jwt_auth`` with ``store_tokens``, turned on by
  ``install``: a token that is not stored does not sign in; plone.restapi
  keeps the tokens as issued). The keyring's "Clear secrets" (ZMI) signs
  everyone out.
- **What is stored** per device: a random id, the browser and the system
  named from the User-Agent ("Safari", "iPhone"; not the header itself),
  first and last use (seconds since the epoch; the last use to the day),
  remembered or not. No IP address, no place. A record is removed when
  signed out, and 90 days after its last use (a remembered device) or
  when its ticket cannot be valid any more (not remembered): the member's
  records whenever one is added, everyone's once a day (on the first sign
  in of the day).

**Why no User-Agent library.** The list only has to let a person tell their
phone from their computer: a dozen substrings decide that. ua-parser and
user-agents carry large regular-expression files that must be updated as
browsers change, for names we would not show.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.requestmethod import postonly
from AccessControl.SecurityInfo import ClassSecurityInfo
from App.config import getConfiguration
from BTrees.OOBTree import OOBTree
from OFS.ObjectManager import ObjectManager
from persistent import Persistent
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from plone.rest.interfaces import IAPIRequest
from plone.session import tktauth
from plone.session.plugins.session import SessionPlugin
from Products.Five import BrowserView
from Products.PluggableAuthService.permissions import ManageUsers
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet import logger
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.interfaces import IToolPage
from solna.intranet.login import accounts
from solna.intranet.login import codes
from solna.intranet.login import signin
from solna.intranet.login.events import DevicesSignedOut
from solna.intranet.members import fullname
from solna.intranet.security.headers import over_https
from urllib.parse import urlencode
from ZODB.POSException import ConflictError
from zope.component import getUtility
from zope.component import queryUtility
from zope.event import notify
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer

import binascii
import collections
import contextlib
import hashlib
import secrets
import time
import transaction


DAY = 24 * 60 * 60
#: How long a remembered device stays signed in after its last use.
REMEMBER_DAYS = 90
REMEMBER = REMEMBER_DAYS * DAY
#: The ticket is issued again (and the last use written) at most this often.
REFRESH = DAY
#: The keyring that signs device tickets (in the site's key manager).
RING = "_solna_session"
#: Who may see and sign out another person's devices (HR, administrators).
PERMISSION = "solna.intranet: Sign out people"
PERMISSION_ROLES = ("Manager", "Site Administrator", "HR Editor", "HR Reviewer")
#: The settings of plone.session's plugin that the replacement keeps.
NOT_SETTINGS = ("_devices", "_sweep")
#: Request keys: devices slid in this request; the device a sign-in made.
SLID = "solna.devices.slid"

AGENT = _("devices_agent", default="${browser} on ${system}")
UNKNOWN_BROWSER = _("devices_unknown_browser", default="Unknown browser")
UNKNOWN_SYSTEM = _("devices_unknown_system", default="unknown system")
API = _("devices_api", default="Sign-in of an app (API)")
APP = _("devices_app", default="App or program")


# --- Naming a device from its User-Agent -----------------------------------

#: (substring, name): the first that the User-Agent contains names it. Order
#: matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome also
#: says "Safari", iOS browsers say "Safari" with their own mark.
BROWSERS = (
    ("EdgiOS/", "Edge"),
    ("EdgA/", "Edge"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)


def describe(user_agent):
    """(browser, system) named from a User-Agent header: ("Safari",
    "iPhone"), ("Chrome", "Android"); "" for what it does not tell."""
    agent = user_agent or ""
    browser = next((name for mark, name in BROWSERS if mark in agent), "")
    system = next((name for mark, name in SYSTEMS if mark in agent), "")
    return browser, system


def device_name(browser, system, request=None):
    """ "Safari på iPhone" (translated)."""
    mapping = {
        "browser": browser or translate(UNKNOWN_BROWSER, context=request),
        "system": system or translate(UNKNOWN_SYSTEM, context=request),
    }
    return translate(Message(AGENT, mapping=mapping), context=request)


# --- Writing apart from the request ----------------------------------------


def write_apart(obj, change):
    """Apply ``change(obj)`` to the stored ``obj`` in a transaction of its
    own, retried up to three times on a conflict: a GET that changes only
    this stays a GET without writes for plone.protect, and an aborted
    request does not undo it. ``change`` must be safe to run again (it gets
    the object as freshly read). An object not yet committed is changed in
    the request's own transaction. Returns True when the change was
    stored."""
    jar = getattr(obj, "_p_jar", None)
    if jar is None or obj._p_oid is None:
        change(obj)
        return True
    manager = transaction.TransactionManager()
    connection = jar.db().open(transaction_manager=manager)
    try:
        for _attempt in range(3):
            try:
                manager.begin()
                change(connection.get(obj._p_oid))
                manager.commit()
                return True
            except ConflictError:
                manager.abort()
        logger.info("A device record could not be written (conflicts)")
        return False
    except KeyError:  # created in a transaction not yet committed elsewhere
        manager.abort()
        change(obj)
        return True
    finally:
        connection.close()


# --- What is stored ----------------------------------------------------------


class Device(Persistent):
    """One signed-in browser (or app) of a member: ``id`` (32 hex digits),
    ``browser`` and ``system`` (names, "" when unknown), ``kind`` ("browser"
    or "app": signed in over REST), ``remember`` (bool), ``first_used`` and
    ``last_used`` (seconds since the epoch; the last use is written at most
    once a day)."""

    def __init__(self, device_id, browser, system, kind, remember, now):
        self.id = device_id
        self.browser = browser
        self.system = system
        self.kind = kind
        self.remember = bool(remember)
        self.first_used = self.last_used = now


class _SweepState(Persistent):
    """When all members' records were last pruned (a date string)."""

    day = ""


Ticket = collections.namedtuple(
    "Ticket", "userid tokens user_data stamp device_id remember"
)


def make_user_data(device_id, remember):
    """The ticket's user data for a device: "d=<id>;r=<0|1>"."""
    return f"d={device_id};r={int(bool(remember))}"


def parse_user_data(text):
    """(device id or None, remembered) from a ticket's user data."""
    parts = dict(p.split("=", 1) for p in (text or "").split(";") if "=" in p)
    device_id = parts.get("d") or None
    return device_id, parts.get("r") == "1"


def _static(request):
    """Is it a request for a static resource (``++plone++``, ``++theme++``,
    ...)? Those are not a day's use, and their answers may be cached by a
    proxy: no new cookie on them."""
    path = request.get("PATH_INFO", "") or ""
    return "/++" in path.replace("/++api++", "")


# --- The plugin ----------------------------------------------------------------


class DeviceSessionPlugin(SessionPlugin):
    """plone.session's plugin with a device in every ticket (see the module's
    description)."""

    meta_type = "Solna Device Session Plugin"
    security = ClassSecurityInfo()

    _devices = None  # userid -> OOBTree(device id -> Device)
    _sweep = None

    # -- storage --

    def _tree(self, userid):
        return self._devices.get(userid) if self._devices is not None else None

    def device(self, userid, device_id):
        """The Device record, or None (signed out, pruned, unknown)."""
        tree = self._tree(userid)
        return tree.get(device_id) if tree is not None else None

    def devices_of(self, userid):
        """The member's Device records (those still valid), newest use first."""
        tree = self._tree(userid)
        now = time.time()
        found = [d for d in (tree.values() if tree else ()) if self._alive(d, now)]
        return sorted(found, key=lambda d: d.last_used, reverse=True)

    def _alive(self, device, now):
        """Could a ticket of this device still sign in?"""
        if device.remember:
            # The ticket may have been issued up to a day after the last
            # use was written.
            return device.last_used + REMEMBER + REFRESH > now
        # Not remembered: the ticket of the last sign-in, for ``timeout``.
        return device.last_used + int(self.getProperty("timeout")) > now

    def _prune(self, tree, now):
        for device_id, device in list(tree.items()):
            if not self._alive(device, now):
                del tree[device_id]

    def _sweep_all(self, now, skip=None):
        """Once a day, in a transaction of its own: drop every member's
        records that cannot sign in any more (``skip``: a member whose
        records the request itself prunes)."""
        if self._sweep is None or self._devices is None:
            return
        today = time.strftime("%Y-%m-%d", time.gmtime(now))
        if self._sweep.day == today:
            return
        devices = self._devices

        def sweep(state):
            if state.day == today:
                return
            state.day = today
            jar = state._p_jar
            tree = jar.get(devices._p_oid) if jar is not None else devices
            for userid in list(tree.keys()):
                if userid == skip:
                    continue
                self._prune(tree[userid], now)
                if not len(tree[userid]):
                    del tree[userid]

        write_apart(self._sweep, sweep)

    # -- secrets --

    def _ring(self, create=False):
        manager = queryUtility(IKeyManager)
        if manager is None:
            return None
        if RING not in manager and create:
            manager[RING] = Keyring(2)
            manager[RING].fill()
        return manager.get(RING)

    def _getSigningSecret(self, userid):
        if self._shared_secret is not None:
            return self._shared_secret
        return self._ring(create=True).current

    def _device_secrets(self):
        if self._shared_secret is not None:
            return [self._shared_secret]
        ring = self._ring()
        return [s for s in ring if s] if ring is not None else []

    def _legacy_secrets(self):
        if self._shared_secret is not None:
            return []
        manager = queryUtility(IKeyManager)
        if manager is None or "_system" not in manager:
            return []
        return [s for s in manager["_system"] if s]

    # -- tickets --

    def read_ticket(self, ticket, now=None):
        """The Ticket a cookie's ticket stands for if it is still valid by
        its signature and its age, or None. (Whether its device is still
        signed in is the caller's question.)"""
        if now is None:
            now = time.time()
        try:
            _digest, userid, tokens, data, stamp = tktauth.splitTicket(ticket)
        except (ValueError, UnicodeDecodeError):
            return None
        mod_auth_tkt = self.getProperty("mod_auth_tkt")
        device_id, remember = parse_user_data(data)
        for secret in self._device_secrets():
            if tktauth.validateTicket(
                secret, ticket, timeout=REMEMBER, now=now, mod_auth_tkt=mod_auth_tkt
            ):
                if device_id is None:
                    return None
                limit = REMEMBER if remember else int(self.getProperty("timeout"))
                if stamp + limit <= now:
                    return None
                return Ticket(userid, tokens, data, stamp, device_id, remember)
        # Signed by plone.session before this plugin replaced it.
        for secret in self._legacy_secrets():
            if tktauth.validateTicket(
                secret,
                ticket,
                timeout=int(self.getProperty("timeout")),
                now=now,
                mod_auth_tkt=mod_auth_tkt,
            ):
                if device_id is not None:
                    return None
                return Ticket(userid, tokens, data, stamp, None, False)
        return None

    def _request_ticket(self, request, now=None):
        """The valid Ticket of the request's cookie whose device is signed
        in (or an older ticket without a device), or None."""
        if request is None:
            return None
        credentials = self.extractCredentials(request)
        if "cookie" not in credentials:
            return None
        ticket = self.read_ticket(credentials["cookie"], now)
        if ticket is None:
            return None
        if ticket.device_id and self.device(ticket.userid, ticket.device_id) is None:
            return None
        return ticket

    def _issue(self, userid, response, tokens, data, remember):
        cookie = tktauth.createTicket(
            secret=self._getSigningSecret(userid),
            userid=userid,
            tokens=tokens,
            user_data=data,
            mod_auth_tkt=self.getProperty("mod_auth_tkt"),
        )
        request = getattr(self, "REQUEST", None)
        secure = bool(request is not None and over_https(request))
        if self.getProperty("secure") and not getConfiguration().debug_mode:
            secure = True
        options = dict(
            path=self.getProperty("path"),
            secure=secure,
            http_only=True,
            same_site="Lax",
        )
        if self.getProperty("cookie_domain"):
            options["domain"] = self.getProperty("cookie_domain")
        if remember:
            options["max_age"] = REMEMBER
        elif self.getProperty("cookie_lifetime"):
            options["max_age"] = int(self.getProperty("cookie_lifetime")) * DAY
        response.setCookie(
            self.getProperty("cookie_name"),
            binascii.b2a_base64(cookie).rstrip(),
            **options,
        )

    # -- ISessionPlugin: a sign-in --

    def _setupSession(self, userid, response, tokens=(), user_data=""):
        """Set the cookie of a sign-in (``user_data`` without a device: a
        new sign-in on this browser, or the same device again) or of a
        refresh (``user_data`` names the device)."""
        device_id, remember = parse_user_data(user_data)
        if device_id is None:
            device_id, remember = self._sign_in(userid, getattr(self, "REQUEST", None))
            user_data = make_user_data(device_id, remember)
        self._issue(userid, response, tokens, user_data, remember)

    def _sign_in(self, userid, request):
        """The device a sign-in of ``userid`` on this request is: the one
        the browser's valid cookie already names for the same member (a
        password change, the login form opened again), else a new record;
        a valid cookie of another member on this browser ends that
        member's device (``forget``). Returns (device id, remembered)."""
        now = time.time()
        form = getattr(request, "form", {}) if request is not None else {}
        remember = bool(form.get("remember", True))
        current = self._request_ticket(request, now)
        if current is not None and current.userid != userid and current.device_id:
            # Another member signs in on this browser (a shared phone): the
            # previous member's cookie is replaced and can never sign in
            # again, so her device ends here, and with it what is kept per
            # device (her push subscription: her notices must not reach the
            # next member's lock screen).
            self.forget(current.userid, current.device_id)
            current = None
        if current is not None and current.userid == userid and current.device_id:
            device = self.device(userid, current.device_id)
            if "remember" in form and device.remember != remember:
                device.remember = remember
            if not device.remember:
                device.last_used = now  # its new ticket's time
            return device.id, device.remember
        if self._devices is None:
            self._devices = OOBTree()
        tree = self._devices.get(userid)
        if tree is None:
            tree = self._devices[userid] = OOBTree()
        else:
            self._prune(tree, now)
        browser, system = describe(
            request.getHeader("User-Agent") if request is not None else ""
        )
        api_request = request is not None and IAPIRequest.providedBy(request)
        kind = "app" if api_request else "browser"
        device = Device(secrets.token_hex(16), browser, system, kind, remember, now)
        tree[device.id] = device
        self._sweep_all(now, skip=userid)
        return device.id, remember

    # -- IAuthenticationPlugin --

    def authenticateCredentials(self, credentials):
        if credentials.get("source", None) != "plone.session":
            return None
        now = time.time()
        ticket = self.read_ticket(credentials["cookie"], now)
        if ticket is None:
            return None
        device = None
        if ticket.device_id is not None:
            device = self.device(ticket.userid, ticket.device_id)
            if device is None:
                return None  # signed out, or pruned
        pas = self._getPAS()
        info = pas._verifyUser(pas.plugins, user_id=ticket.userid)
        if info is None:
            return None
        if device is not None and ticket.remember:
            self._slide(ticket, device, now)
        return (info["id"], info["login"])

    def _slide(self, ticket, device, now):
        """Once a day of use: a new cookie for another 90 days, and the
        device's last use written apart."""
        request = getattr(self, "REQUEST", None)
        if request is None or _static(request):
            return
        slid = request.other.setdefault(SLID, set())
        if ticket.device_id in slid:
            return
        slid.add(ticket.device_id)
        if now - ticket.stamp >= REFRESH:
            self._issue(
                ticket.userid,
                request.response,
                ticket.tokens,
                ticket.user_data,
                True,
            )
        if now - device.last_used >= REFRESH:

            def touch(fresh):
                if now - fresh.last_used >= REFRESH:
                    fresh.last_used = now

            write_apart(device, touch)

    # -- plone.session's refresh (acl_users/session/refresh) --

    def _refreshSession(self, request, now=None):
        ticket = self._request_ticket(request, now)
        if ticket is None or ticket.device_id is None:
            return None
        if ticket.remember:
            self._issue(
                ticket.userid, request.response, ticket.tokens, ticket.user_data, True
            )
        return True

    # -- ICredentialsResetPlugin: Plone's logout, on this device --

    def resetCredentials(self, request, response):
        ticket = self._request_ticket(request)
        if ticket is not None and ticket.device_id is not None:
            tree = self._tree(ticket.userid)
            if tree is not None:
                device_id = ticket.device_id
                write_apart(tree, lambda fresh: fresh.pop(device_id, None))
                notify(DevicesSignedOut(ticket.userid, [device_id], apart=True))
        forget_bearer(request)
        super().resetCredentials(request, response)

    # -- signing out --

    def forget(self, userid, device_id=None, keep=None):
        """Forget one device of ``userid`` (``device_id``) or all but
        ``keep`` (None: all), in the request's transaction. Returns how
        many were forgotten."""
        tree = self._tree(userid)
        if tree is None:
            if device_id is None and keep is None:
                notify(DevicesSignedOut(userid))  # app sign-ins too
            return 0
        if device_id is not None:
            if tree.pop(device_id, None) is None:
                return 0
            notify(DevicesSignedOut(userid, [device_id]))
            return 1
        gone = [d for d in tree if d != keep]
        for each in gone:
            del tree[each]
        if not len(tree):
            del self._devices[userid]
        notify(DevicesSignedOut(userid, None if keep is None else gone))
        return len(gone)

    # -- the ZMI's secrets: our ring too --

    @security.protected(ManageUsers)
    @postonly
    def manage_clearSecrets(self, REQUEST):
        """Clear all secrets: everyone is signed out everywhere."""
        ring = self._ring()
        if ring is not None:
            ring.clear()
            ring.rotate()
        return super().manage_clearSecrets(REQUEST)

    @security.protected(ManageUsers)
    @postonly
    def manage_createNewSecret(self, REQUEST):
        """A new signing secret (tickets signed with the old one stay valid)."""
        ring = self._ring()
        if ring is not None:
            ring.rotate()
        return super().manage_createNewSecret(REQUEST)


InitializeClass(DeviceSessionPlugin)


# --- JWTs (plone.restapi's jwt_auth with store_tokens) ---------------------


def _jwt():
    pas = api.portal.get_tool("acl_users")
    plugin = pas._getOb("jwt_auth", None)
    if plugin is None or not getattr(plugin, "store_tokens", False):
        return None
    if getattr(plugin, "_tokens", None) is None:
        return None
    return plugin


def token_id(token):
    """The id a stored JWT has in the device list: "api-" and 24 hex digits
    of its SHA-256 (the token itself never leaves the server)."""
    return "api-" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:24]


def _bearer(request):
    auth = getattr(request, "_auth", None) or ""
    return auth.split()[-1] if auth[:7].lower() == "bearer " else None


def forget_bearer(request):
    """Forget the JWT this request carries, if any (a logout)."""
    plugin = _jwt()
    token = _bearer(request)
    if plugin is not None and token:
        plugin.delete_token(token)


def _tokens(userid):
    """[(token, issued, expires or None)] of the member's stored JWTs that
    still sign in."""
    plugin = _jwt()
    if plugin is None:
        return []
    found = []
    for token, issued in (plugin._tokens.get(userid) or {}).items():
        payload = plugin._decode_token(token)
        if payload:
            found.append((token, issued, payload.get("exp")))
    return found


def _forget_tokens(userid, only=None, keep=None):
    """Forget the member's JWTs (``only``: that token id; ``keep``: all but
    that token). Returns how many. Tokens forgotten one by one are
    announced by their ids (``DevicesSignedOut``); forgetting all of them
    is part of signing out everywhere, which announces it."""
    plugin = _jwt()
    if plugin is None:
        return 0
    stored = plugin._tokens.get(userid)
    if stored is None:
        return 0
    if only is None and keep is None:
        count = len(stored)
        del plugin._tokens[userid]
        return count
    gone = []
    for token in list(stored.keys()):
        if token == keep:
            continue
        if only is not None and token_id(token) != only:
            if not plugin._decode_token(token):
                del stored[token]  # expired: pruned while we write
            continue
        del stored[token]
        gone.append(token_id(token))
    if gone:
        notify(DevicesSignedOut(userid, gone))
    return len(gone)


# --- The API the pages, REST, reset and other routes use ---------------------


def plugin():
    """The site's DeviceSessionPlugin, or None (not installed)."""
    pas = api.portal.get_tool("acl_users")
    found = pas._getOb("session", None)
    return found if isinstance(found, DeviceSessionPlugin) else None


def current(request):
    """(userid, device id) the request's cookie signs in with, or (None,
    None)."""
    session = plugin()
    ticket = session._request_ticket(request) if session is not None else None
    if ticket is None:
        return None, None
    return ticket.userid, ticket.device_id


def sign_in_id(request):
    """(userid, id) of the sign-in this request uses, as the device list
    names it: a browser's device id, or for an app's stored JWT
    (``Authorization: Bearer``) its "api-…" token id; (None, None) for
    anything else (a cookie from before devices, HTTP basic)."""
    userid, device_id = current(request)
    if device_id is not None:
        return userid, device_id
    bearer = _bearer(request)
    me = api.user.get_current().getId()
    if bearer and me and any(t == bearer for t, _i, _e in _tokens(me)):
        return me, token_id(bearer)
    return None, None


def signs_in(userid, device_id, now=None):
    """Does this sign-in of the member (a device id or an "api-…" token id,
    as ``sign_in_id`` gives them) still sign in: not signed out, not
    expired?"""
    if device_id.startswith("api-"):
        return any(token_id(t) == device_id for t, _i, _e in _tokens(userid))
    session = plugin()
    if session is None:
        return True
    device = session.device(userid, device_id)
    return device is not None and session._alive(device, now or time.time())


def device_list(userid, request):
    """The member's signed-in devices and app sign-ins, for the page and
    REST: a list of dicts ``{"id", "kind": "browser" | "app" | "api",
    "name", "first_used", "last_used" (seconds since the epoch; None for an
    API sign-in), "remember", "current", "expires" (API: seconds or None)}``,
    the device in use first, then by last use."""
    session = plugin()
    me, this_device = current(request)
    bearer = _bearer(request)
    items = []
    for device in session.devices_of(userid) if session is not None else ():
        kind = getattr(device, "kind", "browser")
        if kind == "app" and not (device.browser or device.system):
            name = translate(APP, context=request)
        else:
            name = device_name(device.browser, device.system, request)
        items.append(
            {
                "id": device.id,
                "kind": kind,
                "name": name,
                "first_used": device.first_used,
                "last_used": device.last_used,
                "remember": device.remember,
                "current": me == userid and device.id == this_device,
                "expires": None,
            }
        )
    for token, issued, expires in _tokens(userid):
        items.append(
            {
                "id": token_id(token),
                "kind": "api",
                "name": translate(API, context=request),
                "first_used": float(issued),
                "last_used": None,
                "remember": False,
                "current": token == bearer,
                "expires": expires,
            }
        )
    items.sort(key=lambda i: (not i["current"], -(i["last_used"] or i["first_used"])))
    return items


def shown(item, request):
    """A device_list item with its times for people (Swedish) and REST
    (ISO 8601)."""
    return {
        **item,
        "first_used_display": display(item["first_used"], request),
        "last_used_display": display(item["last_used"], request)
        if item["last_used"]
        else "",
        "first_used_iso": iso(item["first_used"]),
        "last_used_iso": iso(item["last_used"]) if item["last_used"] else None,
    }


def sign_out(userid, device_id=None):
    """Sign ``userid`` out of one device or app sign-in (``device_id`` as in
    ``device_list``) or, without one, everywhere: every device and every
    JWT, and the one-time codes still open (codes.forget). In the
    request's transaction (a POST). Returns how many sign-ins ended (0: no
    such device)."""
    session = plugin()
    if device_id is None:
        count = session.forget(userid) if session is not None else 0
        codes.forget(userid)
        return count + _forget_tokens(userid)
    if device_id.startswith("api-"):
        return _forget_tokens(userid, only=device_id)
    return session.forget(userid, device_id) if session is not None else 0


def sign_out_others(userid, request):
    """Sign ``userid`` out everywhere but on the device (and JWT) this
    request uses: after a password reset. Returns how many sign-ins ended."""
    session = plugin()
    me, this_device = current(request)
    keep = this_device if me == userid else None
    count = session.forget(userid, keep=keep) if session is not None else 0
    return count + _forget_tokens(userid, keep=_bearer(request) or "")


def may_see_others():
    """May the current user see and sign out other people's devices?"""
    return api.user.has_permission(PERMISSION, obj=api.portal.get())


def find_person(text, request=None):
    """The user id of the member ``text`` names (a login name, an e-mail
    address or a user id), or None."""
    found = accounts.find_userid(text or "", request)
    if found is None and text:
        pas = api.portal.get_tool("acl_users")
        if pas.getUserById(text.strip()) is not None:
            found = text.strip()
    return found


def principal_deleted(event):
    """IPrincipalDeletedEvent: a deleted account's devices and JWTs go."""
    userid = getattr(event.principal, "getId", lambda: event.principal)()
    with contextlib.suppress(api.exc.CannotGetPortalError):
        sign_out(userid)


# --- Installing -----------------------------------------------------------


def _settings(obj):
    obj.getId()  # load it
    return {
        key: value
        for key, value in vars(obj).items()
        if not key.startswith(("_p_", "_v_")) and key not in NOT_SETTINGS
    }


def _replace(pas, new):
    """Put ``new`` in the user folder under the old one's id, keeping its
    place in every plugin list (the registry keeps ids)."""
    plugin_id = new.getId()
    # ObjectManager's own: PAS's _delOb would remove the id from every
    # plugin list.
    ObjectManager._delOb(pas, plugin_id)
    pas._setOb(plugin_id, new)
    pas._objects = tuple(
        {**entry, "meta_type": new.meta_type} if entry["id"] == plugin_id else entry
        for entry in pas._objects
    )


def install(site):
    """Replace the ``session`` plugin with DeviceSessionPlugin (same id and
    settings), create its keyring, let jwt_auth store tokens, and give HR
    and administrators the permission to sign people out. Idempotent."""
    pas = site.acl_users
    old = pas._getOb("session", None)
    if old is not None and not isinstance(old, DeviceSessionPlugin):
        new = DeviceSessionPlugin(old.getId())
        for key, value in _settings(old).items():
            setattr(new, key, value)
        _replace(pas, new)
        logger.info("The session plugin now remembers devices")
    session = pas._getOb("session", None)
    if isinstance(session, DeviceSessionPlugin):
        if session._devices is None:
            session._devices = OOBTree()
        if session._sweep is None:
            session._sweep = _SweepState()
    manager = getUtility(IKeyManager)
    if RING not in manager:
        manager[RING] = Keyring(2)
        manager[RING].fill()
    jwt = pas._getOb("jwt_auth", None)
    if jwt is not None:
        jwt.store_tokens = True
        if getattr(jwt, "_tokens", None) is None:
            jwt._tokens = OOBTree()
    site.manage_permission(PERMISSION, roles=list(PERMISSION_ROLES), acquire=False)


def uninstall(site):
    """Put plone.session's own plugin back (same settings; the device
    records go), remove the keyring, stop storing JWTs."""
    pas = site.acl_users
    session = pas._getOb("session", None)
    if isinstance(session, DeviceSessionPlugin):
        plain = SessionPlugin(session.getId())
        for key, value in _settings(session).items():
            setattr(plain, key, value)
        _replace(pas, plain)
    manager = queryUtility(IKeyManager)
    if manager is not None and RING in manager:
        del manager[RING]
    jwt = pas._getOb("jwt_auth", None)
    if jwt is not None and getattr(jwt, "store_tokens", False):
        jwt.store_tokens = False
    site.manage_permission(PERMISSION, roles=[], acquire=True)


# --- The page: Inloggade enheter (@@mina-enheter) ---------------------------

NO_SUCH_PERSON = _(
    "devices_no_such_person",
    default="There is no account with that login name or e-mail address.",
)
NO_SUCH_DEVICE = _(
    "devices_no_such_device", default="There is no such signed-in device."
)
SIGNED_OUT_ONE = _("devices_signed_out_one", default="The device is signed out.")
SIGNED_OUT_ALL = _(
    "devices_signed_out_all", default="Signed out on every device and app."
)
SIGNED_OUT_PERSON = _(
    "devices_signed_out_person",
    default="${name} is signed out on every device and app.",
)


@implementer(IToolPage)
class DevicesView(BrowserView):
    """``@@mina-enheter``: the member's signed-in devices, each with "Logga
    ut", and "Logga ut överallt". With ``?userid=`` (a login name, an e-mail
    address or a user id), for those with PERMISSION (HR,
    administrators), another person's; for everyone else ``userid`` is
    ignored (as on Plone's account pages). The buttons POST with
    plone.protect's token."""

    userid = None
    error = None

    def __call__(self):
        self.own = api.user.get_current().getId()
        self.userid, self.error = self._target()
        if self.request.method == "POST":
            return self._post()
        return self.index()

    def _target(self):
        asked = (self.request.form.get("userid") or "").strip()
        if not asked or asked == self.own or not may_see_others():
            return self.own, None
        found = find_person(asked, self.request)
        return (found, None) if found else (None, NO_SUCH_PERSON)

    def others(self):
        """Does the page show someone else's devices?"""
        return self.userid is not None and self.userid != self.own

    def may_look_up(self):
        return may_see_others()

    def person_name(self):
        return fullname(self.userid) if self.userid else ""

    def asked(self):
        return (self.request.form.get("userid") or "").strip()

    def devices(self):
        if self.userid is None:
            return []
        items = device_list(self.userid, self.request)
        return [shown(item, self.request) for item in items]

    def action(self):
        url = f"{api.portal.get().absolute_url()}/@@mina-enheter"
        if self.others():
            url += "?" + urlencode({"userid": self.userid})
        return url

    def portal_url(self):
        return api.portal.get().absolute_url()

    def token(self):
        """plone.protect's token for the buttons' forms."""
        return createToken()

    def _post(self):
        CheckAuthenticator(self.request)
        if self.userid is None:
            return self.index()
        form = self.request.form
        messages = IStatusMessage(self.request)
        me, this_device = current(self.request)
        if "logga-ut-overallt" in form:
            sign_out(self.userid)
            if self.others():
                name = {"name": self.person_name()}
                message = Message(SIGNED_OUT_PERSON, mapping=name)
                messages.add(translate(message, context=self.request), "info")
                return self.request.response.redirect(self.action())
            messages.add(translate(SIGNED_OUT_ALL, context=self.request), "info")
            return self._signed_out_here()
        device_id = form.get("device")
        if not isinstance(device_id, str) or not sign_out(self.userid, device_id):
            messages.add(translate(NO_SUCH_DEVICE, context=self.request), "error")
        else:
            messages.add(translate(SIGNED_OUT_ONE, context=self.request), "info")
            if me == self.userid and device_id == this_device:
                return self._signed_out_here()
        return self.request.response.redirect(self.action())

    def _signed_out_here(self):
        """This browser is signed out too: drop its cookie, go to the login
        page."""
        session = plugin()
        response = self.request.response
        response.expireCookie(
            session.getProperty("cookie_name") if session else "__ac",
            path=session.getProperty("path") if session else "/",
        )
        return response.redirect(f"{api.portal.get().absolute_url()}/login")


class PersonDevicesViewlet(ViewletBase):
    """On a person's page, for HR and administrators: a link to the
    person's signed-in devices (where they sign a lost phone or someone who
    leaves out)."""

    def userid(self):
        return find_person(getattr(self.context, "userid", None) or "", self.request)

    def available(self):
        return may_see_others() and bool(self.userid())

    def url(self):
        return f"{api.portal.get().absolute_url()}/@@mina-enheter?" + urlencode(
            {"userid": self.userid()}
        )

    def render(self):
        return self.index() if self.available() else ""


def sign_in_for_app(request, userid, users=None):
    """``sign_in`` for an app that gets a JWT instead (REST ``@login``,
    ``@engangskod-token``, ``@inbjudan``): the same login events, login
    time and member area, but no ``__ac`` cookie in the answer and no device
    record for one. Else the device list showed the app twice (a browser
    device and its API sign-in), and signing out one left the other signed
    in. Returns True for a member's first login. Raises LookupError for an
    unknown id."""
    session = plugin()
    before = _device_ids(session, userid)
    first = signin.sign_in(request, userid, users)
    for device_id in _device_ids(session, userid) - before:
        session.forget(userid, device_id)
    request.response.cookies = {}
    return first


def _device_ids(session, userid):
    if session is None:
        return set()
    tree = session._tree(userid)
    return set(tree.keys()) if tree is not None else set()
