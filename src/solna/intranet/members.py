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

from Acquisition import aq_base
from plone import api
from plone.memoize import ram
from Products.PlonePAS.plugins.property import ZODBMutablePropertyProvider
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
from solna.intranet.catalog import catalog_counter
from solna.intranet.tools import kept_on
from solna.intranet.tools import tool
from zope.globalrequest import getRequest

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
    acl_users = tool("acl_users")
    if acl_users.getUserById(userid) is None:
        return None
    return api.user.get(userid=userid)


def is_site_member(user):
    """Whether ``user`` (an authenticated user, as the request has it:
    wrapped in the user folder that found it) comes from the site's own
    user folder: a member, not Zope's administrator from the root one.
    What ``member(user.getId()) is not None`` answers for a signed-in
    user, without looking her up again (issue 21: Statistik asked so on
    every view, 2 % of a news item's page)."""
    parent = getattr(user, "aq_parent", None)
    if parent is None:
        return False
    return aq_base(parent) is aq_base(tool("acl_users"))


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
    found = properties(userid, ("unit", "profession"))
    return found["unit"], found["profession"]


def unit_title(userid):
    """The title of the member's unit (their profile keeps its UID), or ""."""
    uid, _profession = profile(userid)
    unit = api.content.get(UID=uid) if uid else None
    return unit.Title() if unit is not None else ""


class _Principal:
    """Just enough of a user for a properties plugin to read its sheet."""

    def __init__(self, userid):
        self.userid = userid

    def getId(self):
        return self.userid

    def isGroup(self):
        return False


#: Where a request keeps the properties plugins (``properties_plugins``).
_PLUGINS_KEY = "_solna_properties_plugins"


def properties_plugins():
    """The site's properties plugins, in the order PAS asks them (a tuple),
    found once per request (PAS looks each up by its id again on every
    ``listPlugins``: half of what a news item's commenters' units cost)."""
    acl_users = tool("acl_users")
    request = getRequest()
    kept = kept_on(request, _PLUGINS_KEY)
    if kept is not None and kept[0] is aq_base(acl_users):
        return kept[1]
    found = tuple(
        plugin for _id, plugin in acl_users.plugins.listPlugins(IPropertiesPlugin)
    )
    if request is not None:
        setattr(request, _PLUGINS_KEY, (aq_base(acl_users), found))
    return found


def properties(userid, names, plugins=None):
    """``{name: value}`` of these member properties of ``userid`` ("" for
    a property not set, and for every property of an unknown id), read
    straight from the site's properties plugins (PlonePAS's member data, or
    any other ``IPropertiesPlugin``: the first that has a value wins, as PAS
    orders them), without building the whole PAS user, groups and all, that
    ``api.user.get`` builds (issue 21: half of what a page spent on its
    member). Zope's administrator and other accounts outside the site's
    user folder have no properties here, as for ``member``. ``plugins``:
    ``properties_plugins()``, for a caller asking about many members."""
    found = dict.fromkeys(names, "")
    if not userid or not isinstance(userid, str):
        return found
    principal = _Principal(userid)
    for plugin in plugins if plugins is not None else properties_plugins():
        sheet = _stored(plugin, userid, names)
        if sheet is None:
            sheet = plugin.getPropertiesForUser(principal, None)
        if sheet is None:
            continue
        for name in names:
            if found[name]:
                continue
            if isinstance(sheet, dict):  # PAS lets a plugin answer a dict
                value = sheet.get(name)
            else:
                value = sheet.getProperty(name, None)
            found[name] = value or ""
        if all(found.values()):
            break
    return found


def _stored(plugin, userid, names):
    """``{name: value}`` of these properties as PlonePAS's member data
    plugin (``ZODBMutablePropertyProvider``) keeps them for ``userid``, read
    from its storage; None for another plugin, or when one of them is not
    stored (its sheet then gives the default). The same values as its
    ``getPropertiesForUser``, without building a property sheet of every
    property for each member asked about (a commenter's unit: 3 % of a
    news item's page; issue 21)."""
    if type(aq_base(plugin)) is not ZODBMutablePropertyProvider:
        return None
    data = plugin._storage.get(userid)
    if not data or any(name not in data for name in names):
        return None
    return {name: data[name] for name in names}


def unit_titles(userids):
    """``{userid: title of the member's unit}`` for these user ids ("" when
    the profile names no unit or the unit is gone), in one pass (issue 21:
    ``unit_title`` for each of 50 commenters was a third of a news item's
    page): the units' UIDs from ``properties`` (read each time: a member
    may change her unit), their titles from ``titles_of_units``."""
    userids = [u for u in dict.fromkeys(userids or ()) if u and isinstance(u, str)]
    plugins = properties_plugins()
    uids = {u: properties(u, ("unit",), plugins)["unit"] for u in userids}
    titles = titles_of_units(tuple(sorted({uid for uid in uids.values() if uid})))
    return {u: titles.get(uids[u], "") for u in userids}


def _titles_key(_function, uids):
    catalog = tool("portal_catalog")
    return ("/".join(catalog.getPhysicalPath()), catalog_counter(), uids)


@ram.cache(_titles_key)
def titles_of_units(uids):
    """``{UID: title}`` of the items with these ``uids`` (a sorted tuple of
    str; a UID not found is left out), from one unrestricted catalog query,
    as ``unit_title`` finds them through ``api.content.get``. Kept in
    memory per catalog change (``catalog_counter``): the same commenters'
    units are not looked up again on every view of a news item (issue 21;
    a unit's title is no secret to the members who see its people)."""
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {
        b.UID: b.Title or "" for b in catalog.unrestrictedSearchResults(UID=list(uids))
    }


def by_login(login):
    """The member who logs in with ``login`` (or has it as user id), or None."""
    login = normalized(login).strip()
    if not login:
        return None
    acl_users = api.portal.get_tool("acl_users")
    user = acl_users.getUser(login)
    return member(user.getId()) if user is not None else member(login)
