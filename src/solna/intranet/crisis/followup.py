"""Uppföljning: who of a crisis's audience has seen it, is safe, needs help
or has not answered, computed on every request (nothing is cached, so
Krisledning's figures are those of this moment).

- ``counts(item)``: for Krisledning (permission PUBLISH_CRISIS): the counts
  per unit of the audience, grouped under their förvaltning (the top-most
  unit above them), with totals, and the list of those who need help;
- ``for_manager(item, staff)``: for a unit's manager: the names per status
  of her own staff (``staff``: the user ids of the units she manages and
  those under them), with phone links;
- ``krislage()``: the crises Krisledning follows: active ones and those
  ended (or expired) in the last ``RECENT_DAYS`` days.

Cost, for 5,000 members: the profiles are read in one pass over the
property plugin's storage (``Profiles``: news.readers.Staff keeping the
names and units too), the answers in one pass over their OOBTree, the
units in one catalog query; no member object is woken. Phone numbers come
from the people's entries in the directory (``solna.Person``, whose
``userid`` is not indexed): only for the few listed by name (those who need
help, a manager's own staff), by a restricted catalog query (a protected
identity shows no number) of the entries directly in those people's own
units, waking only those with a number there; none without a unit. A
manager's page reads the profiles once for all its crises. Krisläge reads
catalog brains only (the ``crisis_ended`` column).
"""

from DateTime import DateTime
from plone import api
from solna.intranet import _
from solna.intranet.crisis import answers
from solna.intranet.crisis.state import active_query
from solna.intranet.crisis.state import ENDED
from solna.intranet.crisis.state import ended
from solna.intranet.crisis.state import is_active
from solna.intranet.crisis.state import KRIS
from solna.intranet.dates import aware
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.news.audience import tokens_of
from solna.intranet.news.readers import Staff
from solna.intranet.organisation.directory import tel
from solna.intranet.organisation.managers import managed_units
from solna.intranet.organisation.phones import call_label
from solna.intranet.organisation.tree import parent_paths
from solna.intranet.organisation.tree import uids_under
from solna.intranet.organisation.tree import UNIT
from zope.i18n import translate

import collections
import datetime


#: The statuses in the order Krisledning and managers read them: those to
#: act on first.
ORDER = (answers.HELP, answers.NONE, answers.SAFE, answers.SEEN)
LABELS = {
    answers.HELP: _("crisis_followup_status_help", default="Needs help"),
    answers.SAFE: _("crisis_followup_status_safe", default="Safe"),
    answers.SEEN: _("crisis_followup_status_seen", default="Has seen"),
    answers.NONE: _("crisis_followup_status_none", default="Not answered"),
}
NO_UNIT = _("crisis_followup_no_unit", default="No unit in the profile")
#: Krisläge lists the crises ended (or expired) this many days ago at most.
RECENT_DAYS = 30


class Profiles(Staff):
    """news.readers.Staff that also keeps each member's full name and unit,
    from the same single pass over the property plugin's storage (plain
    dicts: no object is woken)."""

    def _read(self):
        if self._sheets is None:
            plugin = api.portal.get_tool("acl_users")["mutable_properties"]
            everyone = set()
            by_unit = collections.defaultdict(set)
            by_profession = collections.defaultdict(set)
            self.names, self.units = {}, {}
            for userid, sheet in plugin._storage.items():
                if sheet.get("isGroup"):
                    continue
                everyone.add(userid)
                self.names[userid] = sheet.get("fullname") or userid
                unit = sheet.get("unit")
                if unit:
                    by_unit[unit].add(userid)
                    self.units[userid] = unit
                if sheet.get("profession"):
                    by_profession[sheet["profession"]].add(userid)
            self._sheets = (everyone, by_unit, by_profession)
        return self._sheets

    def name(self, userid):
        self._read()
        return self.names.get(userid, userid)


def _zero():
    return dict.fromkeys((*answers.STATUSES, "total"), 0)


def _statuses(uid):
    """{userid: status} of those who answered the crisis ``uid`` (one pass
    over its answers; the others' status is ``none``)."""
    return {
        userid: found.get("answer") or answers.SEEN
        for userid, found in answers.answers(uid).items()
    }


class _Times:
    """Answer times as staff read them, each minute translated once."""

    def __init__(self, request):
        self.request = request
        self.seen = {}

    def __call__(self, moment):
        if moment is None:
            return None, ""
        key = moment.replace(second=0, microsecond=0)
        if key not in self.seen:
            self.seen[key] = display(moment, self.request)
        return iso(moment), self.seen[key]


def _units():
    """{UID: (catalog path, title)} of every unit, and {path: title} (one
    unrestricted catalog query: Krisledning counts every unit)."""
    catalog = api.portal.get_tool("portal_catalog")
    by_uid, by_path = {}, {}
    for brain in catalog.unrestrictedSearchResults(portal_type=UNIT):
        by_uid[brain.UID] = (brain.getPath(), brain.Title)
        by_path[brain.getPath()] = brain
    return by_uid, by_path


def _top(path, by_path):
    """The path of the top-most unit at or above ``path`` (the förvaltning)."""
    top = path
    for parent in parent_paths(path):
        if parent in by_path:
            top = parent
    return top


def audience(item, staff=None):
    """The user ids the crisis ``item`` is meant for."""
    return (staff or Profiles()).audience(tokens_of(item))


def _answered(found):
    """When the member last answered (safe/help), else when she said she had
    seen the crisis; None when she has done neither."""
    found = found or {}
    return found.get("answered") or found.get("seen")


def phones(userids, request, names, paths):
    """{userid: [{"kind": "mobile" | "phone", "number", "tel", "label"}]}
    from the directory entries of ``userids`` (those the current user may
    see), the mobile first. ``paths``: the catalog paths of the units the
    entries are in (a person's entry is in her unit, solna.Person being
    addable nowhere else): only entries directly in them are looked at, and
    only those with a number are woken (``userid`` is not indexed). Nothing
    to look up without people or units. ``names``: userid → full name (the
    links' accessible names, "Ring Anna Lindqvist, mobil 070-…")."""
    wanted = set(userids)
    paths = sorted(set(paths or ()))
    if not wanted or not paths:
        return {}
    found = {}
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.searchResults(
        portal_type="solna.Person", path={"query": paths, "depth": 1}
    ):
        if not (brain.mobile or brain.phone):
            continue
        userid = getattr(brain._unrestrictedGetObject(), "userid", None)
        if userid not in wanted or userid in found:
            continue
        found[userid] = [
            {
                "kind": kind,
                "number": number,
                "tel": tel(number),
                "label": call_label(request, names(userid), number, kind),
            }
            for kind, number in (("mobile", brain.mobile), ("phone", brain.phone))
            if number
        ]
        if len(found) == len(wanted):
            break
    return found


def places_of(userids, staff, within=None):
    """The catalog paths of the units of ``userids`` (their profiles' units,
    ``staff``: Profiles), one catalog query; with ``within`` (paths) only
    those at or under one of them."""
    staff._read()
    uids = {staff.units[u] for u in userids if staff.units.get(u)}
    if not uids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    found = [
        b.getPath()
        for b in catalog.unrestrictedSearchResults(portal_type=UNIT, UID=sorted(uids))
    ]
    if within is not None:
        found = [
            path
            for path in found
            if any(path == top or path.startswith(f"{top}/") for top in within)
        ]
    return found


def _asks_safety(item):
    return bool(getattr(item, "crisis_asks_safety", False))


def summary(item):
    """What both views say about the crisis itself."""
    stopped = ended(item)
    return {
        "@id": item.absolute_url(),
        "UID": api.content.get_uuid(item),
        "title": item.Title(),
        "asks_safety": _asks_safety(item),
        "active": is_active(item),
        "ended": iso(stopped[0]) if stopped else None,
    }


def counts(item, request):
    """Krisledning's follow-up of the crisis ``item``, now::

        {"@id", "UID", "title", "asks_safety": bool, "active": bool,
         "ended": ISO 8601 or None,
         "updated": ISO 8601, "updated_display",
         "totals": {"help", "safe", "seen", "none", "total": int},
         "groups": [{"UID", "title": the förvaltning (or "Ingen enhet i
                     profilen"), "counts": {...}, "units": [{"UID",
                     "title", "counts": {...}}]}],
         "help": [{"userid", "fullname", "unit": title,
                   "answered", "answered_display",
                   "phones": [{"kind", "number", "tel", "label"}]}]}

    Units by title within a förvaltning; förvaltningar by title, those
    without a unit last. Everyone counted once, in their profile's unit.
    Those who need help longest first."""
    uid = api.content.get_uuid(item)
    staff = Profiles()
    members = audience(item, staff)
    statuses = _statuses(uid)
    # One pass over the audience: counts per unit UID ("" for none).
    per_unit = {}
    helped = []
    units_of = staff.units
    for userid in members:
        status = statuses.get(userid, answers.NONE)
        unit = units_of.get(userid, "")
        cell = per_unit.get(unit)
        if cell is None:
            cell = per_unit[unit] = _zero()
        cell[status] += 1
        if status == answers.HELP:
            helped.append(userid)
    # Then per unit: its förvaltning, and the sums.
    by_uid, by_path = _units()
    no_unit = translate(NO_UNIT, context=request)
    groups = {}
    totals = _zero()
    for unit, cell in per_unit.items():
        cell["total"] = sum(cell[status] for status in answers.STATUSES)
        place = by_uid.get(unit)
        if place is None:  # no unit, or one that is gone
            top, path, title = "", "", no_unit
        else:
            top, path, title = _top(place[0], by_path), place[0], place[1]
        group = groups.setdefault(top, {"counts": _zero(), "units": {}})
        if path in group["units"]:  # members of several gone units
            for key, value in cell.items():
                group["units"][path]["counts"][key] += value
        else:
            uid_of = by_path[path].UID if path else None
            group["units"][path] = {"UID": uid_of, "title": title, "counts": cell}
        for key, value in cell.items():
            group["counts"][key] += value
            totals[key] += value

    def order(path):
        return (not path, (by_path[path].Title if path else "").lower())

    now = datetime.datetime.now(datetime.UTC)
    stored = answers.answers(uid)
    when = {userid: stored[userid].get("answered") for userid in helped}
    helped.sort(key=lambda userid: (when[userid] or now, userid))
    places = {userid: by_uid.get(units_of.get(userid, "")) for userid in helped}
    numbers = phones(
        helped,
        request,
        staff.name,
        [place[0] for place in places.values() if place],
    )
    times = _Times(request)
    return {
        **summary(item),
        "updated": iso(now),
        "updated_display": display(now, request),
        "totals": totals,
        "groups": [
            {
                "UID": by_path[top].UID if top else None,
                "title": by_path[top].Title if top else no_unit,
                "counts": groups[top]["counts"],
                "units": [
                    groups[top]["units"][path]
                    for path in sorted(groups[top]["units"], key=order)
                ],
            }
            for top in sorted(groups, key=order)
        ],
        "help": [
            dict(
                zip(
                    ("answered", "answered_display"),
                    times(when[userid]),
                    strict=True,
                ),
                userid=userid,
                fullname=staff.name(userid),
                unit=places[userid][1] if places[userid] else "",
                phones=numbers.get(userid, []),
            )
            for userid in helped
        ],
    }


def for_manager(item, staff_ids, request, unit_paths=None, finder=None):
    """What a unit's manager sees of the crisis ``item``: her own staff
    (``staff_ids``: user ids) in its audience, by status::

        {"@id", "UID", "title", "asks_safety", "active", "ended",
         "counts": {"help", "safe", "seen", "none", "total"},
         "statuses": [{"status", "title", "people": [{"userid", "fullname",
                       "answered", "answered_display",
                       "phones": [{"kind", "number", "tel", "label"}]}]}]}

    Statuses in ORDER (Behöver hjälp, Inte svarat, I säkerhet, Har sett),
    each by name; phone links for those who need help or have not answered
    (their entries in the directory, in their profiles' units; with
    ``unit_paths`` only units under those). ``finder``: Profiles, read once
    per request and shared by every crisis on the page. None when none of
    ``staff_ids`` is in the audience."""
    finder = finder if isinstance(finder, Profiles) else Profiles()
    mine = audience(item, finder).intersection(staff_ids)
    if not mine:
        return None
    stored = answers.answers(api.content.get_uuid(item))
    sheets = finder
    by_status = {status: [] for status in ORDER}
    totals = _zero()
    for userid in mine:
        found = stored.get(userid)
        status = answers.status(found)
        totals[status] += 1
        totals["total"] += 1
        by_status[status].append((sheets.name(userid), userid, found))
    urgent = [u for s in (answers.HELP, answers.NONE) for _n, u, _f in by_status[s]]
    numbers = phones(
        urgent, request, sheets.name, places_of(urgent, sheets, unit_paths)
    )
    return {
        **summary(item),
        "counts": totals,
        "statuses": [
            {
                "status": status,
                "title": translate(LABELS[status], context=request),
                "people": [
                    {
                        "userid": userid,
                        "fullname": name,
                        "answered": iso(_answered(found)),
                        "answered_display": display(_answered(found), request),
                        "phones": numbers.get(userid, []),
                    }
                    for name, userid, found in sorted(
                        by_status[status], key=lambda p: (p[0].lower(), p[1])
                    )
                ],
            }
            for status in ORDER
        ],
    }


def _ended_of(brain):
    """When the crisis of ``brain`` (one Krisledning ended: ``crisis_open``
    false) ended, from the catalog's ``crisis_ended`` column; a brain
    catalogued before that column existed wakes its item once."""
    when = getattr(brain, ENDED, None)
    if isinstance(when, datetime.datetime):
        return when
    try:
        stopped = ended(brain._unrestrictedGetObject())
    except (AttributeError, KeyError):  # an entry whose item is gone
        return None
    return stopped[0] if stopped else None


def catalog_ended(site):
    """Fill the catalog's ``crisis_ended`` column for the crises ended
    before it existed (for the upgrade step: Krisläge then wakes none of
    them). Returns how many were updated."""
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="News Item", priority=KRIS, crisis_open=False
    ):
        if isinstance(getattr(brain, ENDED, None), datetime.datetime):
            continue
        try:
            item = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue
        catalog.reindexObject(item, idxs=["crisis_open"], update_metadata=1)
        count += 1
    return count


def krislage(request):
    """Krisläge: the crises active now and those that ended or expired in
    the last RECENT_DAYS days (that the current user may see), active
    first, then the most recently published::

        [{"@id", "UID", "title", "active", "ended", "effective",
          "effective_display", "finished", "finished_display",
          "followup": url of the follow-up page}]

    From catalog brains only (no item is woken): three queries, for the
    active crises (``crisis_open``, ``effectiveRange``), those expired in
    the period (``expires``) and those Krisledning ended (``crisis_open``
    false; when, from the ``crisis_ended`` column)."""
    catalog = api.portal.get_tool("portal_catalog")
    now = DateTime()
    limit = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=RECENT_DAYS)
    common = {
        "portal_type": "News Item",
        "priority": KRIS,
        "review_state": "published",
        "effective": {"query": now, "range": "max"},
    }
    found = [
        (brain, True, None, None) for brain in catalog.searchResults(**active_query())
    ]
    for brain in catalog.searchResults(
        crisis_open=True,
        expires={"query": (DateTime(limit), now), "range": "min:max"},
        **common,
    ):
        if brain.expires < now:  # (the range's end is inclusive)
            found.append((brain, False, None, aware(brain.expires)))
    for brain in catalog.searchResults(crisis_open=False, **common):
        when = _ended_of(brain)
        if when is not None and when >= limit:
            found.append((brain, False, when, when))
    found.sort(key=lambda entry: entry[0].effective, reverse=True)
    found.sort(key=lambda entry: not entry[1])  # stable: active first
    return [
        {
            "@id": brain.getURL(),
            "UID": brain.UID,
            "title": brain.Title,
            "active": active,
            "ended": iso(stopped),
            "effective": iso(brain.effective),
            "effective_display": display(brain.effective, request),
            "finished": iso(finished),
            "finished_display": display(finished, request),
            "followup": f"{brain.getURL()}/@@uppfoljning",
        }
        for brain, active, stopped, finished in found
    ]


def managed_staff(userid, finder):
    """(user ids, unit paths) of the staff of the units the member manages
    and those under them."""
    paths = [b.getPath() for b in managed_units(userid)]
    if not paths:
        return set(), []
    return finder.in_units(uids_under(paths)), paths
