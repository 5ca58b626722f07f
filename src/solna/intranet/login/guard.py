"""Spärr mot gissning: past a limit of failed passwords, no password signs
in for a while, the right one included (issue 16).

``Guard`` is the site's only password check: a PAS IAuthenticationPlugin
that asks the user folder's ``source_users`` (whose own authentication is
turned off) and counts failures per account and per client address:

- 20 failures for one login within 15 minutes lock that login for 15
  minutes (the account holder is mailed once);
- 100 failures from one address within 15 minutes lock every login from it.

It sees every route a password takes: the login form, HTTP Basic,
plone.restapi's ``@login`` and JSON bodies. While locked it tells the login
form and ``@login`` how long (``request.other[LOCKED]``, seconds since the
epoch), which answer with a Swedish page or HTTP 429. Logins are compared
in NFC, stripped and lowercased, and a member's work e-mail address signs
in as their login. Nothing about an attempt is logged with the password.

Why not Products.LoginLockout: it counts per account only, trusts a forged
X-Forwarded-For, misses HTTP Basic, answers REST with 401, and writes to
the database on every successful login (docs/design/issue-16-*.md).
"""

from AccessControl.class_init import InitializeClass
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from solna.intranet import _
from solna.intranet import logger
from solna.intranet.login.apart import write_apart
from solna.intranet.members import normalized
from zope.i18n import translate
from zope.interface import implementer

import time


PLUGIN_ID = "solna_guard"
#: The request key that says until when (seconds since the epoch) the
#: login just tried is locked.
LOCKED = "solna.locked_until"
#: Failures allowed per login, and per client address, within WINDOW.
ACCOUNT_LIMIT = 20
ADDRESS_LIMIT = 100
#: Seconds: the window failures are counted in, and how long a lock lasts.
WINDOW = 15 * 60
LOCK = 15 * 60

LOCKED_SUBJECT = _("mail_locked_subject", default="Your account is locked for a while")
LOCKED_BODY = _(
    "mail_locked_body",
    default="Someone has tried to sign in to the intranet as you with the "
    "wrong password ${count} times. For your safety nobody can sign in as you "
    "with a password for ${minutes} minutes.\n\nIf it was you, wait and try "
    "again. If it was not you, tell your manager or the IT support.",
)


def canonical(login):
    """A login as the site stores it: NFC, stripped, lowercased."""
    return normalized(login).strip().lower()


class Counters(Persistent):
    """key ("a:<login>" or "ip:<address>") → (failures, window start,
    locked until), times in seconds since the epoch."""

    def __init__(self):
        self.data = OOBTree()


@implementer(IAuthenticationPlugin)
class Guard(BasePlugin):
    """The password check with a limit on guessing (see the module)."""

    meta_type = "Solna login guard"
    delegate = "source_users"

    def __init__(self, id=PLUGIN_ID, title="Spärr mot gissning"):
        self._setId(id)
        self.title = title
        self.counters = Counters()

    # Reading: no writes.
    def locked_until(self, keys, now=None):
        """The latest time any of ``keys`` is locked until, or 0."""
        now = now or time.time()
        ends = (self.counters.data.get(key, (0, 0, 0))[2] for key in keys)
        return max((end for end in ends if end > now), default=0)

    def resolve(self, login):
        """The login of the member whose work e-mail address ``login`` is
        (one member only), else ``login`` itself (canonical)."""
        login = canonical(login)
        if "@" not in login:
            return login
        pas = self._getPAS()
        found = {
            user["id"]
            for user in pas.mutable_properties.enumerateUsers(
                email=login, exact_match=True
            )
        }
        if len(found) != 1:
            return login
        return pas[self.delegate].getLoginForUserId(found.pop()) or login

    # Writing, apart from the request's transaction.
    def record_failure(self, keys, now):
        """Count a failure for each (key, limit); returns the keys whose
        lock this failure started."""
        started = []

        def change(counters):
            started.clear()
            for key, limit in keys:
                count, start, until = counters.data.get(key, (0, now, 0))
                if now - start > WINDOW:
                    count, start = 0, now
                count += 1
                if count >= limit and until <= now:
                    until = now + LOCK
                    started.append(key)
                counters.data[key] = (count, start, until)

        write_apart(self.counters, change)
        return started

    def forget(self, key):
        write_apart(self.counters, lambda counters: counters.data.pop(key, None))

    def authenticateCredentials(self, credentials):
        """PAS: (user id, login) for the right login and password while
        neither the login nor the client address is locked, else None."""
        if "login" not in credentials or "password" not in credentials:
            return None  # a session cookie or a token: not a password
        request = getattr(self, "REQUEST", None)
        now = time.time()
        login = self.resolve(credentials["login"])
        address = (request.getClientAddr() if request is not None else "") or "-"
        keys = ((f"a:{login}", ACCOUNT_LIMIT), (f"ip:{address}", ADDRESS_LIMIT))
        until = self.locked_until([key for key, _limit in keys], now)
        if until:
            if request is not None:
                request.other[LOCKED] = until
            return None
        result = self._getPAS()[self.delegate].authenticateCredentials(
            {"login": login, "password": credentials["password"]}
        )
        if result is None:
            counted = (
                request.other.setdefault("solna.counted", set()) if request else set()
            )
            if login in counted:  # PAS asks more than once in one request
                return None
            counted.add(login)
            started = self.record_failure(keys, now)
            if started:
                logger.warning("Sign-in locked for %s", ", ".join(started))
                if request is not None:
                    request.other[LOCKED] = now + LOCK
                if f"a:{login}" in started:
                    self.tell_holder(login)
            return None
        if f"a:{login}" in self.counters.data:
            self.forget(f"a:{login}")
        return result

    def tell_holder(self, login):
        """Mail the holder of ``login`` that it is locked, at once (the
        request that locked it may be aborted)."""
        pas = self._getPAS()
        userid = pas[self.delegate].getUserIdForLogin(login) if login else None
        user = api.user.get(userid=userid) if userid else None
        email = user.getProperty("email", "") if user is not None else ""
        if not email:
            return
        language = api.portal.get_default_language()
        mapping = {"count": ACCOUNT_LIMIT, "minutes": LOCK // 60}
        subject = translate(LOCKED_SUBJECT, target_language=language)
        body = (
            translate(_(LOCKED_BODY, mapping=mapping), target_language=language)
            + "\n\n"
            + translate(
                _("mail_signature", default="Solna intranät"), target_language=language
            )
        )
        try:
            api.portal.get_tool("MailHost").send(
                body,
                mto=email,
                mfrom=api.portal.get_registry_record("plone.email_from_address"),
                subject=subject,
                charset="utf-8",
                immediate=True,
            )
        except Exception as error:  # the mail server: never fail the login page
            logger.warning("Could not mail a lock notice: %r", type(error))


InitializeClass(Guard)
