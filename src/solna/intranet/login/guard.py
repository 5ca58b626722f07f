"""Spärr mot gissning: past a limit of wrong passwords or one-time codes, no
password and no code signs in for a while, the right one included (issue 16).

The rule (``ACCOUNT_LIMIT``, ``ADDRESS_LIMIT``, counters.WINDOW/LOCK):

- 20 failures for one account within 15 minutes lock that account for 15
  minutes, from every address; its holder is mailed (at most one mail per
  account a day, sent at once with ``mail.send_to(now=True)``: only the
  failure that starts a lock sends, so no other attempt waits for SMTP);
- 100 failures from one client address within 15 minutes lock every login
  from it for 15 minutes (1000 for the networks in ``SOLNA_LOGIN_NETWORKS``,
  e.g. the municipality's own egress, where many staff share an address);
- passwords and one-time codes count together (``record_failure(kind)``);
- an unknown login is counted and locked like a known one, so no answer
  tells them apart; a right password during a lock is refused and does not
  end it; a right password otherwise forgets the account's failures;
- the client address is ``request.getClientAddr()``: Zope takes
  ``X-Forwarded-For`` only from a proxy named ``trusted-proxy`` in
  zope.conf. IPv6 addresses count per /64 (one household or phone has a
  whole /64, RFC 6177), IPv4 per address.

How it sees every password. ``Guard`` is a PAS IAuthenticationPlugin,
placed **first** among the authenticators of the site's user folder and of
the Zope root's. PAS hands each authenticator the same credentials dict
(PluggableAuthService._extractUserIds, PlonePAS ``authenticate`` used by
REST ``@login`` and the password-change form), so the guard takes the
password out of it: it checks the password itself against the user
managers (ZODBUserManager: ``source_users`` in the site, ``users`` in the
root) and they, coming after it, never see one. Every route a password
takes goes through it: the login form (``__ac_name``/``__ac_password``),
HTTP Basic, plone.restapi's JSON body and ``@login`` (services.py asks it
explicitly too, whatever the Content-Type), PlonePAS ``authenticate``.
``source_users`` stays active: when the add-on's code is gone without an
uninstall, PAS skips the broken guard (PluginRegistry.listPlugins) and
passwords are checked as before instead of not at all. ``check_order``
logs an error when a user manager comes before the guard.

Each distinct (account, password) pair of a request is checked and counted
once, however many times PAS asks (Basic, the form and a JSON body are
three pairs; traversal and ``@login`` asking again are one). Whether a lock
holds is read from the database as last committed, not from the request's
snapshot, so a lock this request's first password started refuses its
second one. Refused because of a lock, the guard sets
``request.other[LOCKED]`` (seconds since the epoch): the login form and
``@login`` show how long to wait with HTTP 429.

The Zope root's user folder (``admin``). ZPublisher asks the root when the
site finds no user, and ``@login`` and security/hidden.py ask it directly,
so the root is guarded by a second Guard in it, with the same rule and the
same counters (kept in the root guard, so a lock holds on every site and at
``/manage``): ``admin`` signs in with the right password unless locked,
and 20 wrong ones lock it like any account (nobody is mailed: the root
user has no address). Refusing root logins at the site's addresses instead
would keep ``admin`` out of ``make start``'s site and of the tests.

Also refused: a password in the query string (``?__ac_password=``, which
the access log would keep) never signs in. Nothing about an attempt is
logged with its login, address, password or code.

Why not Products.LoginLockout 0.5.0 (evaluated on Plone 6.2, see
docs/design/issue-16-login-sessions.md §2.1): it counts per account only,
takes the client address from the first (forgeable) X-Forwarded-For, does
not count HTTP Basic failures, answers REST with 401 instead of 429, speaks
English, stores a hash of the last wrong password, and writes to the
database on every successful login.
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from AccessControl.Permissions import manage_users as ManageUsers
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from AuthEncoding import AuthEncoding
from plone import api
from Products.Five.browser import BrowserView
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from Products.PluggableAuthService.plugins.ZODBUserManager import ZODBUserManager
from solna.intranet import _
from solna.intranet import logger
from solna.intranet import mail
from solna.intranet.login import accounts
from solna.intranet.login import counters
from solna.intranet.login.counters import LOCK
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from zope.i18n import translate
from zope.interface import implementer

import hashlib
import hmac
import ipaddress
import itertools
import math
import os
import secrets
import time


PLUGIN_ID = "solna_guard"
#: The request key that says until when (seconds since the epoch) a
#: credential of this request was refused because of a lock.
LOCKED = "solna.locked_until"
#: Failures allowed per account, and per client address, within WINDOW.
ACCOUNT_LIMIT = 20
ADDRESS_LIMIT = 100
#: The per-address limit inside the networks named in NETWORKS_VARIABLE.
NETWORK_ADDRESS_LIMIT = 1000
#: Environment variable (zope.conf <environment>): networks (CIDR, separated
#: by spaces or commas) where many staff share one address.
NETWORKS_VARIABLE = "SOLNA_LOGIN_NETWORKS"
KINDS = ("password", "code")
#: Where this request's decisions are kept (request.other).
STATE = "solna.guard"

#: A password is compared with this when there is no account, so an
#: unknown login costs the same time as a known one.
_DUMMY = AuthEncoding.pw_encrypt(secrets.token_hex(16))
#: Identifies a password within one request (never stored).
_PAIR_KEY = secrets.token_bytes(32)
#: Stands for "a login of the Zope root, not of this site".
ROOT_LOGIN = object()

MAIL_SUBJECT = _(
    "guard_mail_locked_subject",
    default="Signing in as you is locked for a while",
)
MAIL_BODY = _(
    "guard_mail_locked_body",
    default="Someone has tried to sign in to the intranet as you with a wrong "
    "password or one-time code ${count} times. For your safety nobody can "
    "sign in as you for ${duration}, not even with the right password.\n\n"
    "If it was you, wait and try again, or choose a new password through "
    "“Trouble logging in?” on the login page: that opens your account at "
    "once. If it was not you, tell your manager or the IT support.\n\n"
    "You get this message at most once a day.",
)
MINUTE = _("guard_one_minute", default="1 minute")
MINUTES = _("guard_minutes", default="${minutes} minutes")


def now():
    """Seconds since the epoch (a function, so tests can move time)."""
    return time.time()


def duration(seconds):
    """ "1 minut" or "N minuter" (whole minutes, rounded up, at least 1):
    an i18n message."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes == 1:
        return MINUTE
    return _(MINUTES, mapping={"minutes": minutes})


def client_key(request):
    """The counter key of the request's client address: "ip:<IPv4>" or
    "ip:<IPv6 /64 network>" (an IPv4-mapped IPv6 address is IPv4)."""
    address = _client_address(request)
    if address is None:
        return "ip:-"
    if isinstance(address, str):
        return "ip:" + address[:64]
    if address.version == 6:
        return "ip:" + str(ipaddress.ip_network(f"{address}/64", strict=False))
    return f"ip:{address}"


def _client_address(request):
    """An ipaddress object, the raw text when it is no address, or None."""
    getter = getattr(request, "getClientAddr", None)
    raw = getter() if getter is not None else None
    if raw is None and request is not None:
        raw = request.get("REMOTE_ADDR")
    raw = (raw or "").strip().strip("[]").split("%")[0]
    if not raw:
        return None
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


_networks_cache = {}


def _networks():
    text = os.environ.get(NETWORKS_VARIABLE, "")
    if text not in _networks_cache:
        found = []
        for part in text.replace(",", " ").split():
            try:
                found.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                logger.warning("%s: %r is no network; ignored", NETWORKS_VARIABLE, part)
        _networks_cache.clear()
        _networks_cache[text] = tuple(found)
    return _networks_cache[text]


def address_limit(request):
    """ADDRESS_LIMIT, or NETWORK_ADDRESS_LIMIT inside SOLNA_LOGIN_NETWORKS."""
    address = _client_address(request)
    if not isinstance(address, str) and address is not None:
        for network in _networks():
            if address.version == network.version and address in network:
                return NETWORK_ADDRESS_LIMIT
    return ADDRESS_LIMIT


def _state(request):
    """This request's decisions: ``pairs`` {(account key, password digest):
    result}, ``site_pairs`` the (login, digest) a site guard decided (the
    root guard leaves them), ``locks`` {key: until} it met."""
    if request is None:
        return {"pairs": {}, "site_pairs": set(), "locks": {}}
    return request.other.setdefault(
        STATE, {"pairs": {}, "site_pairs": set(), "locks": {}}
    )


def _digest(password):
    return hmac.new(_PAIR_KEY, password.encode("utf-8"), hashlib.sha256).digest()


def _text(value):
    """``value`` as text: a str as it is, bytes decoded as UTF-8 (plone.restapi
    hands PlonePAS ``authenticate`` the old password as bytes when a member
    changes it over ``@users/<id>/reset-password``); None for anything
    else, or bytes that are not UTF-8."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def _password_in_query(request):
    """Does the address itself carry ``__ac_password`` (a GET link)?"""
    query = request.get("QUERY_STRING", "") if request is not None else ""
    if "__ac_password" not in query:
        return False
    names = {name.split(":")[0] for name, _v in parse_qsl(query, True)}
    return "__ac_password" in names


def _refused(request, until):
    """Note on the request that a credential was refused until ``until``."""
    if request is not None:
        request.other[LOCKED] = max(request.other.get(LOCKED) or 0, until)


class Account:
    """Whom a typed login means, for counting: ``key`` (the counter key),
    ``userid`` (a member of the site, else None), ``login`` (as stored in
    the user manager, else None), ``managers`` (where its password is)."""

    def __init__(self, key, userid=None, login=None, managers=()):
        self.key = key
        self.userid = userid
        self.login = login
        self.managers = managers


@implementer(IAuthenticationPlugin)
class Guard(BasePlugin):
    """The password check with a limit on guessing (see the module)."""

    meta_type = "Solna login guard"
    security = ClassSecurityInfo()
    # Managers see it in the ZMI; none of its methods is for the web (they
    # would tell who has an account).
    security.declareObjectProtected(ManageUsers)
    security.declarePrivate("store")

    def __init__(self, id=PLUGIN_ID, title="Spärr mot gissning"):
        self._setId(id)
        self.title = title
        self.store = counters.Store()

    # Where things are.

    def _container(self):
        """The site (or the Zope root) whose user folder holds this guard."""
        return aq_parent(aq_inner(self._getPAS()))

    @security.private
    def is_root(self):
        return self._container().getPhysicalPath() == ("",)

    def _root_guard(self):
        if self.is_root():
            return self
        root = self.getPhysicalRoot()
        users = getattr(aq_base(root), "acl_users", None)
        if users is None:
            return None
        guard = root.acl_users._getOb(PLUGIN_ID, None)
        return guard if isinstance(aq_base(guard), Guard) else None

    def _store(self):
        """The counters: the root guard's (shared by every site and the
        root), this guard's own when the root has none."""
        root = self._root_guard()
        return (root if root is not None else self).store

    @security.private
    def managers(self):
        """The user managers whose passwords this guard checks: the
        ZODBUserManagers active as authenticators in its user folder."""
        plugins = self._getPAS().plugins
        return [
            plugin
            for _id, plugin in plugins.listPlugins(IAuthenticationPlugin)
            if isinstance(aq_base(plugin), ZODBUserManager)
        ]

    @security.private
    def check_order(self):
        """True when this guard comes before every user manager among the
        authenticators (else passwords skip the limit: logged)."""
        ids = list(self._getPAS().plugins._getPlugins(IAuthenticationPlugin))
        mine = ids.index(self.getId()) if self.getId() in ids else len(ids)
        before = [plugin for plugin in self.managers() if plugin.getId() in ids[:mine]]
        if before:
            logger.error(
                "The login guard is not the first authenticator of %s: "
                "passwords are checked without a limit (run the upgrade steps)",
                "/".join(self._getPAS().getPhysicalPath()),
            )
        return not before

    # Whom a login means.

    @security.private
    def root_login(self, text):
        """The login of the Zope root's user ``text`` means (exact, else
        compared as ``accounts.canonical``), or None."""
        guard = self._root_guard()
        if guard is None:
            return None
        text = text or ""
        wanted = accounts.canonical(text)
        for manager in guard.managers():
            if text in manager._login_to_userid:
                return text
            for login in itertools.islice(manager._login_to_userid.keys(), 1000):
                if accounts.canonical(login) == wanted:
                    return login
        return None

    @security.private
    def account(self, text, request=None):
        """The Account ``text`` (a login or an e-mail address) means here;
        in a site guard ROOT_LOGIN for a login of the Zope root only."""
        canonical = accounts.canonical(text)[:200]
        container = "/".join(self._container().getPhysicalPath()) or "/"
        if not canonical:
            return Account(None)  # no login at all: the address counts
        if self.is_root():
            login = self.root_login(text)
            return Account(
                f"a:{container}:{canonical}",
                login=login,
                managers=self.managers() if login else (),
            )
        userid = accounts.find_userid(text, request)
        if userid is not None:
            return Account(
                f"a:{container}:{userid}",
                userid=userid,
                login=accounts.login_for_userid(userid),
                managers=self.managers(),
            )
        if self.root_login(text) is not None:
            return ROOT_LOGIN
        return Account(f"a:{container}:?{canonical}")

    @security.private
    def any_account(self, text, request=None):
        """``account``, asking the root guard for a root login."""
        found = self.account(text, request)
        if found is ROOT_LOGIN:
            found = self._root_guard().account(text, request)
        return found

    def _limits(self, account, request):
        limits = {client_key(request): address_limit(request)}
        if account.key is not None:
            limits[account.key] = ACCOUNT_LIMIT
        return limits

    # PAS.

    @security.private
    def authenticateCredentials(self, credentials):
        """PAS: (user id, login) for the right login and password while
        neither the account nor the client address is locked, else None.
        Takes the password out of ``credentials`` (see the module). A login
        or password in bytes is read as UTF-8 (``_text``)."""
        if "login" not in credentials or "password" not in credentials:
            return None  # a session cookie or a token: not a password
        password = _text(credentials.pop("password"))
        text = _text(credentials.get("login"))
        if text is None or password is None:
            return None
        request = getattr(self, "REQUEST", None)
        return self.check(request, text, password)

    @security.private
    def check(self, request, text, password):
        """The password check of ``authenticateCredentials``."""
        if _password_in_query(request):
            return None
        state = _state(request)
        digest = _digest(password)
        typed = (accounts.canonical(text), digest)
        if self.is_root() and typed in state["site_pairs"]:
            return None  # a site decided it (and counted it once)
        account = self.account(text, request)
        if account is ROOT_LOGIN:
            return None  # the root guard checks it: ZPublisher asks it next
        pair = (account.key, digest)
        if pair in state["pairs"]:
            return state["pairs"][pair]
        if not self.is_root():
            state["site_pairs"].add(typed)
        state["pairs"][pair] = result = self._check(request, account, password)
        return result

    def _check(self, request, account, password):
        self.check_order()
        store, moment = self._store(), now()
        limits = self._limits(account, request)
        status = counters.read(store, limits, moment)
        until = max(s.locked_until for s in status.values())
        if until > moment:
            _refused(request, until)
            return None
        result = None
        for manager in account.managers:
            result = manager.authenticateCredentials(
                {"login": account.login, "password": password}
            )
            if result is not None:
                break
        if not account.managers:
            AuthEncoding.pw_validate(_DUMMY, password)
        if result is None:
            self._count(request, account, limits, moment, "password")
        elif account.key is not None and status[account.key].count:
            counters.forgive(store, account.key, moment)
        return result

    def _count(self, request, account, limits, moment, kind):
        """Count one failure; returns until when a key of it is locked (0)."""
        outcome = counters.record(
            self._store(),
            limits,
            moment,
            mail_key=account.key if account.userid else None,
        )
        if not outcome.recorded:
            logger.warning(
                "A failed sign-in (%s) could not be counted: the database "
                "was busy with others",
                kind,
            )
        for key in outcome.started:
            _log_lock(key, limits[key])
        until = max(s.locked_until for s in outcome.status.values())
        if until > moment:
            _refused(request, until)
        if outcome.mail:
            _tell_holder(account.userid)
        return until if until > moment else 0

    # The API of limits.py.

    @security.private
    def locked_until_for(self, request, text):
        account = self.any_account(text, request)
        limits = self._limits(account, request)
        moment = now()
        status = counters.read(self._store(), limits, moment)
        until = max(s.locked_until for s in status.values())
        if until > moment:
            _refused(request, until)
            return until
        return 0

    @security.private
    def record_failure_for(self, request, text, kind="password"):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        account = self.any_account(text, request)
        limits = self._limits(account, request)
        return self._count(request, account, limits, now(), kind)

    @security.private
    def record_success_for(self, request, text):
        account = self.any_account(text, request)
        if account.key is None:
            return
        moment = now()
        store = self._store()
        status = counters.read(store, [account.key], moment)[account.key]
        if status.count and not status.locked_until:
            counters.forgive(store, account.key, moment)

    @security.private
    def unlock_for(self, request, text):
        account = self.any_account(text, request)
        if account.key is not None:
            counters.unlock(self._store(), account.key, now())


InitializeClass(Guard)


def _log_lock(key, limit):
    """Log that a lock started: which kind of key, never which one."""
    if key.startswith("ip:"):
        logger.warning(
            "Sign-ins from one client address are refused for %d minutes after "
            "%d failed attempts (if it is your proxy's address, name the proxy "
            "with trusted-proxy in zope.conf)",
            LOCK // 60,
            limit,
        )
    else:
        logger.warning(
            "Sign-ins to one account are refused for %d minutes after %d failed "
            "attempts",
            LOCK // 60,
            limit,
        )


def _tell_holder(userid):
    """Mail the member that their account is locked, to their work address
    and their confirmed private one, at once (the request that locked it is
    often aborted)."""
    user = api.user.get(userid=userid)
    addresses = []
    if user is not None:
        addresses.append(user.getProperty("email", "") or "")
    addresses.append(accounts.private_address(userid))
    unique = []
    for address in addresses:
        if address and accounts.canonical(address) not in map(
            accounts.canonical, unique
        ):
            unique.append(address)
    language = api.portal.get_default_language()
    body = _(
        MAIL_BODY,
        mapping={
            "count": ACCOUNT_LIMIT,
            "duration": translate(duration(LOCK), target_language=language),
        },
    )
    mail.send_to(unique, MAIL_SUBJECT, body, now=True)


def site_guard(site=None):
    """The guard in the site's user folder, or None (not installed)."""
    site = site or api.portal.get()
    guard = site.acl_users._getOb(PLUGIN_ID, None)
    return guard if isinstance(aq_base(guard), Guard) else None


class NoFailsafeLogin(BrowserView):
    """``@@failsafe_login`` and ``@@failsafe_login_form``: Plone's plain
    login form says in English that a locked login failed and answers 200.
    Here both lead to the site's own login page (which knows the limits);
    nothing is signed in by them."""

    def __call__(self):
        url = f"{self.context.absolute_url()}/login"
        came_from = self.request.form.get("came_from")
        if isinstance(came_from, str) and came_from:
            url += "?" + urlencode({"came_from": came_from})
        self.request.response.redirect(url)
        return ""


# Installing.


def _install_in(pas):
    """Put a guard first among ``pas``'s authenticators (replacing the
    reverted one) and keep its user managers active."""
    existing = pas._getOb(PLUGIN_ID, None)
    if existing is not None and getattr(aq_base(existing), "store", None) is None:
        # The reverted guard (on branch wip/issue-16-guard) kept ``counters``.
        pas.plugins.removePluginById(PLUGIN_ID)
        pas._delObject(PLUGIN_ID)
        existing = None
    if existing is None:
        pas._setObject(PLUGIN_ID, Guard())
    plugins = pas.plugins
    if PLUGIN_ID not in plugins.listPluginIds(IAuthenticationPlugin):
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    plugins.movePluginsTop(IAuthenticationPlugin, [PLUGIN_ID])
    # The reverted guard turned source_users off.
    _activate_user_managers(pas)


def _activate_user_managers(pas):
    """Every ZODBUserManager of ``pas`` checks passwords (again)."""
    plugins = pas.plugins
    active = plugins.listPluginIds(IAuthenticationPlugin)
    for plugin in pas.objectValues():
        if (
            isinstance(aq_base(plugin), ZODBUserManager)
            and plugin.getId() not in active
        ):
            plugins.activatePlugin(IAuthenticationPlugin, plugin.getId())


def _remove_from(pas):
    if PLUGIN_ID in pas.objectIds():
        pas.plugins.removePluginById(PLUGIN_ID)
        pas._delObject(PLUGIN_ID)
    _activate_user_managers(pas)


def _root_pas(site):
    root = site.getPhysicalRoot()
    users = getattr(aq_base(root), "acl_users", None)
    if users is None or not hasattr(users, "plugins"):
        return None  # not a PAS: Zope's plain user folder
    return root.acl_users


def install(site):
    """Guard the site's user folder and the Zope root's (idempotent)."""
    root = _root_pas(site)
    if root is not None:
        _install_in(root)
    else:
        logger.warning(
            "The Zope root's user folder is no PAS: its logins are not limited"
        )
    _install_in(site.acl_users)


def _guarded_sites(root, but):
    for obj in root.objectValues():
        users = getattr(aq_base(obj), "acl_users", None)
        if (
            aq_base(obj) is not but
            and users is not None
            and PLUGIN_ID in users.objectIds()
        ):
            yield obj


def uninstall(site):
    """Remove the site's guard, and the root's when no other site of this
    Zope has one; ``source_users`` checks passwords alone again."""
    _remove_from(site.acl_users)
    root = _root_pas(site)
    if root is not None and not any(
        _guarded_sites(site.getPhysicalRoot(), aq_base(site))
    ):
        _remove_from(root)
