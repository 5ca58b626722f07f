"""Prototype (scratch): one guard in front of the password check."""
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.interface import implementer
from ZODB.POSException import ConflictError
import time, transaction, unicodedata

LIMIT_ACCOUNT = 20
LIMIT_IP = 100
WINDOW = 15 * 60


def canonical(login):
    return unicodedata.normalize("NFC", login or "").strip().lower()


class Counters(Persistent):
    def __init__(self):
        self.data = OOBTree()   # key -> (count, first_ts, locked_until)


@implementer(IAuthenticationPlugin)
class Guard(BasePlugin):
    meta_type = "Solna login guard (proto)"
    delegate = "source_users"

    def __init__(self, id):
        self._setId(id)
        self.counters = Counters()

    # --- reading (no writes) ---
    def locked_until(self, key, now):
        count, first, until = self.counters.data.get(key, (0, 0, 0))
        return until if until > now else 0

    # --- writing in its own transaction: survives an Unauthorized abort ---
    def _write(self, change):
        db = self._p_jar.db()
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            for _ in range(3):
                try:
                    tm.begin()
                    change(conn.get(self.counters._p_oid).data)
                    tm.commit()
                    return True
                except ConflictError:
                    tm.abort()
            return False
        finally:
            conn.close()

    def _fail(self, keys, now):
        def change(data):
            for key, limit in keys:
                count, first, until = data.get(key, (0, now, 0))
                if now - first > WINDOW:
                    count, first = 0, now
                count += 1
                if count >= limit:
                    until = now + WINDOW
                data[key] = (count, first, until)
        self._write(change)

    def _resolve(self, login):
        if "@" not in login:
            return login
        pas = self._getPAS()
        found = pas.mutable_properties.enumerateUsers(email=login, exact_match=True)
        ids = {f["id"] for f in found}
        if len(ids) != 1:
            return login
        return pas.source_users.getLoginForUserId(ids.pop())

    def authenticateCredentials(self, credentials):
        if "login" not in credentials or "password" not in credentials:
            return None
        request = self.REQUEST
        now = time.time()
        login = self._resolve(canonical(credentials["login"]))
        ip = request.getClientAddr() or "-"
        keys = (("a:" + login, LIMIT_ACCOUNT), ("ip:" + ip, LIMIT_IP))
        until = max(self.locked_until(k, now) for k, _ in keys)
        if until:
            request.other["solna.locked_until"] = until
            return None
        result = self._getPAS()[self.delegate].authenticateCredentials(
            {"login": login, "password": credentials["password"]})
        if result is None:
            done = request.other.setdefault("solna.counted", set())
            if login not in done:   # PAS may ask twice in one request
                done.add(login)
                self._fail(keys, now)
                request.other["solna.failed"] = True
        elif ("a:" + login) in self.counters.data:
            self._write(lambda data: data.pop("a:" + login, None))
        return result
