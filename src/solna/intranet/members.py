"""Members: the accounts of this site, how they are named and placed, and
text typed about them in one Unicode form.

An account is a *member* when the site's own user folder knows it. Zope's
administrator lives in the root user folder: ``api.user.get`` finds it too,
but it has no member data here and plone.api cannot ask what it may see
(``'MemberData' object has no attribute 'allowed'``), so one such account
among the recipients of a notice or a mail broke the whole request. Every
place that turns user ids into people to name, tell or mail asks
``member``/``members`` first.
"""

from plone import api

import unicodedata


def normalized(text):
    """``text`` in Unicode normal form NFC: "å" typed as one character or as
    "a" plus a combining ring (as some phone keyboards send it) is the same
    text. Everything people type is compared and searched in this form.
    Returns "" for None."""
    return unicodedata.normalize("NFC", text or "")


def member(userid):
    """The member with this user id (plone.api's MemberData), or None for
    an unknown id, a group or an account outside the site's user folder."""
    if not userid or not isinstance(userid, str):
        return None
    acl_users = api.portal.get_tool("acl_users")
    if acl_users.getUserById(userid) is None:
        return None
    return api.user.get(userid=userid)


def members(userids):
    """The members among ``userids``, each once, in the order given."""
    found, seen = [], set()
    for userid in userids or ():
        if userid in seen:
            continue
        seen.add(userid)
        if (user := member(userid)) is not None:
            found.append(user)
    return found


def fullname(userid):
    """A member's full name, else their login ("" for no one)."""
    user = member(userid)
    return (user.getProperty("fullname", "") or userid) if user else userid or ""


def profile(userid):
    """(unit UID, profession) of a member's profile, or ("", "")."""
    user = member(userid)
    if user is None:
        return "", ""
    return user.getProperty("unit", "") or "", user.getProperty("profession", "") or ""


def unit_title(userid):
    """The title of the member's unit (their profile keeps its UID), or ""."""
    uid, _profession = profile(userid)
    unit = api.content.get(UID=uid) if uid else None
    return unit.Title() if unit is not None else ""


def by_login(login):
    """The member who logs in with ``login`` (or has it as user id), or None."""
    login = normalized(login).strip()
    if not login:
        return None
    acl_users = api.portal.get_tool("acl_users")
    user = acl_users.getUser(login)
    return member(user.getId()) if user is not None else member(login)
