"""Who is who for "Logga in med Solna-konto" (sso.py): the settings from
the environment, the members' employee numbers and linked subjects, and
``resolve``, which maps a sign-in's claims to an existing account (the
rules are sso.py's docstring's). Apart from sso.py so that the OpenID
library's side (sso_client.py) and the pages (sso.py) share it without
importing each other.
"""

from BTrees.OOBTree import OOBTree
from plone import api
from solna.intranet.login import accounts
from urllib.parse import urlsplit
from zope.annotation.interfaces import IAnnotations

import os


#: Settings, from these environment variables only (else the default).
#: Not from the registry: a Site Administrator may edit the registry, and
#: whoever chooses the provider (or which addresses it vouches for) may sign
#: in as anyone, a Manager included; the process environment is the
#: operator's.
ENVIRONMENT = {
    "issuer": "SOLNA_OIDC_ISSUER",
    "client_id": "SOLNA_OIDC_CLIENT_ID",
    "client_secret": "SOLNA_OIDC_CLIENT_SECRET",
    "scopes": "SOLNA_OIDC_SCOPES",
    "employee_id_claim": "SOLNA_OIDC_EMPLOYEE_ID_CLAIM",
    "email_domains": "SOLNA_OIDC_EMAIL_DOMAINS",
}
DEFAULTS = {
    "issuer": "",
    "client_id": "",
    "client_secret": "",
    "scopes": "openid profile email",
    "employee_id_claim": "employee_id",
    "email_domains": "",
}

#: The annotation of the site that keeps who is who (see ``_links``).
LINKS_KEY = "solna.intranet.login.sso"

#: Pages a sign-in must not land on again.
LOGIN_PAGES = frozenset(
    {
        "login",
        "login_form",
        "@@login",
        "@@login_form",
        "require_login",
        "logged_out",
        "logout",
        "@@logout",
        "callback",
    }
)


# -- settings --------------------------------------------------------------


def setting(name):
    """A setting as text: the environment variable ``ENVIRONMENT[name]``
    when set and not empty, else ``DEFAULTS[name]``. Read at each use: a
    changed environment needs no reinstall (a restart sets it)."""
    return os.environ.get(ENVIRONMENT[name], "").strip() or DEFAULTS[name]


def scopes():
    """The scopes asked for: a tuple, always with ``openid`` first."""
    found = [s for s in setting("scopes").replace(",", " ").split() if s]
    return ("openid", *[s for s in found if s != "openid"])


def email_domains():
    """The domains whose addresses the provider vouches for: a set of
    lower-case domains (``{"solna.se"}``)."""
    text = setting("email_domains").replace(",", " ").lower()
    return {d.lstrip("@") for d in text.split() if d.lstrip("@")}


def is_configured():
    """Is single sign-on switched on: issuer, client id and secret set?"""
    return all(setting(n) for n in ("issuer", "client_id", "client_secret"))


# -- who is who: linked subjects and employee numbers ----------------------


class EmployeeIdTaken(ValueError):
    """The employee number is already on another member's account (its
    user id is ``args[1]``)."""


def _links(create=False):
    """The site's store: {"subjects": OOBTree "<iss> <sub>" → user id,
    "employee_ids": OOBTree employee number (canonical) → user id,
    "by_userid": OOBTree user id → {"subject": str, "employee_id": str}}.
    None before anything was stored (unless ``create``)."""
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(LINKS_KEY)
    if store is None and create:
        store = annotations[LINKS_KEY] = OOBTree()
        store["subjects"] = OOBTree()
        store["employee_ids"] = OOBTree()
        store["by_userid"] = OOBTree()
    return store


def _entry(store, userid):
    return dict(store["by_userid"].get(userid, {}))


def _put(store, userid, **changes):
    entry = {**_entry(store, userid), **changes}
    entry = {k: v for k, v in entry.items() if v}
    if entry:
        store["by_userid"][userid] = entry
    elif userid in store["by_userid"]:
        del store["by_userid"][userid]


def _subject(issuer, sub):
    return f"{(issuer or '').rstrip('/')} {sub}"


def employee_id(userid):
    """The employee number HR gave the member ("" for none)."""
    store = _links()
    return _entry(store, userid).get("employee_id", "") if store is not None else ""


def set_employee_id(userid, value):
    """Give the member ``userid`` the employee number ``value`` (compared
    as ``accounts.canonical``: NFC, stripped, lower case; "" removes it).
    Also forgets the member's linked subject, so the next sign-in is
    mapped afresh. Raises EmployeeIdTaken when another member has it."""
    value = accounts.canonical(value)
    store = _links(create=True)
    holder = store["employee_ids"].get(value) if value else None
    if holder is not None and holder != userid:
        raise EmployeeIdTaken(value, holder)
    old = _entry(store, userid).get("employee_id")
    if old and store["employee_ids"].get(old) == userid:
        del store["employee_ids"][old]
    if value:
        store["employee_ids"][value] = userid
    _put(store, userid, employee_id=value)
    unlink(userid)


def userid_for_employee_id(value):
    """The member with the employee number ``value``, or None."""
    store = _links()
    value = accounts.canonical(value)
    return store["employee_ids"].get(value) if store is not None and value else None


def linked(userid):
    """Is a provider's subject linked to the member?"""
    store = _links()
    return bool(store is not None and _entry(store, userid).get("subject"))


def link(issuer, sub, userid):
    """Link the provider's subject to the member (replacing the member's
    earlier link)."""
    store = _links(create=True)
    unlink(userid)
    key = _subject(issuer, sub)
    store["subjects"][key] = userid
    _put(store, userid, subject=key)


def unlink(userid):
    """Forget the subject linked to the member (nothing happens without
    one)."""
    store = _links()
    if store is None:
        return
    key = _entry(store, userid).get("subject")
    if key and store["subjects"].get(key) == userid:
        del store["subjects"][key]
    _put(store, userid, subject="")


def forget(userid):
    """Forget everything kept about the member (the account is gone)."""
    set_employee_id(userid, "")


def forget_person(event):
    """IPrincipalDeletedEvent: the account is removed, and so is what was
    kept about it (employee number, linked subject)."""
    userid = getattr(event, "principal", None)
    if isinstance(userid, str) and _links() is not None:
        forget(userid)


def account_exists(userid):
    """Is there an account with the user id ``userid`` (a str, or None)?"""
    return bool(userid) and api.portal.get().acl_users.getUserById(userid) is not None


def _verified(claims, address):
    """Does the provider vouch for ``address``: ``email_verified`` true (a
    JSON true, or the text "true" some providers send), or, when the
    provider says nothing about it (Entra ID), the address in one of
    ``email_domains``? An explicit false is false whatever the domain."""
    flag = claims.get("email_verified")
    if isinstance(flag, str):
        flag = {"true": True, "false": False}.get(flag.strip().lower(), flag)
    if flag is True:
        return True
    if flag is False:
        return False
    domain = address.rpartition("@")[2]
    return bool(domain) and domain in email_domains()


def resolve(claims, issuer):
    """The member a sign-in with these claims (a dict: the ID token's,
    overlaid by userinfo's) is: (user id, how) with ``how`` one of
    "subject", "employee_id", "email"; or (None, None). Never creates or
    changes anything. The rules are sso.py's docstring's."""
    sub = str(claims.get("sub") or "")
    store = _links()
    if sub and store is not None:
        userid = store["subjects"].get(_subject(issuer, sub))
        if account_exists(userid):
            return userid, "subject"
    name = setting("employee_id_claim")
    number = claims.get(name) if name else None
    if isinstance(number, int | str) and not isinstance(number, bool):
        userid = userid_for_employee_id(str(number))
        if account_exists(userid):
            return userid, "employee_id"
    address = claims.get("email")
    if isinstance(address, str) and "@" in address:
        address = accounts.canonical(address)
        if _verified(claims, address):
            found = {u for u in accounts.owners(address) if account_exists(u)}
            # An administrator is never found by address: a Site
            # Administrator may change a Manager's e-mail address.
            if len(found) == 1 and not accounts.is_manager(next(iter(found))):
                return found.pop(), "email"
    return None, None


# -- where a sign-in lands ---------------------------------------------------


def safe_came_from(came_from):
    """``came_from`` when it is a page of this site other than a login
    page, else "" (the sign-in then lands on the site's root)."""
    if not came_from or not isinstance(came_from, str):
        return ""
    if not api.portal.get_tool("portal_url").isURLInPortal(came_from):
        return ""
    last = urlsplit(came_from).path.rstrip("/").rpartition("/")[2]
    return "" if last in LOGIN_PAGES else came_from
