"""Behörighetslogg: the log of grants as one dict, for the page and REST.

``log_data(request)`` → {"entries": [{"when": ISO 8601 in Stockholm,
"when_display": "29 nov 2026 kl. 18.11", "who": login, "who_name",
"title", "url", "type", "field", "field_title", "old", "new" (both as
text a person reads: names for logins and people, titles for units and
groups)}], "items_total"}: newest first, at most 500.
"""

from plone import api
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.members import fullname
from solna.intranet.security.grants import entries
from solna.intranet.security.grants import field_title
from zope.i18n import translate

import datetime


YES, NO = _("Yes"), _("No")


def _readable(field, value, request):
    """A logged value as text: a login as its name, a UID as its title,
    a group as its title, a list joined with commas."""
    if value in (None, (), ""):
        return "–"
    if isinstance(value, bool):
        return translate(YES if value else NO, context=request)
    if field in ("manager", "audience_units"):
        items = value if isinstance(value, tuple) else (value,)
        titles = []
        for uid in items:
            found = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
                UID=uid
            )
            titles.append(found[0].Title if found else uid)
        return ", ".join(titles)
    if field == "handler_groups":
        names = []
        for group_id in value:
            group = api.group.get(groupname=group_id)
            names.append(group.getProperty("title") or group_id if group else group_id)
        return ", ".join(names)
    if field in ("userid", "editors", "members", "moderators"):
        items = value if isinstance(value, tuple) else (value,)
        return ", ".join(f"{fullname(u)} ({u})" for u in items)
    return str(value if not isinstance(value, tuple) else ", ".join(value))


def log_data(request):
    portal_url = api.portal.get().absolute_url()
    found = []
    for entry in entries():
        moment = datetime.datetime.fromtimestamp(entry["when"], datetime.UTC)
        label = field_title(entry["type"], entry["field"])
        found.append(
            {
                "when": iso(moment),
                "when_display": display(moment, request),
                "who": entry["who"],
                "who_name": fullname(entry["who"]) if entry["who"] else "",
                "title": entry["title"],
                "url": f"{portal_url}/{entry['path']}",
                "type": entry["type"],
                "field": entry["field"],
                "field_title": translate(label, context=request)
                if label
                else entry["field"],
                "old": _readable(entry["field"], entry["old"], request),
                "new": _readable(entry["field"], entry["new"], request),
            }
        )
    return {"entries": found, "items_total": len(found)}
