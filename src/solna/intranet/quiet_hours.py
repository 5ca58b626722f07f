"""Tysta timmar: when the intranet leaves a member alone, by mail and by push
(one setting, used by mail.py and push/; issue 19).

**Default**: quiet from 18.00 until 07.00 Stockholm time and all Saturday
and Sunday. A member may change the hours (``start``, ``end``: "HH:MM";
equal times: no quiet hours on working days), turn the quiet weekends off
(``weekends``), or mark "Jag jobbar skift" (``shift``): then her own quiet
days (``days``: weekday numbers, Monday 0) replace the weekend. And
``work_mail``: "Skicka e-post till min jobbadress även under tysta timmar"
(mail to her work address goes at once; an editor who wants review mail at
her desk in the evening).

Crisis news is never held (mail.py, push/queue.py).

**Stored** in a site annotation (``KEY``: {userid: {...}}) only once she
saves something different from the defaults (reading never writes);
removed with the account (``forget``).

``clock()`` is "now" for everything that asks whether it is quiet (mail,
the mail job): tests set it (monkeypatch) rather than wait for the evening.
"""

from plone import api
from solna.intranet import _
from solna.intranet.dates import zone
from solna.intranet.storage import annotation
from zope.i18nmessageid import Message

import datetime


KEY = "solna.intranet.quiet_hours"
SATURDAY, SUNDAY = 5, 6
DEFAULTS = {
    "start": "18:00",
    "end": "07:00",
    "weekends": True,
    "shift": False,
    "days": [],
    "work_mail": False,
}
DAY_NAMES = (
    _("weekday_monday", default="Monday"),
    _("weekday_tuesday", default="Tuesday"),
    _("weekday_wednesday", default="Wednesday"),
    _("weekday_thursday", default="Thursday"),
    _("weekday_friday", default="Friday"),
    _("weekday_saturday", default="Saturday"),
    _("weekday_sunday", default="Sunday"),
)
BAD_TIME = _(
    "quiet_error_time",
    default="Give the times as HH:MM, for example 18:00.",
)
SAME_TIMES = _(
    "quiet_error_same_times",
    default="The quiet hours start and end at the same time. Give two "
    "different times, for example 18:00 and 07:00.",
)
BAD_DAYS = _(
    "quiet_error_days",
    default="Give the days as weekday numbers, Monday 0 to Sunday 6.",
)
BAD_VALUE = _(
    "quiet_error_value",
    default="${name} is true or false.",
)
NO_FREE_TIME = _(
    "quiet_error_no_free_time",
    default="With these settings there is hardly any time left outside the "
    "quiet hours, and mail that is not about a crisis would never arrive. "
    "Leave at least one hour a week outside the quiet hours.",
)
#: Minutes a week a member's settings must leave outside the quiet hours
#: (the job solna-mail, every five minutes, must find her hours over).
FREE_MINUTES = 60
UNKNOWN = _(
    "quiet_error_unknown",
    default="There is no setting ${name}. The settings are: ${names}.",
)


class Invalid(ValueError):
    """A value that is no quiet-hours setting: ``message`` says why in
    Swedish (an i18n message)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def clock():
    """Now, an aware datetime (UTC). Tests replace it."""
    return datetime.datetime.now(datetime.UTC)


def _time(text):
    """ "HH:MM" → datetime.time; Invalid otherwise."""
    if not isinstance(text, str):
        raise Invalid(BAD_TIME)
    try:
        hour, minute = (int(part) for part in text.strip().split(":"))
        return datetime.time(hour, minute)
    except ValueError:
        raise Invalid(BAD_TIME) from None


def clean(values, current=None):
    """The settings ``current`` (default: the defaults) changed by
    ``values`` (a dict, keys of DEFAULTS). Raises Invalid with a Swedish
    message for anything else, and for settings that leave less than
    ``FREE_MINUTES`` a week outside the quiet hours (held mail would wait
    for ever); nothing is half-applied."""
    new = dict(current or DEFAULTS)
    for name, value in values.items():
        if name not in DEFAULTS:
            raise Invalid(
                Message(UNKNOWN, mapping={"name": name, "names": ", ".join(DEFAULTS)})
            )
        if name in ("start", "end"):
            new[name] = _time(value).strftime("%H:%M")
        elif name == "days":
            if not isinstance(value, list | tuple) or not all(
                isinstance(day, int)
                and not isinstance(day, bool)
                and 0 <= day <= SUNDAY
                for day in value
            ):
                raise Invalid(BAD_DAYS)
            new[name] = sorted(set(value))
        else:
            if not isinstance(value, bool):
                raise Invalid(Message(BAD_VALUE, mapping={"name": name}))
            new[name] = value
    if new["start"] == new["end"] and ("start" in values or "end" in values):
        raise Invalid(SAME_TIMES)
    if free_minutes(new) < FREE_MINUTES:
        raise Invalid(NO_FREE_TIME)
    return new


def free_minutes(hours):
    """Minutes a week outside the quiet hours ``hours``."""
    hours = {**DEFAULTS, **(hours or {})}
    start, end = _time(hours["start"]), _time(hours["end"])
    start = start.hour * 60 + start.minute
    end = end.hour * 60 + end.minute
    quiet_a_day = (end - start) % (24 * 60)  # start == end: none
    return (7 - len(free_days(hours))) * (24 * 60 - quiet_a_day)


def get(userid):
    """The member's quiet hours: a dict with every key of DEFAULTS."""
    stored = annotation(api.portal.get(), KEY).get(userid) or {}
    found = {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}
    found["days"] = list(found["days"])
    return found


def save(userid, values):
    """Change the member's quiet hours by ``values`` (see ``clean``).
    Writes only when something changes, and stores nothing for the
    defaults. Returns the settings. Raises Invalid."""
    current = get(userid)
    new = clean(values, current)
    if new == current:
        return current
    tree = annotation(api.portal.get(), KEY, create=new != DEFAULTS)
    if new == DEFAULTS:
        if userid in tree:
            del tree[userid]
    else:
        tree[userid] = dict(new, days=tuple(new["days"]))
    return new


def forget(userid):
    """Remove the member's quiet hours (a deleted account)."""
    tree = annotation(api.portal.get(), KEY)
    if userid in tree:
        del tree[userid]


def free_days(hours):
    """The weekdays that are quiet all day."""
    hours = {**DEFAULTS, **(hours or {})}
    if hours["shift"]:
        return set(hours["days"])
    return {SATURDAY, SUNDAY} if hours["weekends"] else set()


def _in_hours(local, hours):
    start, end = _time(hours["start"]), _time(hours["end"])
    at = local.time()
    if start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end


def quiet(moment, hours=None):
    """Is ``moment`` (an aware datetime) in the quiet hours ``hours`` (a
    member's settings, ``get``; None: the defaults)?"""
    hours = {**DEFAULTS, **(hours or {})}
    local = moment.astimezone(zone())
    return local.weekday() in free_days(hours) or _in_hours(local, hours)


def quiet_until(moment, hours=None):
    """When the quiet hours around ``moment`` end (an aware datetime in
    Stockholm time), or None when ``moment`` is not quiet. Looks ahead at
    most eight days (a member quiet every day is never reached: then a
    week later)."""
    if not quiet(moment, hours):
        return None
    hours = {**DEFAULTS, **(hours or {})}
    tz = zone()
    local = moment.astimezone(tz)
    end = _time(hours["end"])
    start = _time(hours["start"])
    # Candidates: each day's end of the quiet hours, and each day's
    # midnight (a free day ends then, the hours may not be quiet).
    candidates = []
    for offset in range(9):
        day = local.date() + datetime.timedelta(days=offset)
        for at in (end, datetime.time(0)) if start != end else (datetime.time(0),):
            candidate = datetime.datetime.combine(day, at, tzinfo=tz)
            if candidate > local:
                candidates.append(candidate)
    for candidate in sorted(candidates):
        if not quiet(candidate, hours):
            return candidate
    return local + datetime.timedelta(days=7)


def describe(hours):
    """Swedish-ready words for the settings: {"start", "end" ("18.00"),
    "days": [day names]} (the page and REST)."""
    return {
        "start": hours["start"].replace(":", "."),
        "end": hours["end"].replace(":", "."),
        "days": [DAY_NAMES[d] for d in sorted(free_days(hours))],
    }
