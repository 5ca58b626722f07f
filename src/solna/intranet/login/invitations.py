"""Invitations: staff without an account are invited by HR or their
manager and set their account up from a personal link (issue 16).

Who invites (``may_invite_anywhere``, ``invitable_units``):

- HR: whoever has the permission *solna.intranet: Invite staff* on the site
  (``INVITE_PERMISSION``; ``install`` grants it to Manager, Site
  Administrator, HR Editor and HR Reviewer, the roles of Webbredaktörer,
  HR-redaktörer and HR-granskare): any unit;
- a unit's manager (Chef, organisation/managers.py): the units they
  manage and every unit under them.

Both see, send again and withdraw the invitations to those units; a QR code
(whose scanner chooses the login name and password) a manager shows only
for invitations they made (``may_show_qr``). When an account is set up, the
invitation's address is mailed that it is ready, so a person whose account
someone else set up learns of it.

What is stored (the site's annotation ``STORE_KEY``, an OOBTree):

- ``invitations``: invitation id (16 hex digits) → a PersistentMapping
  ``{"id", "fullname", "unit" (UID), "profession" (id), "email"
  (canonical: NFC, lowercase), "inviter" (user id), "created",
  "expires", "ended" (seconds since the epoch; ``ended`` 0 while
  pending), "state" ("pending" | "used" | "revoked"), "sent" (mails sent),
  "token" (HMAC of the mail link's token), "qr" (HMAC of the QR link's
  token, or ""), "qr_expires", "qr_used" (bool), "userid" (the account it
  made, or ""), "hashes" (every HMAC it ever had)}``;
- ``tokens`` and ``qr``: HMAC → invitation id, for the mail links and the
  QR links (old ones too, so an old link says why it no longer works).

Tokens are never stored: only ``HMAC-SHA256(secret, token)``, the secret
from the keyring ``RING`` of plone.keyring (a link made before an
operator rotates the ring works while the ring keeps the old key). A mail
link (``@@inbjudan/<token>``) is valid ``VALID_DAYS`` days and once; a QR
link (the same address, another token) ``QR_MINUTES`` minutes and once;
sending again makes a new mail token (the old link then says so), showing
a new QR code a new QR token. An invitation that ended (used, revoked) or
expired is deleted ``KEEP_DAYS`` days later, with its hashes (pruned on
each write).

Sources of the rules: the issue (7 days, once; QR 10 minutes, once; an
address already on an account is refused), OWASP Forgot Password and
Session Management cheat sheets (random tokens of 192 bits, stored
hashed, single use, no secret in logs).
"""

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from solna.intranet import _
from solna.intranet import logger
from solna.intranet import mail
from solna.intranet.dates import display
from solna.intranet.dates import display_date
from solna.intranet.dates import iso
from solna.intranet.login import limits
from solna.intranet.login.accounts import canonical
from solna.intranet.login.accounts import owners
from solna.intranet.login.accounts import PRIVATE_KEY
from solna.intranet.members import fullname as member_fullname
from solna.intranet.members import normalized
from solna.intranet.organisation.managers import managed_units
from solna.intranet.organisation.tree import titled_paths
from solna.intranet.organisation.tree import uids_under
from solna.intranet.organisation.tree import UNIT
from solna.intranet.vocabularies import PROFESSIONS
from solna.intranet.vocabularies import professions as professions_vocabulary
from solna.intranet.vocabularies import title_of
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility
from zope.i18n import translate
from zope.i18nmessageid import Message

import hashlib
import hmac
import re
import secrets
import time
import unicodedata


STORE_KEY = "solna.intranet.login.invitations"
RING = "solna.intranet.invitations"
INVITE_PERMISSION = "solna.intranet: Invite staff"
#: The roles that get INVITE_PERMISSION on the site (install).
INVITER_ROLES = ("Manager", "Site Administrator", "HR Editor", "HR Reviewer")

VALID_DAYS = 7
QR_MINUTES = 10
KEEP_DAYS = 30
DAY = 24 * 3600

#: What a token in a link looks like (``secrets.token_urlsafe(24)``: 32
#: characters); anything else is malformed and looked up nowhere.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
#: A login name an invitee may choose: lowercase letters, digits, "." "-"
#: "_", 2 to 50 characters, no "@" (an address signs in as its owner,
#: login/accounts.py: a login that looks like an address would not).
LOGIN_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,48}[a-z0-9])$")
#: An e-mail address good enough to send to (RFC 5321 lengths).
EMAIL_PATTERN = re.compile(r"^[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+$")
MAX_NAME = 200
#: Login names nobody chooses, besides the ids of the site's objects and of
#: acl_users' plugins (``reserved_login``): names that look like the site's
#: own accounts or roles, so that a mail or a page naming them misleads
#: nobody (OWASP Authentication cheat sheet: reserved user names).
RESERVED_LOGINS = frozenset(
    (
        "admin",
        "administrator",
        "root",
        "system",
        "manager",
        "webmaster",
        "postmaster",
        "hostmaster",
        "support",
        "anonymous",
        "authenticated",
    )
)

# -- Messages ---------------------------------------------------------------

NAME_MISSING = _("invitation_name_missing", default="Write the person's name.")
NAME_TOO_LONG = _("invitation_name_too_long", default="The name is too long.")
UNIT_MISSING = _("invitation_unit_missing", default="Choose a unit.")
UNIT_NOT_YOURS = _(
    "invitation_unit_not_yours",
    default="Choose one of the units you may invite staff to.",
)
PROFESSION_MISSING = _(
    "invitation_profession_missing", default="Choose a profession from the list."
)
EMAIL_MISSING = _("invitation_email_missing", default="Write the e-mail address.")
EMAIL_BAD = _(
    "invitation_email_bad",
    default="That is not an e-mail address. Write it as name@example.se.",
)
EMAIL_TAKEN = _(
    "invitation_email_taken",
    default="That address is already on an account. The person can sign in "
    "with it (with a one-time code if they have no password).",
)
EMAIL_INVITED = _(
    "invitation_email_invited",
    default="That address already has an invitation waiting. Send it again "
    "from the list of invitations instead.",
)
LOGIN_BAD = _(
    "invitation_login_bad",
    default="Use 2 to 50 small letters (a–z), digits, dots or hyphens, and "
    "begin and end with a letter or a digit.",
)
LOGIN_RESERVED = _(
    "invitation_login_reserved",
    default="That login name is reserved for the site. Choose another, for "
    "example ${login}.",
)
LOGIN_TAKEN = _(
    "invitation_login_taken",
    default="That login name is taken. Choose another, for example ${login}.",
)
PASSWORD_SHORT = _(
    "invitation_password_short",
    default="The password needs at least ${count} characters. Or leave it "
    "empty and sign in with a one-time code.",
)
NOT_ALLOWED = _(
    "invitation_not_allowed",
    default="Only HR and a unit's manager may invite staff.",
)
NOT_FOUND = _(
    "invitation_not_found",
    default="There is no such invitation among those you may handle.",
)
QR_NOT_YOURS = _(
    "invitation_qr_not_yours",
    default="Only the one who sent the invitation, or HR, may show a QR code "
    "for it. Send it again instead: the link goes to the person's e-mail.",
)

# -- Storage ----------------------------------------------------------------


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(STORE_KEY)
    if store is None and create:
        store = annotations[STORE_KEY] = OOBTree()
        store["invitations"] = OOBTree()
        store["tokens"] = OOBTree()
        store["qr"] = OOBTree()
    return store


def install(site):
    """Idempotent: the permission's roles on ``site`` and the keyring."""
    site.manage_permission(INVITE_PERMISSION, roles=list(INVITER_ROLES), acquire=True)
    manager = queryUtility(IKeyManager)
    if manager is not None and RING not in manager:
        ring = Keyring()
        ring.fill()
        manager[RING] = ring


def uninstall(site):
    """Forget every invitation and the keyring (links stop working)."""
    annotations = IAnnotations(site)
    if STORE_KEY in annotations:
        del annotations[STORE_KEY]
    manager = queryUtility(IKeyManager)
    if manager is not None and RING in manager:
        del manager[RING]


def _keys():
    """The ring's secrets, the current first (bytes)."""
    manager = queryUtility(IKeyManager)
    if manager is None:
        raise LookupError("no key manager")
    if RING not in manager:  # a site installed before this module
        install(api.portal.get())
    return [key.encode("utf-8") for key in manager[RING] if key]


def _hash(token, key=None):
    key = key if key is not None else _keys()[0]
    return hmac.new(key, token.encode("ascii"), hashlib.sha256).hexdigest()


def _new_token():
    """(token for the link, its HMAC to store)."""
    token = secrets.token_urlsafe(24)
    return token, _hash(token)


def link(token, request=None):
    """The address of the invitation page for a token."""
    return f"{api.portal.get().absolute_url()}/@@inbjudan/{token}"


def _prune(store, now):
    """Delete what ended (or expired) more than KEEP_DAYS ago."""
    cutoff = now - KEEP_DAYS * DAY
    old = [
        key
        for key, record in store["invitations"].items()
        if (record["ended"] or record["expires"]) < cutoff
    ]
    for key in old:
        record = store["invitations"].pop(key)
        for index, digest in record.get("hashes", ()):
            store[index].pop(digest, None)


# -- Who may invite ---------------------------------------------------------


def may_invite_anywhere():
    """Has the current member HR's right to invite to any unit?"""
    return bool(
        api.user.has_permission(INVITE_PERMISSION, obj=api.portal.get())
        if not api.user.is_anonymous()
        else False
    )


def _all_unit_brains():
    catalog = api.portal.get_tool("portal_catalog")
    return list(catalog.unrestrictedSearchResults(portal_type=UNIT, sort_on="path"))


def invitable_units():
    """The units the current member may invite staff to, as
    ``[{"UID", "title", "label"}]`` (title: the unit's place in the
    organisation, "Barn och utbildning › Solgläntan"; label: its own name
    first, "Solgläntan – Barn och utbildning", so a phone's narrow list
    shows which unit it is), in the organisation's order; [] for someone
    who may invite nobody."""
    if api.user.is_anonymous():
        return []
    brains = _all_unit_brains()
    allowed = None
    if not may_invite_anywhere():
        paths = [b.getPath() for b in managed_units(api.user.get_current().getId())]
        allowed = set(uids_under(paths))
    return [
        {
            "UID": brain.UID,
            "title": " › ".join(parts),
            "label": " – ".join([parts[-1], " › ".join(parts[:-1])])
            if len(parts) > 1
            else parts[-1],
        }
        for brain, parts in titled_paths(brains)
        if allowed is None or brain.UID in allowed
    ]


def may_invite():
    """May the current member invite anyone at all?"""
    return bool(may_invite_anywhere() or invitable_units())


def unit_title(uid):
    """A unit's title by UID ("" for an unknown one)."""
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(portal_type=UNIT, UID=uid) if uid else []
    return found[0].Title if found else ""


def profession_title(value, request=None):
    return title_of(professions_vocabulary, value, request)


# -- Checking what an inviter typed -----------------------------------------


def valid_email(address):
    address = canonical(address)
    return bool(address) and len(address) <= 254 and bool(EMAIL_PATTERN.match(address))


def taken_addresses():
    """Every work and private address on an account (canonical), in one scan
    of the member properties: ``accounts.owners`` for many addresses."""
    pas = api.portal.get_tool("acl_users")
    found = set()
    properties = pas.get("mutable_properties")
    if properties is not None:
        for values in properties._storage.values():
            address = canonical(values.get("email", ""))
            if address:
                found.add(address)
    private = IAnnotations(api.portal.get()).get(PRIVATE_KEY)
    if private is not None:
        found.update(private["by_address"].keys())
    return found


def waiting_addresses(now=None):
    """The addresses of the invitations that are pending and not expired."""
    now = now or time.time()
    store = _store()
    if store is None:
        return set()
    return {
        record["email"]
        for record in store["invitations"].values()
        if record["state"] == "pending" and record["expires"] > now
    }


def check(data, allowed_uids, taken=None, waiting=None):
    """What an inviter typed for one person, checked.

    ``data``: {"fullname", "unit" (UID), "profession" (id), "email"} (str;
    anything else counts as ""). ``allowed_uids``: the units the inviter may
    invite to (a set). ``taken``/``waiting``: the addresses on accounts and
    with a pending invitation (looked up when None).

    Returns (values, errors): values with the text NFC and stripped, the
    address canonical; errors {field: i18n message}, {} when all is well."""

    def text(name):
        value = data.get(name)
        return normalized(value).strip() if isinstance(value, str) else ""

    values = {
        "fullname": " ".join(text("fullname").split()),
        "unit": text("unit"),
        "profession": text("profession"),
        "email": canonical(text("email")),
    }
    errors = {}
    if not values["fullname"]:
        errors["fullname"] = NAME_MISSING
    elif len(values["fullname"]) > MAX_NAME:
        errors["fullname"] = NAME_TOO_LONG
    if not values["unit"]:
        errors["unit"] = UNIT_MISSING
    elif values["unit"] not in allowed_uids:
        errors["unit"] = UNIT_NOT_YOURS
    if values["profession"] not in professions_vocabulary().by_value:
        errors["profession"] = PROFESSION_MISSING
    address = values["email"]
    if not address:
        errors["email"] = EMAIL_MISSING
    elif not valid_email(address):
        errors["email"] = EMAIL_BAD
    elif address in (taken if taken is not None else owners_of(address)):
        errors["email"] = EMAIL_TAKEN
    elif address in (waiting if waiting is not None else waiting_addresses()):
        errors["email"] = EMAIL_INVITED
    return values, errors


def owners_of(address):
    """{address} when ``address`` is on an account, else set()."""
    return {canonical(address)} if owners(address) else set()


# -- Inviting ---------------------------------------------------------------

MAIL_SUBJECT = _("invitation_mail_subject", default="Welcome to Solna intranät")
MAIL_BODY = _(
    "invitation_mail_body",
    default="Hello ${name},\n\n${inviter} has invited you to Solna intranät, the "
    "intranet of Solna stad, as ${profession} at ${unit}.\n\n"
    "Open this link on your phone to set up your account. It works once, "
    "until ${date}:\n${url}\n\n"
    "If you did not expect this mail, you can ignore it.",
)


def _send(record, token, request=None):
    mail.send_to(
        [record["email"]],
        MAIL_SUBJECT,
        Message(
            MAIL_BODY,
            mapping={
                "name": record["fullname"],
                "inviter": member_fullname(record["inviter"]) or record["inviter"],
                "profession": profession_title(record["profession"], request).lower(),
                "unit": unit_title(record["unit"]),
                "date": display(record["expires"], request),
                "url": link(token, request),
            },
        ),
    )


def _expire_old(store, address, now):
    """An expired pending invitation of ``address`` gives way to a new one."""
    for record in store["invitations"].values():
        if (
            record["email"] == address
            and record["state"] == "pending"
            and record["expires"] <= now
        ):
            record["state"] = "revoked"
            record["ended"] = now


def invite(values, request=None, now=None):
    """Create an invitation from checked ``values`` (see ``check``) and mail
    the invitee their link (after the commit). Returns the record."""
    now = now or time.time()
    store = _store(create=True)
    _prune(store, now)
    _expire_old(store, values["email"], now)
    token, digest = _new_token()
    key = secrets.token_hex(8)
    record = PersistentMapping(
        {
            "id": key,
            "fullname": values["fullname"],
            "unit": values["unit"],
            "profession": values["profession"],
            "email": values["email"],
            "inviter": api.user.get_current().getId(),
            "created": now,
            "expires": now + VALID_DAYS * DAY,
            "ended": 0,
            "state": "pending",
            "sent": 1,
            "token": digest,
            "qr": "",
            "qr_expires": 0,
            "qr_used": False,
            "userid": "",
            "hashes": (("tokens", digest),),
        }
    )
    store["invitations"][key] = record
    store["tokens"][digest] = key
    _send(record, token, request)
    logger.info("Invitation %s made", key)
    return record


def visible(now=None):
    """The invitations the current member handles, pending ones (expired
    ones too, to send again), newest first: HR all, a manager those to
    their units."""
    store = _store()
    if store is None or not may_invite():
        return []
    anywhere = may_invite_anywhere()
    allowed = {u["UID"] for u in invitable_units()} if not anywhere else None
    records = [
        record
        for record in store["invitations"].values()
        if record["state"] == "pending" and (anywhere or record["unit"] in allowed)
    ]
    return sorted(records, key=lambda r: -r["created"])


def may_show_qr(record):
    """May the current member show a QR code for ``record``? HR: any; a
    manager: only for invitations they made themselves. Whoever scans the
    code chooses the account's login name and password, so a manager must
    not do it for someone HR invited (and keep a password to the account)."""
    if may_invite_anywhere():
        return True
    if api.user.is_anonymous():
        return False
    return record["inviter"] == api.user.get_current().getId()


def get_visible(key):
    """The pending invitation with id ``key`` if the current member handles
    it, else None."""
    store = _store()
    record = store["invitations"].get(key) if store is not None and key else None
    if record is None or record["state"] != "pending" or not isinstance(key, str):
        return None
    if may_invite_anywhere():
        return record
    allowed = {u["UID"] for u in invitable_units()}
    return record if record["unit"] in allowed else None


def resend(record, request=None, now=None):
    """A new link (the old one stops working), valid VALID_DAYS again from
    now, mailed to the invitee."""
    now = now or time.time()
    store = _store(create=True)
    token, digest = _new_token()
    record["token"] = digest
    record["expires"] = now + VALID_DAYS * DAY
    record["sent"] = record["sent"] + 1
    record["hashes"] = (*record["hashes"], ("tokens", digest))
    store["tokens"][digest] = record["id"]
    _send(record, token, request)
    return record


def revoke(record, now=None):
    """The invitation's links stop working."""
    record["state"] = "revoked"
    record["ended"] = now or time.time()
    record["qr"] = ""


def new_qr(record, request=None, now=None):
    """A one-time link for a QR code, valid QR_MINUTES minutes; an earlier
    QR link of the invitation stops working. Returns (url, expires)."""
    now = now or time.time()
    store = _store(create=True)
    token, digest = _new_token()
    record["qr"] = digest
    record["qr_expires"] = now + QR_MINUTES * 60
    record["qr_used"] = False
    record["hashes"] = (*record["hashes"], ("qr", digest))
    store["qr"][digest] = record["id"]
    return link(token, request), record["qr_expires"]


def qr_svg(url):
    """The QR code of ``url`` as an SVG data URI (segno; error correction
    M). The site's CSP allows ``data:`` images."""
    import segno

    return segno.make(url, error="m").svg_data_uri(
        scale=6, border=2, title="QR-kod för inbjudan"
    )


def serialize(record, request=None, now=None):
    """An invitation as the inviter's list and REST show it::

    {"id", "fullname", "email", "unit": {"UID", "title"},
     "profession": {"id", "title"}, "inviter": name,
     "created", "expires": ISO 8601, "created_display",
     "expires_display", "expired": bool, "sent": int}"""
    now = now or time.time()
    return {
        "id": record["id"],
        "fullname": record["fullname"],
        "email": record["email"],
        "unit": {"UID": record["unit"], "title": unit_title(record["unit"])},
        "profession": {
            "id": record["profession"],
            "title": profession_title(record["profession"], request),
        },
        "inviter": member_fullname(record["inviter"]),
        "created": iso(record["created"]),
        "created_display": display_date(record["created"], request),
        "expires": iso(record["expires"]),
        "expires_display": display(record["expires"], request),
        "expired": record["expires"] <= now,
        "sent": record["sent"],
    }


# -- The invitee's link -----------------------------------------------------


class Problem(Exception):
    """A link that cannot be used: ``code`` (str), ``message`` (i18n),
    ``status`` (HTTP), ``record`` (the invitation, when known)."""

    #: For 429: seconds until the lock ends (the Retry-After header).
    retry_after = None

    def __init__(self, code, message, status, record=None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.status = status
        self.record = record

    def answer(self, request):
        """Set the response's status (and Retry-After) for this problem."""
        request.response.setStatus(self.status)
        if self.retry_after:
            request.response.setHeader("Retry-After", str(self.retry_after))


UNKNOWN = _(
    "invitation_link_unknown",
    default="This link does not work. Check that you opened the whole link "
    "from the mail, or ask your manager to send the invitation again.",
)
EXPIRED = _(
    "invitation_link_expired",
    default="The invitation has expired. Ask your manager or HR to send it again.",
)
USED = _(
    "invitation_link_used",
    default="The invitation has already been used: the account is set up. "
    "Sign in with your login name, or with a one-time code to your e-mail.",
)
REVOKED = _(
    "invitation_link_revoked",
    default="The invitation has been withdrawn. Ask your manager or HR if "
    "you should have one.",
)
REPLACED = _(
    "invitation_link_replaced",
    default="A newer invitation has been sent to you. Use the link in the latest mail.",
)
QR_USED = _("invitation_qr_used", default="The code has already been used.")
QR_EXPIRED = _(
    "invitation_qr_expired",
    default="The code has expired (it is valid for ${minutes} minutes). Ask "
    "your manager to show a new one.",
)
QR_REPLACED = _(
    "invitation_qr_replaced",
    default="The code is no longer valid. Scan the newest code your manager shows.",
)
HAS_ACCOUNT = _(
    "invitation_has_account",
    default="There is already an account with your e-mail address. Sign in "
    "instead (with a one-time code if you have no password).",
)
LOCKED = _(
    "invitation_locked",
    default="Too many wrong attempts from here. Wait ${minutes} minutes and try again.",
)


def _lookup(token):
    """(kind "mail" | "qr", record) for a token, or (None, None)."""
    store = _store()
    if store is None or not isinstance(token, str) or not TOKEN_PATTERN.match(token):
        return None, None
    for key in _keys():
        digest = _hash(token, key)
        for kind, index in (("mail", "tokens"), ("qr", "qr")):
            found = store[index].get(digest)
            if found is not None:
                record = store["invitations"].get(found)
                if record is not None:
                    return kind, (record, digest)
    return None, None


def _locked(request, login):
    until = limits.locked_until(request, canonical(login)) if request else 0
    if until and until > time.time():
        seconds = int(until - time.time()) + 1
        minutes = max(1, (seconds + 59) // 60)
        problem = Problem("locked", Message(LOCKED, mapping={"minutes": minutes}), 429)
        problem.retry_after = seconds
        raise problem


def _problem(kind, record, digest, now):
    """Why a known token cannot be used (a Problem), or None."""
    if kind == "qr":
        if record["state"] == "used" or record["qr_used"]:
            return Problem("qr_used", QR_USED, 410, record)
        if record["state"] == "revoked":
            return Problem("revoked", REVOKED, 410, record)
        if record["qr"] != digest:
            return Problem("qr_replaced", QR_REPLACED, 410, record)
        if record["qr_expires"] <= now:
            message = Message(QR_EXPIRED, mapping={"minutes": QR_MINUTES})
            return Problem("qr_expired", message, 410, record)
        return None
    if record["state"] == "used":
        return Problem("used", USED, 410, record)
    if record["state"] == "revoked":
        return Problem("revoked", REVOKED, 410, record)
    if record["token"] != digest:
        return Problem("replaced", REPLACED, 410, record)
    if record["expires"] <= now:
        return Problem("expired", EXPIRED, 410, record)
    return None


def usable(token, request=None, attempt=True, now=None):
    """The invitation a link's token opens: (kind "mail" | "qr", record).

    Raises Problem (nothing changes) for a token that is malformed or
    unknown (404), expired, used, withdrawn or replaced (410), an address
    that got an account meanwhile (409), or a client the guessing limits
    lock (429, on a GET too).

    Failures are counted with limits.record_failure (kind "code") only for
    an ``attempt`` to use the link (a POST that sets the account up): an
    unknown token as login "" (the client's address), a known one that
    cannot be used as the invitation's address. Opening a link (a GET,
    ``attempt`` False) counts nothing: any web page can make a browser
    open ``@@inbjudan/<anything>`` (an ``<img>``), mail scanners open
    links, and a token of 192 random bits is not guessed by GETs, so
    counting them would only let a stranger lock a client out of signing
    in."""
    now = now or time.time()
    _locked(request, "")
    kind, found = _lookup(token)
    count = attempt and request is not None
    if found is None:
        if count:
            limits.record_failure(request, "", "code")
        raise Problem("unknown", UNKNOWN, 404)
    record, digest = found
    problem = _problem(kind, record, digest, now)
    if problem is None and owners(record["email"]):
        problem = Problem("has_account", HAS_ACCOUNT, 409, record)
    if problem is not None:
        if count:
            limits.record_failure(request, record["email"], "code")
        raise problem
    _locked(request, record["email"])
    return kind, record


# -- Setting the account up -------------------------------------------------


def _ascii(text):
    text = normalized(text).lower()
    for special, plain in (("ß", "ss"), ("æ", "ae"), ("ø", "o"), ("đ", "d")):
        text = text.replace(special, plain)
    text = text.replace("ł", "l")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _slug(text):
    """ "Åsa Öberg-Lind" → "asa.oberg-lind"."""
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", _ascii(text))
    return ".".join(words)[:44].strip(".-")


def reserved_login(login):
    """Is ``login`` reserved: in RESERVED_LOGINS, or the id of an object in
    the site ("acl_users", "portal_catalog") or of a plugin in acl_users
    ("session", "solna_guard")? Such a name would pass for the site's own
    account or tool in mails, logs and the member list (compared in
    lowercase, as login names are)."""
    login = (login or "").lower()
    if login in RESERVED_LOGINS:
        return True
    portal = api.portal.get()
    ids = set(portal.objectIds())
    ids.update(api.portal.get_tool("acl_users").objectIds())
    return login in {str(id_).lower() for id_ in ids}


def login_allowed(login):
    """Is ``login`` well formed, not reserved (``reserved_login``) and free
    (no account or group has it as id or login, here or in Zope's root user
    folder)?"""
    if not LOGIN_PATTERN.match(login or ""):
        return False
    if reserved_login(login):
        return False
    registration = api.portal.get_tool("portal_registration")
    return bool(registration.isMemberIdAllowed(login))


def propose_login(fullname, email=""):
    """A free login name from the person's name ("Åsa Öberg" → "asa.oberg",
    then "asa.oberg2", …), else from the address's local part, else
    "medarbetare"."""
    base = _slug(fullname) or _slug(email.partition("@")[0]) or "medarbetare"
    if len(base) < 2:
        base = f"{base}.medarbetare"
    for number in range(1, 1000):
        candidate = base if number == 1 else f"{base}{number}"
        if login_allowed(candidate):
            return candidate
    return f"{base}.{secrets.token_hex(3)}"


def min_password_length():
    """The shortest password the site's PAS password policy accepts."""
    pas = api.portal.get_tool("acl_users")
    from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin

    lengths = [
        getattr(plugin, "min_chars", 0)
        for _id, plugin in pas.plugins.listPlugins(IValidationPlugin)
    ]
    return max([8, *lengths])


def check_setup(record, login, password):
    """The errors of what an invitee chose: {"login" | "password": i18n
    message}. ``password`` "" means none (she signs in with codes)."""
    errors = {}
    login = canonical(login)
    if not LOGIN_PATTERN.match(login):
        errors["login"] = LOGIN_BAD
    elif reserved_login(login):
        errors["login"] = Message(
            LOGIN_RESERVED,
            mapping={"login": propose_login(record["fullname"], record["email"])},
        )
    elif not login_allowed(login):
        errors["login"] = Message(
            LOGIN_TAKEN,
            mapping={"login": propose_login(record["fullname"], record["email"])},
        )
    if password:
        shortest = min_password_length()
        if len(password) < shortest:
            errors["password"] = Message(PASSWORD_SHORT, mapping={"count": shortest})
        else:
            registration = api.portal.get_tool("portal_registration")
            refused = registration.testPasswordValidity(password)
            if refused:
                errors["password"] = refused
    return errors


class SetupRefused(ValueError):
    """What the invitee chose was refused: ``errors`` as check_setup."""

    def __init__(self, errors):
        super().__init__(sorted(errors))
        self.errors = errors


ACCOUNT_SUBJECT = _(
    "invitation_account_mail_subject",
    default="Your account on Solna intranät is ready",
)
ACCOUNT_BODY = _(
    "invitation_account_mail_body",
    default="Hello ${name},\n\nAn account on Solna intranät has been set up "
    "from your invitation. Your login name is ${login}.\n\n"
    "To sign in, open ${url} and write your login name or this e-mail "
    "address: a one-time code comes by e-mail.\n\n"
    "If it was not you: contact your manager or HR.",
)


def _send_account_ready(record, login):
    """Tell the invitation's address that an account was set up from it:
    whoever scanned a QR code or opened the link set it up, so the person
    learns of it even when it was not she (and can have it stopped)."""
    mail.send_to(
        [record["email"]],
        ACCOUNT_SUBJECT,
        Message(
            ACCOUNT_BODY,
            mapping={
                "name": record["fullname"],
                "login": login,
                "url": f"{api.portal.get().absolute_url()}/@@engangskod",
            },
        ),
    )


def accept(token, login, password, request, now=None):
    """Set up the invitee's account from a link: check the token (``usable``,
    raising Problem), what she chose (raising SetupRefused), then create the
    account (login name ``login``, her e-mail, full name, unit and
    profession; without a password a random one nobody knows, so she signs
    in with one-time codes), mark the invitation used, mail the
    invitation's address that the account is ready (``_send_account_ready``)
    and count a success for the login. Returns the new user id. The caller
    signs her in."""
    now = now or time.time()
    kind, record = usable(token, request, now=now)
    login = canonical(login)
    password = password if isinstance(password, str) else ""
    errors = check_setup(record, login, password)
    if errors:
        raise SetupRefused(errors)
    with api.env.adopt_roles(["Manager"]):
        user = api.user.create(
            email=record["email"],
            username=login,
            password=password or secrets.token_urlsafe(32),
            properties={
                "fullname": record["fullname"],
                "unit": record["unit"],
                "profession": record["profession"],
            },
        )
    userid = user.getId()
    record["state"] = "used"
    record["ended"] = now
    record["userid"] = userid
    if kind == "qr":
        record["qr_used"] = True
    _send_account_ready(record, login)
    if request is not None:
        limits.record_success(request, login)
    logger.info("Invitation %s used: an account was set up", record["id"])
    return userid


def describe(record, request=None):
    """What the invitee's page and REST show of her invitation::

    {"fullname", "email", "unit": {"UID", "title"},
     "profession": {"id", "title"}, "login" (a proposal),
     "password_min_length": int}"""
    return {
        "fullname": record["fullname"],
        "email": record["email"],
        "unit": {"UID": record["unit"], "title": unit_title(record["unit"])},
        "profession": {
            "id": record["profession"],
            "title": profession_title(record["profession"], request),
        },
        "login": propose_login(record["fullname"], record["email"]),
        "password_min_length": min_password_length(),
    }


def no_store(request):
    """Pages and answers with a secret (a token, a QR code) are kept by no
    browser or proxy."""
    request.response.setHeader("Cache-Control", "no-store, max-age=0")
    request.response.setHeader("Pragma", "no-cache")


def professions(request):
    """The professions as choices: [{"id", "title"}] (translated)."""
    return [
        {"id": value, "title": translate(title, context=request)}
        for value, title in PROFESSIONS
    ]


def translated_errors(errors, request):
    return {
        field: translate(message, context=request) for field, message in errors.items()
    }
