"""Who a sign-in means: a login name or an e-mail address typed on a phone,
turned into one member's user id.

Every sign-in route (the password form, HTTP Basic, REST ``@login``, the
one-time code, password reset) asks ``find_userid``, so all of them agree:

1. the text is compared in Unicode NFC, stripped and lowercased
   (``canonical``), the way the site stores logins (login/names.py);
2. a login name that exists wins;
3. otherwise an e-mail address signs in as the **one** member who has it as
   their work address (the profile's ``email``) or as a confirmed private
   address (``private_address``). An address two members share signs in
   as nobody: a member cannot take over another's account by setting
   their address (plone.app.users checks that only with e-mail logins).

The private addresses are kept here, in the site's annotations: address →
user id and user id → address, so an address belongs to one member only.
"""

from BTrees.OOBTree import OOBTree
from plone import api
from solna.intranet.members import normalized
from solna.intranet.tools import tool
from zope.annotation.interfaces import IAnnotations


PRIVATE_KEY = "solna.intranet.login.private_addresses"


class AddressTaken(ValueError):
    """The address is already on another member's account."""


def canonical(text):
    """``text`` as logins and addresses are compared: NFC, stripped,
    lowercased ("" for None)."""
    return normalized(text).strip().lower()


def _private(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(PRIVATE_KEY)
    if store is None and create:
        store = annotations[PRIVATE_KEY] = OOBTree()
        store["by_address"] = OOBTree()
        store["by_userid"] = OOBTree()
    return store


def private_address(userid):
    """The member's confirmed private e-mail address, or ""."""
    store = _private()
    return store["by_userid"].get(userid, "") if store is not None else ""


def set_private_address(userid, address):
    """Keep ``address`` (already confirmed) as the member's private address,
    replacing an earlier one. Raises AddressTaken when another member has
    it, as a work or a private address."""
    address = canonical(address)
    others = owners(address) - {userid}
    if others:
        raise AddressTaken(address)
    store = _private(create=True)
    remove_private_address(userid)
    store["by_address"][address] = userid
    store["by_userid"][userid] = address


def remove_private_address(userid):
    """Forget the member's private address (nothing happens without one)."""
    store = _private()
    if store is None:
        return
    address = store["by_userid"].pop(userid, None)
    if address is not None and store["by_address"].get(address) == userid:
        del store["by_address"][address]


def owners(address):
    """The user ids of the members who have ``address`` as their work or
    private address: a set (empty for an unknown address).

    Work addresses are read from the member properties (one scan of the
    property store, about 10 ms at 5,000 members); callers ask once per
    request (``find_userid`` caches its answer on the request)."""
    address = canonical(address)
    if "@" not in address:
        return set()
    pas = tool("acl_users")
    found = set()
    properties = pas.get("mutable_properties")
    if properties is not None:
        for userid, values in properties._storage.items():
            if canonical(values.get("email", "")) == address:
                found.add(userid)
    store = _private()
    if store is not None and address in store["by_address"]:
        found.add(store["by_address"][address])
    return found


def userid_for_login(login):
    """The user id whose login is ``login`` (canonical), or None."""
    pas = tool("acl_users")
    return pas.source_users._login_to_userid.get(canonical(login))


def login_for_userid(userid):
    """The login of a member of the site's user folder, or None."""
    pas = tool("acl_users")
    return pas.source_users._userid_to_login.get(userid)


def find_userid(text, request=None):
    """The user id ``text`` (a login name or an e-mail address) signs in as,
    or None: no such account, or an address shared by several members.

    With a ``request`` the answer is kept on it, so the several checks one
    request makes look the members up once."""
    key = canonical(text)
    if not key:
        return None
    cache = request.other.setdefault("solna.accounts", {}) if request else {}
    if key in cache:
        return cache[key]
    userid = userid_for_login(key)
    if userid is None:
        found = owners(key)
        userid = found.pop() if len(found) == 1 else None
    cache[key] = userid
    return userid


def is_manager(userid):
    """Does the member hold the Manager role on the site (directly or
    through a group)? Such accounts are never found by an e-mail address
    for a sign-in without their password (codes, reset, single sign-on by
    address): a Site Administrator may change a Manager's address
    (plone.app.users' @@user-information) and could take the account over."""
    user = tool("acl_users").getUserById(userid)
    return user is not None and "Manager" in user.getRoles()
