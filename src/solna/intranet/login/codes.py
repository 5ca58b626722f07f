"""Signing in with a one-time code by e-mail, and confirming a private
e-mail address by a code (issue 16: "Logga in med engångskod").

**The flow** (pages here, REST in code_services.py):

1. ``@@engangskod``: the member types a login name or an e-mail address
   on their account (``accounts.find_userid``: the work address or a
   confirmed private one) and posts it. ``issue`` stores a request and
   the member's channel (``senders.sender()``, e-mail) delivers a six-digit
   code and a link, both valid ``MINUTES`` (15) minutes and usable once.
   The answer is the same whether the account exists or not: for an
   unknown text, a Manager's account, or a member past the mail caps below,
   a slim request is stored that no code opens (what the code page and the
   counting of wrong codes need: what was typed, the device's HMAC, the
   attempts), and nothing is sent. The browser gets an HttpOnly cookie
   (``COOKIE``: the request id and a random device secret) and is sent to
   the code page. Both handlers (page and REST) take at least
   ``MIN_ANSWER_SECONDS`` (0.3 s) from their start: looking up and mailing
   a known account takes longer than an unknown one, and a measurable
   difference would tell a stranger which accounts exist (OWASP
   Authentication Cheat Sheet, "Authentication Responses": respond in the
   same time).
2. ``@@engangskod?steg=kod``: the member types the code (input ``code``,
   button "Logga in"). Only the browser that asked can use that page (its
   cookie names the request; another page cannot post a code into it).
3. ``@@engangskod/<token>`` (the link in the mail): a GET never signs in
   (mail scanners fetch links). In the browser that asked, the page has a
   "Logga in" button (a POST); elsewhere it shows the code, to type on the
   phone that asked.

**Caps on asking** (all per ``MINUTES``, 15, minutes, sliding):

- ``MAX_MAILS_PER_CLIENT`` (3) codes to one member from one client address
  (``guard.client_key``: IPv4 per address, IPv6 per /64), and
  ``MAX_MAILS`` (10) to one member in all: a stranger asking for Anna
  uses up only their own address's share, not her phone's.
- ``MAX_CLIENT_REQUESTS`` (30; ``NETWORK_CLIENT_REQUESTS``, 300, inside
  ``SOLNA_LOGIN_NETWORKS``, where many staff share an address) requests
  from one client address: past it the answer is the same, but nothing is
  stored or sent (the request id is made up and never stored), so a flood
  cannot fill the database.
- **Manager accounts are never sent a code** (answered as an unknown
  account): a Site Administrator can change a Manager's e-mail address in
  ``@@user-information`` and could then sign in as the Manager with a
  code. Managers sign in with their password.

Each request is its own: asking again sends a new code and leaves the
earlier ones valid until they expire or are used (so nothing tells a
stranger who asks for someone's code whether that account exists, and a
slow first mail still works). The code page follows the latest request
of the browser. ``MAX_ATTEMPTS`` (5) wrong codes void a request; every
wrong code is counted by ``limits.record_failure(request, typed, "code")``
and a lock (``limits.locked_until``) refuses even the right code. Past
``MAX_WRONG_PER_DAY`` (20) wrong codes for one account within 24 hours
(counted in the store, per account, or per text typed when there is no
account; the guard's 15-minute lock alone would let ~1,920 through a day)
the account's codes and links are refused for the rest of the 24 hours,
even the right ones (``DAILY``, 429); an unknown account gets the same
answer after as many wrong codes. Success:
``signin.sign_in`` (the session cookie, "remember this phone" on, as on
every route but the password form), ``limits.record_success``, a redirect
to ``came_from`` (same site only) or Mitt intranät (the site root).

**What is stored** (a portal annotation, ``STORE_KEY``): per request a
random id (its first ten hex digits the time it was made), the member's
user id (None for the requests no code opens), what was typed (lowercase,
to count failures against it), HMAC-SHA256s of the code, the link and the
device secret (keyed by the keyring ``RING``, which the site never rotates
by itself; rotate it with ``getUtility(IKeyManager).rotate("_solna_codes")``
to void every open code at once), when it was made and expires, wrong
attempts, when it was used, and ``came_from`` (the requests no code
opens have no code or link HMAC). Never the code, link or cookie. Also
the times of codes mailed (``sent``: per member, and per member and client
address), of requests per client address (``clients``) and of wrong codes
per account (``wrong``, 24 hours). Every write deletes the requests and
times older than their window. The
private-address confirmations are requests of kind ``ADDRESS`` holding the
address to confirm (in clear: it is to be stored) and a code's HMAC. An
address already on another account is answered as a free one (the page
says a code was sent) but nothing is sent and no code confirms it, so
``@@privat-epost`` tells no member which addresses are colleagues'.

Sources: NIST SP 800-63B 5.1.3 (out-of-band codes: short-lived, single
use, rate-limited); OWASP Forgot Password and Authentication cheat sheets
(same answer for unknown accounts; tokens stored hashed).
"""

from BTrees.OOBTree import OOBTree
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from solna.intranet import _
from solna.intranet import mail
from solna.intranet.interfaces import IToolPage
from solna.intranet.login import accounts
from solna.intranet.login import limits
from solna.intranet.login import published
from solna.intranet.login import senders
from solna.intranet.login import signin
from solna.intranet.login.guard import ADDRESS_LIMIT
from solna.intranet.login.guard import address_limit
from solna.intranet.login.guard import client_key
from solna.intranet.members import member
from solna.intranet.security.headers import over_https
from solna.intranet.validators import EMAIL
from urllib.parse import urlsplit
from zExceptions import NotFound
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import hashlib
import hmac
import math
import re
import secrets
import time
import unicodedata


MINUTES = 15
TTL = MINUTES * 60  # seconds
MAX_ATTEMPTS = 5  # wrong codes per request
MAX_MAILS = 10  # sign-in codes mailed to one member per TTL, in all
MAX_MAILS_PER_CLIENT = 3  # ... to one member asked from one client address
MAX_ADDRESS_MAILS = 5  # private-address codes one member asks for per TTL
MAX_CLIENT_REQUESTS = 30  # code requests per client address per TTL
NETWORK_CLIENT_REQUESTS = 300  # ... inside SOLNA_LOGIN_NETWORKS
MAX_WRONG_PER_DAY = 20  # wrong codes per account per DAY
DAY = 24 * 60 * 60  # seconds
#: The least time (seconds) a request for a code takes, counted from the
#: handler's start, so that a known account is not answered slower than an
#: unknown one (OWASP Authentication Cheat Sheet, "Authentication
#: Responses").
MIN_ANSWER_SECONDS = 0.3
STORE_KEY = "solna.intranet.login.codes"
RING = "_solna_codes"
COOKIE = "solna_engangskod"
#: The cookie outlives its code (seconds), so that the page can say the
#: code expired rather than that none was asked for here.
COOKIE_AGE = 60 * 60
LOGIN = "login"
ADDRESS = "address"
#: A request id: the creation time (10 hex digits), 16 random characters.
RID = r"[0-9a-f]{10}[A-Za-z0-9_-]{16}"
#: A link token or a cookie: a request id and 32 random characters.
TOKEN = re.compile(rf"^({RID})([A-Za-z0-9_-]{{32}})$")
REQUEST_ID = re.compile(rf"^{RID}$")
MAX_TYPED = 254  # the longest e-mail address (RFC 5321)
#: Addresses not to return to after signing in (they would loop).
NOT_CAME_FROM = ("login", "engangskod", "logout", "logged_out", "require_login")


# Messages (Swedish in the catalogs).
NO_LOGIN = _(
    "code_error_no_login",
    default="Type your login name or your e-mail address.",
)
TOO_LONG = _(
    "code_error_too_long",
    default="That is too long to be a login name or an e-mail address.",
)
BAD_CODE = _(
    "code_error_format",
    default="The code is six digits, for example 123456.",
)
BAD_REQUEST = _(
    "code_error_request",
    default='Give "request" as the id you got when you asked for the code.',
)
WRONG = _(
    "code_error_wrong",
    default="The code is not right. Check it against the latest e-mail and "
    "type it again.",
)
EXPIRED = _(
    "code_error_expired",
    default="The code has expired: it is valid for ${minutes} minutes. Ask "
    "for a new code.",
)
USED = _(
    "code_error_used",
    default="The code has already been used. Ask for a new code if you want "
    "to sign in again.",
)
UNKNOWN = _(
    "code_error_unknown",
    default="The code is no longer valid. Ask for a new code.",
)
TOO_MANY = _(
    "code_error_too_many",
    default="Too many wrong codes. This code no longer works: ask for a new one.",
)
LOCKED = _(
    "code_error_locked",
    default="Too many wrong attempts. For your safety nobody can sign in "
    "with this account from here for ${minutes} more minutes, not even with "
    "the right code. Wait, or ask your manager for help.",
)
DAILY = _(
    "code_error_daily",
    default="Too many wrong codes in the last day. Sign in with your "
    "password, or ask your manager or HR for help.",
)
LOCKED_ONE = _(
    "code_error_locked_one",
    default="Too many wrong attempts. For your safety nobody can sign in "
    "with this account from here for one more minute, not even with the "
    "right code.",
)
OTHER_BROWSER = _(
    "code_error_other_browser",
    default="We cannot find a code you asked for in this browser. Ask for a "
    "new code here, or type the code on the phone where you asked for it.",
)
LINK_MALFORMED = _(
    "code_error_link_malformed",
    default="The link is not complete. Open it from the e-mail again, or "
    "copy all of it, or ask for a new code.",
)
LINK_UNKNOWN = _(
    "code_error_link_unknown",
    default="The link is no longer valid: it may have expired or been used. "
    "Ask for a new code.",
)
LINK_EXPIRED = _(
    "code_error_link_expired",
    default="The link has expired: it is valid for ${minutes} minutes. Ask "
    "for a new code.",
)
LINK_USED = _(
    "code_error_link_used",
    default="The link has already been used. Ask for a new code if you want "
    "to sign in again.",
)

# The private address.
ADDRESS_INVALID = _(
    "private_address_error_invalid",
    default="Type a valid e-mail address, for example namn@exempel.se.",
)
ADDRESS_WORK = _(
    "private_address_error_work",
    default="That is your work address. Type a private address of yours.",
)
ADDRESS_SAME = _(
    "private_address_error_same",
    default="That address is already saved as your private address.",
)
ADDRESS_TAKEN = _(
    "private_address_error_taken",
    default="That address is already on another account and cannot be "
    "used. Ask HR if you think it is wrong.",
)
ADDRESS_TOO_MANY = _(
    "private_address_error_too_many",
    default="You have asked for many codes. Wait ${minutes} minutes and try again.",
)
ADDRESS_NONE_PENDING = _(
    "private_address_error_none_pending",
    default="No address is waiting to be confirmed. Type the address again "
    "to get a new code.",
)
ADDRESS_SUBJECT = _(
    "private_address_mail_subject",
    default="Confirm your e-mail address: ${code}",
)
ADDRESS_BODY = _(
    "private_address_mail_body",
    default="Hi!\n\nSomeone (hopefully you) wants to add this e-mail "
    "address to an account on Solna intranät, to sign in with one-time "
    "codes.\n\nYour code: ${code}\n\nType it on the page Privat e-post. It "
    "is valid for ${minutes} minutes. If you did not ask for this, ignore "
    "this e-mail: the address is not added without the code.",
)
ADDRESS_NOTICE_SUBJECT = _(
    "private_address_notice_subject",
    default="A private e-mail address was added to your account",
)
ADDRESS_NOTICE_BODY = _(
    "private_address_notice_body",
    default="Hi!\n\nThe private e-mail address ${address} was added to your "
    "account on Solna intranät. One-time codes for signing in can now be "
    "sent to it.\n\nIf you did not do this, sign in, remove the address on "
    "the page Privat e-post and tell your manager.",
)
ADDRESS_SAVED = _(
    "private_address_saved",
    default="Your private e-mail address is saved. You can now sign in with "
    "a one-time code sent to it.",
)
ADDRESS_REMOVED = _(
    "private_address_removed",
    default="Your private e-mail address is removed.",
)
ADDRESS_CODE_SENT = _(
    "private_address_code_sent",
    default="We have sent a code to ${address}. Type it below to confirm the "
    "address. It is valid for ${minutes} minutes.",
)


class Refused(Exception):
    """A code or link that does not sign in (or confirm): ``message`` (an
    i18n message, Swedish in the catalog), ``status`` (the HTTP status:
    400 malformed, 401 wrong/expired/used, 429 locked) and ``until``
    (seconds since the epoch the lock ends, 0 when not locked)."""

    def __init__(self, message, status=401, until=0):
        super().__init__(message)
        self.message = message
        self.status = status
        self.until = until

    def text(self, request):
        return translate(self.message, context=request)


def locked_message(until):
    """The Swedish message for a lock that ends at ``until`` (epoch s)."""
    minutes = math.ceil((until - time.time()) / 60)
    if minutes <= 1:
        return LOCKED_ONE
    return Message(LOCKED, mapping={"minutes": minutes})


# The keyring and the MACs.


def _keys(create=False):
    """The secrets of our keyring, newest first ([] without one, unless
    ``create``)."""
    manager = queryUtility(IKeyManager)
    if manager is None:
        return []
    if RING not in manager:
        if not create:
            return []
        ring = Keyring(2)
        ring.fill()
        manager[RING] = ring
    return [key for key in manager[RING] if key]


def _mac(key, *parts):
    return hmac.new(
        key.encode("utf-8"), "\n".join(parts).encode("utf-8"), hashlib.sha256
    ).hexdigest()


def _key_of(stored, *parts):
    """The secret of the ring that gives ``stored`` for ``parts``, or
    None (compared in constant time)."""
    for key in _keys():
        if stored and hmac.compare_digest(_mac(key, *parts), stored):
            return key
    return None


def _code_of(key, rid, secret):
    """The six-digit code that belongs to a link secret: the code is not
    stored, yet the link's page can show it."""
    digest = hmac.new(
        key.encode("utf-8"), f"code\n{rid}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**6:06d}"


# The store.


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(STORE_KEY)
    if store is None and create:
        store = annotations[STORE_KEY] = OOBTree()
        store["requests"] = OOBTree()  # request id -> record (dict)
        store["open"] = OOBTree()  # "address:<userid>" -> request id
        store["sent"] = OOBTree()  # userid or "address:<userid>" -> (epoch s, …)
    return store


def _tree(store, name):
    """The store's ``name`` tree (``sent``: mails per member and per
    member and client; ``clients``: requests per client address;
    ``wrong``: wrong codes per account), made when missing (stores made
    before it existed)."""
    if name not in store:
        store[name] = OOBTree()
    return store[name]


def _record(rid):
    store = _store()
    if store is None or not isinstance(rid, str) or not REQUEST_ID.match(rid):
        return None
    return store["requests"].get(rid)


def _save(rid, record):
    _store(create=True)["requests"][rid] = record


def prune(now=None):
    """Delete the requests that have expired, and the counts of codes sent
    longer than 15 minutes ago. Called by every write; safe to call any
    time (it writes only what is expired)."""
    store = _store()
    if store is None:
        return
    now = now or time.time()
    limit = f"{int(now - TTL):010x}"
    for rid in list(store["requests"].keys(max=limit, excludemax=True)):
        record = store["requests"].pop(rid)
        key = f"{record['kind']}:{record['userid']}"
        if store["open"].get(key) == rid:
            del store["open"][key]
    for name, window in (("sent", TTL), ("clients", TTL), ("wrong", DAY)):
        tree = store.get(name)
        if tree is None:
            continue
        for who, times in list(tree.items()):
            recent = tuple(t for t in times if t > now - window)
            if not recent:
                del tree[who]
            elif recent != times:
                tree[who] = recent


def _new_rid(now):
    return f"{int(now):010x}{secrets.token_urlsafe(12)}"


def _may(tree, limits, now, window=TTL):
    """Count one more event for each ``(key, most)`` of ``limits`` in
    ``tree``; False, counting nothing, when any key has had ``most`` within
    ``window`` seconds."""
    recent = {}
    for key, most in limits:
        recent[key] = tuple(t for t in tree.get(key, ()) if t > now - window)
        if len(recent[key]) >= most:
            return False
    for key, times in recent.items():
        tree[key] = (*times, now)
    return True


def _may_send(store, who, now, most=MAX_ADDRESS_MAILS):
    """Count one more code sent to ``who``; False when ``most`` were sent
    within the last 15 minutes (then nothing is sent)."""
    return _may(_tree(store, "sent"), [(who, most)], now)


def client_of(request):
    """The client address the caps count by (``guard.client_key``)."""
    return client_key(request)


def _client_limit(request):
    """How many requests one client address may make per TTL."""
    if address_limit(request) > ADDRESS_LIMIT:
        return NETWORK_CLIENT_REQUESTS
    return MAX_CLIENT_REQUESTS


def _wrong_key(record):
    """Whose wrong codes a request's count: the account's (``account``,
    also on the requests no code opens), else the text typed."""
    return record.get("account") or f"typed:{record.get('typed', '')}"


def _daily_until(record, now):
    """Until when (epoch s) the account of ``record`` is refused codes for
    ``MAX_WRONG_PER_DAY`` wrong ones within 24 hours; 0 when it is not."""
    store = _store()
    tree = store.get("wrong") if store is not None else None
    if tree is None:
        return 0
    times = sorted(t for t in tree.get(_wrong_key(record), ()) if t > now - DAY)
    if len(times) < MAX_WRONG_PER_DAY:
        return 0
    return times[-MAX_WRONG_PER_DAY] + DAY


def _count_wrong(record, now):
    tree = _tree(_store(create=True), "wrong")
    key = _wrong_key(record)
    tree[key] = (*(t for t in tree.get(key, ()) if t > now - DAY), now)


def _daily(record, now):
    """Refuse (429) the codes of an account past ``MAX_WRONG_PER_DAY``."""
    until = _daily_until(record, now)
    if until > now:
        raise Refused(DAILY, status=429, until=until)


def _wait_minutes(store, who, now):
    times = [t for t in _tree(store, "sent").get(who, ()) if t > now - TTL]
    return max(1, math.ceil((min(times) + TTL - now) / 60)) if times else 1


def forget(userid):
    """Void every open code of the member (sign out everywhere, a removed
    account). Returns how many were voided."""
    store = _store()
    if store is None:
        return 0
    found = [rid for rid, r in store["requests"].items() if r["userid"] == userid]
    for rid in found:
        del store["requests"][rid]
    for kind in (LOGIN, ADDRESS):
        store["open"].pop(f"{kind}:{userid}", None)
    return len(found)


# Signing in.


def clean_code(text):
    """What was typed as a code, as six digits (str), or None: spaces and
    dashes are dropped, full-width and other Unicode digits read as
    0-9."""
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s\-–.]", "", text)
    if not re.fullmatch(r"[0-9]{6}", text):
        return None
    return text


def link_url(token):
    return f"{api.portal.get().absolute_url()}/@@engangskod/{token}"


def safe_came_from(url):
    """``url`` if it is an address of this site that is not a login page
    (where to go after signing in), else ""."""
    if not isinstance(url, str) or not url.strip():
        return ""
    url = url.strip()
    if not api.portal.get_tool("portal_url").isURLInPortal(url):
        return ""
    path = urlsplit(url).path.split("/")
    if any(part.lstrip("@") in NOT_CAME_FROM for part in path):
        return ""
    return url


def issue(request, typed, came_from="", device=True):
    """Ask for a sign-in code for ``typed`` (a login name or an e-mail
    address, as typed). Stores the request and has the member's channel
    deliver the code and link after the commit. For an unknown account,
    an ambiguous address, a Manager's account, or a member past
    ``MAX_MAILS_PER_CLIENT`` codes asked from this client address or
    ``MAX_MAILS`` in all within 15 minutes, stores a slim request no code
    opens and sends nothing; past ``MAX_CLIENT_REQUESTS`` requests from
    this client address within 15 minutes, stores and sends nothing (the
    request id is made up).

    Returns ``(request id, device secret)``: both str; the secret is None
    when ``device`` is False (REST: no browser to recognise). The caller
    gives the browser the cookie (``set_cookie``) and pads the answer
    (``pad``). Raises nothing."""
    now = time.time()
    typed = accounts.canonical(typed)
    store = _store(create=True)
    prune(now)
    rid = _new_rid(now)
    device_secret = secrets.token_urlsafe(24) if device else None
    client = client_of(request)
    if not _may(_tree(store, "clients"), [(client, _client_limit(request))], now):
        return rid, device_secret
    key = _keys(create=True)[0]
    secret = secrets.token_urlsafe(24)
    account = accounts.find_userid(typed, request)
    userid = account
    if userid is not None and accounts.is_manager(userid):
        userid = None
    caps = [(userid, MAX_MAILS), (f"{userid}|{client}", MAX_MAILS_PER_CLIENT)]
    if userid is not None and not _may(_tree(store, "sent"), caps, now):
        userid = None
    code = _code_of(key, rid, secret) if userid else None
    store["requests"][rid] = {
        "kind": LOGIN,
        "userid": userid,
        "account": account,
        "typed": typed,
        "code": _mac(key, "code", rid, code) if userid else None,
        "link": _mac(key, "link", rid, secret) if userid else None,
        "device": _mac(key, "device", rid, device_secret) if device else None,
        "created": now,
        "expires": now + TTL,
        "attempts": 0,
        "used": None,
        "came_from": safe_came_from(came_from),
    }
    if userid is not None:
        senders.sender().send(userid, typed, code, link_url(rid + secret), MINUTES)
    return rid, device_secret


def _lock(request, typed, now):
    until = limits.locked_until(request, typed) or 0
    if until > now:
        raise Refused(locked_message(until), status=429, until=until)


def _check_open(record, now, link=False):
    """Refuse a request that is expired, used or voided."""
    if now >= record["expires"]:
        raise Refused(
            Message(LINK_EXPIRED if link else EXPIRED, mapping={"minutes": MINUTES})
        )
    if record["used"]:
        raise Refused(LINK_USED if link else USED)
    if record["attempts"] >= MAX_ATTEMPTS:
        raise Refused(TOO_MANY)


def redeem(request, rid, code, device_secret=None, kind=LOGIN, userid=None):
    """Check ``code`` for the request ``rid`` and use it up. Returns the
    request's record (a dict: ``userid``, ``typed``, ``came_from``, …).

    ``device_secret``: when given, the request must have been made by the
    browser holding it (the HTML code page). ``kind``/``userid``: the
    private-address confirmation checks its own member's requests.

    Raises Refused: 400 for a code or id that is malformed; 429 during a
    lock (``limits.locked_until``) or past ``MAX_WRONG_PER_DAY`` wrong
    codes for the account within 24 hours (both also for the right
    code); 401 for an
    unknown, expired, used or voided request, another browser's request or
    a wrong code (then ``limits.record_failure(request, typed, "code")``
    counts it, and ``MAX_ATTEMPTS`` wrong codes void the request)."""
    now = time.time()
    if not isinstance(rid, str) or not REQUEST_ID.match(rid):
        raise Refused(BAD_REQUEST, status=400)
    cleaned = clean_code(code)
    if cleaned is None:
        raise Refused(BAD_CODE, status=400)
    record = _record(rid)
    if record is None or record["kind"] != kind:
        raise Refused(UNKNOWN)
    if userid is not None and record["userid"] != userid:
        raise Refused(UNKNOWN)
    if device_secret is not None and not _key_of(
        record["device"], "device", rid, device_secret
    ):
        raise Refused(OTHER_BROWSER)
    typed = record.get("typed", "")
    if kind == LOGIN:
        _daily(record, now)
        _lock(request, typed, now)
    _check_open(record, now)
    if record["userid"] is None or not _key_of(record["code"], "code", rid, cleaned):
        attempts = record["attempts"] + 1
        _save(rid, {**record, "attempts": attempts})
        if kind == LOGIN:
            _count_wrong(record, now)
            until = limits.record_failure(request, typed, "code") or 0
            if until > now:
                raise Refused(locked_message(until), status=429, until=until)
        raise Refused(TOO_MANY if attempts >= MAX_ATTEMPTS else WRONG)
    used = {**record, "used": now}
    _save(rid, used)
    prune(now)
    if kind == LOGIN:
        limits.record_success(request, typed)
    return used


def open_link(token):
    """The request and the code a link (``rid`` + secret) stands for:
    ``(rid, record, code)``. Changes nothing. Raises Refused (400 for a
    malformed link, 401 for an unknown, expired, used or voided one)."""
    match = TOKEN.match(token or "")
    if match is None:
        raise Refused(LINK_MALFORMED, status=400)
    rid, secret = match.groups()
    record = _record(rid)
    key = record and _key_of(record["link"], "link", rid, secret)
    if not key or record["kind"] != LOGIN or record["userid"] is None:
        raise Refused(LINK_UNKNOWN)
    _check_open(record, time.time(), link=True)
    return rid, record, _code_of(key, rid, secret)


def use_link(request, rid, record):
    """Use up the request of a link opened in the browser that asked (the
    "Logga in" button). Raises Refused (429) during a lock or past the
    day's wrong codes."""
    now = time.time()
    _daily(record, now)
    _lock(request, record["typed"], now)
    used = {**record, "used": now}
    _save(rid, used)
    prune(now)
    limits.record_success(request, record["typed"])
    return used


# The browser's cookie.


def set_cookie(request, rid, device_secret):
    """Give the browser that asked the HttpOnly cookie naming its request
    (``COOKIE_AGE``, an hour; SameSite=Lax, so a link opened from the mail
    app carries it, a post from another site does not; Secure over
    HTTPS)."""
    request.response.setCookie(
        COOKIE,
        rid + device_secret,
        path=_cookie_path(),
        max_age=COOKIE_AGE,
        http_only=True,
        secure=over_https(request),
        same_site="Lax",
    )


def expire_cookie(request):
    request.response.expireCookie(COOKIE, path=_cookie_path())


def _cookie_path():
    return urlsplit(api.portal.get().absolute_url()).path or "/"


def browser_request(request):
    """``(rid, device secret)`` of this browser's latest request, or
    ``(None, None)``."""
    match = TOKEN.match(request.cookies.get(COOKIE, "") or "")
    return match.groups() if match else (None, None)


def device_matches(request, rid, record):
    """Is this the browser that asked for the request ``rid``?"""
    cookie_rid, device_secret = browser_request(request)
    return (
        cookie_rid == rid
        and record.get("device") is not None
        and _key_of(record["device"], "device", rid, device_secret) is not None
    )


# The private address.


def pending_address(userid):
    """The address waiting for ``userid``'s code: ``(rid, address,
    expires)`` (epoch s), or None."""
    store = _store()
    if store is None:
        return None
    rid = store["open"].get(f"{ADDRESS}:{userid}")
    record = rid and store["requests"].get(rid)
    if not record or record["used"] or time.time() >= record["expires"]:
        return None
    if record["attempts"] >= MAX_ATTEMPTS:
        return None
    return rid, record["address"], record["expires"]


def work_address(userid):
    user = member(userid)
    return accounts.canonical(user.getProperty("email", "")) if user else ""


class AddressRefused(ValueError):
    """An address that cannot be the member's private address: ``message``
    (an i18n message)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check_address(userid, address):
    """``address`` (as typed) as it would be stored, canonical. Raises
    AddressRefused: not an address, the member's work address, or already
    their private address. An address on another account is not refused
    here (``ask_address`` answers as if it sent a code; see there)."""
    address = accounts.canonical(address)
    if not address or len(address) > MAX_TYPED or not EMAIL.match(address):
        raise AddressRefused(ADDRESS_INVALID)
    if address == work_address(userid):
        raise AddressRefused(ADDRESS_WORK)
    if address == accounts.private_address(userid):
        raise AddressRefused(ADDRESS_SAME)
    return address


def ask_address(userid, address):
    """Mail a code to ``address`` (typed by the member ``userid``) to
    confirm it as their private address; replaces an earlier pending
    address. Returns ``(rid, address, expires)``. Raises AddressRefused
    (see ``check_address``; also after ``MAX_ADDRESS_MAILS`` codes within
    15 minutes).

    An address already on another account (work or private) is answered
    exactly as a free one, and counted the same, but nothing is sent and
    no code confirms it (every code typed is wrong): a refusal would tell
    any member which addresses belong to colleagues."""
    address = check_address(userid, address)
    now = time.time()
    store = _store(create=True)
    prune(now)
    if not _may_send(store, f"{ADDRESS}:{userid}", now):
        minutes = _wait_minutes(store, f"{ADDRESS}:{userid}", now)
        raise AddressRefused(Message(ADDRESS_TOO_MANY, mapping={"minutes": minutes}))
    taken = bool(accounts.owners(address) - {userid})
    key = _keys(create=True)[0]
    rid = _new_rid(now)
    code = f"{secrets.randbelow(10**6):06d}"
    previous = store["open"].get(f"{ADDRESS}:{userid}")
    if previous is not None:
        store["requests"].pop(previous, None)
    store["requests"][rid] = {
        "kind": ADDRESS,
        "userid": userid,
        "address": address,
        # Taken: the MAC of a secret nobody learns, so no code confirms it.
        "code": _mac(key, "code", rid, secrets.token_urlsafe(24) if taken else code),
        "link": None,
        "device": None,
        "created": now,
        "expires": now + TTL,
        "attempts": 0,
        "used": None,
    }
    store["open"][f"{ADDRESS}:{userid}"] = rid
    if taken:
        return rid, address, now + TTL
    mapping = {"code": code, "minutes": MINUTES}
    mail.send_to(
        [address],
        Message(ADDRESS_SUBJECT, mapping=mapping),
        Message(ADDRESS_BODY, mapping=mapping),
        asked=True,  # she asked for it just now: not held (Tysta timmar)
    )
    return rid, address, now + TTL


def confirm_address(request, userid, code):
    """Confirm the member's pending address with ``code`` and store it
    (``accounts.set_private_address``); the work address gets a notice.
    Returns the address. Raises Refused (no address pending, a malformed,
    wrong or expired code; ``MAX_ATTEMPTS`` wrong codes void it) or
    AddressRefused (the address was taken meanwhile; nothing changes)."""
    store = _store()
    rid = store["open"].get(f"{ADDRESS}:{userid}") if store is not None else None
    if rid is None:
        if clean_code(code) is None:
            raise Refused(BAD_CODE, status=400)
        raise Refused(ADDRESS_NONE_PENDING, status=400)
    record = redeem(request, rid, code, kind=ADDRESS, userid=userid)
    del store["open"][f"{ADDRESS}:{userid}"]
    address = record["address"]
    try:
        accounts.set_private_address(userid, address)
    except accounts.AddressTaken:
        raise AddressRefused(ADDRESS_TAKEN) from None
    work = work_address(userid)
    if work and work != address:
        mail.send_to(
            [work],
            ADDRESS_NOTICE_SUBJECT,
            Message(ADDRESS_NOTICE_BODY, mapping={"address": address}),
            asked=True,  # a security notice of what she just did
        )
    return address


def cancel_address(userid):
    """Forget the member's pending address (nothing when none)."""
    store = _store()
    if store is None:
        return
    rid = store["open"].pop(f"{ADDRESS}:{userid}", None)
    if rid is not None:
        store["requests"].pop(rid, None)


# Pages.


def _page_status(refused):
    """A page's status for a refusal: 429 for a lock, else 400 (a page does
    not answer 401, which asks a browser for credentials)."""
    return 429 if refused.status == 429 else 400


@implementer(IPublishTraverse)
@implementer(IToolPage)
class CodeView(BrowserView):
    """``@@engangskod`` (public, on the site root): ask for a code, type
    it; ``@@engangskod/<token>``: the link in the mail."""

    ask_template = ViewPageTemplateFile("templates/code_request.pt")
    code_template = ViewPageTemplateFile("templates/code_enter.pt")
    link_template = ViewPageTemplateFile("templates/code_link.pt")

    token = None
    error = None
    info = None
    typed = ""
    code = None  # the code a link shows on another device
    may_sign_in = False  # a link opened in the browser that asked

    def publishTraverse(self, request, name):
        if self.token is None:
            self.token = name
            return self
        raise NotFound(self, name, request)

    def __call__(self):
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("Referrer-Policy", "no-referrer")
        post = self.request.get("REQUEST_METHOD", "GET").upper() == "POST"
        if self.token is not None:
            return self.link(post)
        if post:
            CheckAuthenticator(self.request)
            if self.request.form.get("step") == "code":
                return self.enter_code()
            return self.send()
        if self.request.form.get("steg") == "kod":
            return self.code_page()
        return self.ask_page()

    # What the templates read.

    @property
    def portal_url(self):
        return api.portal.get().absolute_url()

    def authenticator(self):
        return createToken()

    #: Where to go after signing in, kept by the request (the code page).
    kept_came_from = None

    def came_from(self):
        if self.kept_came_from is not None:
            return self.kept_came_from
        return safe_came_from(self.request.form.get("came_from"))

    @property
    def minutes(self):
        return MINUTES

    def _say(self, message):
        return translate(message, context=self.request)

    # The steps.

    def ask_page(self, error=None, status=200):
        if error is not None:
            self.error = self._say(error)
            self.request.response.setStatus(status)
        typed = self.request.form.get("login")
        self.typed = typed.strip() if isinstance(typed, str) else ""
        return self.ask_template()

    def send(self):
        started = time.monotonic()
        typed = self.request.form.get("login")
        typed = typed.strip() if isinstance(typed, str) else ""
        if not typed:
            return self.ask_page(NO_LOGIN, 400)
        if len(typed) > MAX_TYPED:
            return self.ask_page(TOO_LONG, 400)
        rid, device_secret = issue(self.request, typed, self.came_from())
        set_cookie(self.request, rid, device_secret)
        # Known and unknown accounts take the same time, commit included.
        published.pad_until(self.request, started + MIN_ANSWER_SECONDS)
        self.request.response.redirect(
            f"{self.portal_url}/@@engangskod?steg=kod", status=303
        )
        return ""

    def code_page(self, error=None, status=400):
        rid, _device = browser_request(self.request)
        record = _record(rid)
        if record is None or record["kind"] != LOGIN:
            missing = UNKNOWN if rid else OTHER_BROWSER
            return self.ask_page(error or missing, status)
        if error is not None:
            self.error = self._say(error)
            self.request.response.setStatus(status)
        self.typed = record["typed"]
        self.kept_came_from = record.get("came_from") or ""
        return self.code_template()

    def enter_code(self):
        rid, device_secret = browser_request(self.request)
        if rid is None:
            return self.ask_page(OTHER_BROWSER, 400)
        try:
            record = redeem(
                self.request, rid, self.request.form.get("code"), device_secret
            )
        except Refused as refused:
            return self.code_page(refused.message, _page_status(refused))
        return self.signed_in(record)

    def link(self, post):
        try:
            rid, record, code = open_link(self.token)
        except Refused as refused:
            self.error = refused.text(self.request)
            self.request.response.setStatus(_page_status(refused))
            return self.link_template()
        if not device_matches(self.request, rid, record):
            # Another device (or a mail scanner): show the code to type.
            self.code = code
            return self.link_template()
        self.may_sign_in = True
        if not post:
            return self.link_template()
        CheckAuthenticator(self.request)
        try:
            record = use_link(self.request, rid, record)
        except Refused as refused:
            self.error = refused.text(self.request)
            self.may_sign_in = False
            self.request.response.setStatus(_page_status(refused))
            return self.link_template()
        return self.signed_in(record)

    def signed_in(self, record):
        signin.sign_in(self.request, record["userid"])
        expire_cookie(self.request)
        target = record.get("came_from") or self.portal_url
        self.request.response.redirect(target, status=302)
        return ""


@implementer(IToolPage)
class PrivateAddressView(BrowserView):
    """``@@privat-epost`` (members, on the site root): the member's private
    e-mail address, added only after a code mailed to it is typed here (a
    colleague's address is answered alike, but no code is sent for it)."""

    template = ViewPageTemplateFile("templates/private_address.pt")

    error = None
    typed = ""

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        if self.request.get("REQUEST_METHOD", "GET").upper() == "POST":
            CheckAuthenticator(self.request)
            step = self.request.form.get("step")
            action = {
                "send": self.send,
                "confirm": self.confirm,
                "remove": self.remove,
                "cancel": self.cancel,
            }.get(step)
            if action is not None:
                return action()
        return self.template()

    @property
    def userid(self):
        return api.user.get_current().getId()

    def address(self):
        return accounts.private_address(self.userid)

    def work(self):
        return work_address(self.userid)

    def pending(self):
        found = pending_address(self.userid)
        return found[1] if found else None

    @property
    def minutes(self):
        return MINUTES

    def _refuse(self, message, status=400):
        self.error = translate(message, context=self.request)
        self.request.response.setStatus(status)
        return self.template()

    def _done(self, message, kind="info"):
        IStatusMessage(self.request).add(message, kind)
        self.request.response.redirect(
            f"{api.portal.get().absolute_url()}/@@privat-epost", status=303
        )
        return ""

    def send(self):
        typed = self.request.form.get("address")
        self.typed = typed.strip() if isinstance(typed, str) else ""
        try:
            _rid, address, _expires = ask_address(self.userid, self.typed)
        except AddressRefused as refused:
            return self._refuse(refused.message)
        return self._done(
            Message(ADDRESS_CODE_SENT, mapping={"address": address, "minutes": MINUTES})
        )

    def confirm(self):
        try:
            confirm_address(self.request, self.userid, self.request.form.get("code"))
        except Refused as refused:
            return self._refuse(refused.message, _page_status(refused))
        except AddressRefused as refused:
            return self._refuse(refused.message)
        return self._done(ADDRESS_SAVED)

    def remove(self):
        accounts.remove_private_address(self.userid)
        return self._done(ADDRESS_REMOVED)

    def cancel(self):
        cancel_address(self.userid)
        self.request.response.redirect(
            f"{api.portal.get().absolute_url()}/@@privat-epost", status=303
        )
        return ""


# Installation.


def install(site):
    """Idempotent: the keyring the codes' HMACs are keyed with, and a
    sweep of expired requests."""
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite

    previous = getSite()
    setSite(site)
    try:
        _keys(create=True)
        prune()
    finally:
        setSite(previous)


def uninstall(site):
    """Remove the stored requests and the keyring (the private addresses
    stay: they belong to accounts.py)."""
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite

    previous = getSite()
    setSite(site)
    try:
        IAnnotations(site).pop(STORE_KEY, None)
        manager = queryUtility(IKeyManager)
        if manager is not None and RING in manager:
            del manager[RING]
    finally:
        setSite(previous)
