"""Prototype (scratch): plone.session with a device id in the ticket."""
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone.session import tktauth
from plone.session.plugins.session import SessionPlugin, cookie_expiration_date
import binascii, secrets, time, transaction
from ZODB.POSException import ConflictError


def write_apart(obj, change):
    """Change `obj` (already stored) in a transaction of its own: neither
    plone.protect (a write on GET) nor an Unauthorized abort touch it."""
    tm = transaction.TransactionManager()
    conn = obj._p_jar.db().open(transaction_manager=tm)
    try:
        for _ in range(3):
            try:
                tm.begin()
                change(conn.get(obj._p_oid))
                tm.commit()
                return True
            except ConflictError:
                tm.abort()
        return False
    finally:
        conn.close()


DAY = 24 * 3600
REMEMBER = 90 * DAY      # sliding, for "Kom ihåg den här telefonen"
SHORT = 12 * 3600        # without it (and browser-session cookie)


class Device(Persistent):
    def __init__(self, agent, remember, now):
        self.agent = agent[:200]
        self.remember = remember
        self.first_used = self.last_used = now


class DeviceSessionPlugin(SessionPlugin):
    meta_type = "Solna device session (proto)"
    timeout = REMEMBER           # the longest a ticket can live; shorter checked below
    refresh_after = DAY

    def __init__(self, id, title=None, path="/"):
        super().__init__(id, title, path)
        self.devices = OOBTree()     # userid -> OOBTree(device_id -> Device)

    def _user_data(self, device_id, remember):
        return "d=%s;r=%d" % (device_id, remember)

    def _parse(self, user_data):
        parts = dict(p.split("=", 1) for p in (user_data or "").split(";") if "=" in p)
        return parts.get("d"), parts.get("r") == "1"

    # login (updateCredentials -> _setupSession)
    def _setupSession(self, userid, response, tokens=(), user_data=""):
        request = self.REQUEST
        now = int(time.time())
        device_id, remember = self._parse(user_data)
        if device_id is None:                       # a new sign-in
            remember = bool(request.form.get("remember"))
            device_id = secrets.token_hex(16)
            self.devices.setdefault(userid, OOBTree())[device_id] = Device(
                request.getHeader("User-Agent") or "", remember, now)
        cookie = tktauth.createTicket(
            secret=self._getSigningSecret(userid), userid=userid, tokens=tokens,
            user_data=self._user_data(device_id, remember), mod_auth_tkt=False)
        cookie = binascii.b2a_base64(cookie).rstrip()
        options = dict(path="/", http_only=True, same_site="Lax")
        if remember:
            options["expires"] = cookie_expiration_date(REMEMBER // DAY)
        response.setCookie(self.cookie_name, cookie, **options)

    def authenticateCredentials(self, credentials):
        if credentials.get("source") != "plone.session":
            return None
        data = self._validateTicket(credentials["cookie"])
        if data is None:
            return None
        digest, userid, tokens, user_data, stamp = data
        device_id, remember = self._parse(user_data)
        now = int(time.time())
        if device_id is None:                       # a ticket from before: old rules
            if stamp + 2 * 3600 < now:
                return None
        else:
            device = self.devices.get(userid, {}).get(device_id)
            if device is None:                      # signed out (one or all)
                return None
            if stamp + (REMEMBER if remember else SHORT) < now:
                return None
            if now - stamp > self.refresh_after:    # sliding: at most once a day
                self._setupSession(userid, self.REQUEST.response, tokens, user_data)
                write_apart(device, lambda d: setattr(d, "last_used", now))
        pas = self._getPAS()
        info = pas._verifyUser(pas.plugins, user_id=userid)
        return (info["id"], info["login"]) if info else None

    def resetCredentials(self, request, response):   # logout: this device only
        creds = self.extractCredentials(request)
        if "cookie" in creds:
            try:
                _, userid, _, user_data, _ = tktauth.splitTicket(creds["cookie"])
                device_id, _ = self._parse(user_data)
                if device_id:
                    ring = self.devices.get(userid)
                    if ring is not None and device_id in ring:
                        write_apart(ring, lambda r: r.pop(device_id, None))
            except ValueError:
                pass
        super().resetCredentials(request, response)

    def sign_out_everywhere(self, userid):
        self.devices.pop(userid, None)
