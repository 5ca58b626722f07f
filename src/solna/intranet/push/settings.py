"""A member's push settings: which kinds of notices reach her phone, and
when her phone stays quiet.

**Switches** (all on until she turns one off): Måste läsas-nyheter
(``mustread``), Svar och omnämnanden (``replies``: replies to threads she
follows and mentions of her), Mina ärenden (``cases``: a status change of a
case she submitted), Granskning och moderering (``review``: items waiting
for her review, comments waiting for her moderation). Crisis news (priority
Kris) meant for her is always sent to a phone with push on: there is no
switch for it.

**Quiet hours**: nothing but crisis news interrupts staff between 18.00
and 07.00 Stockholm time (PRODUCT.md): what comes then waits until 07.00.
Her own addition, ``weekends`` ("Tyst även på helger", off by default):
also quiet from Friday 18.00 to Monday 07.00.

**Stored** in a site annotation (``KEY``: {userid: {switch: bool}}), apart
from her profile, only once she saves something different from the
defaults (reading never writes); removed with the account.
"""

from plone import api
from solna.intranet import _
from solna.intranet.dates import zone
from solna.intranet.storage import annotation

import datetime


KEY = "solna.intranet.push.settings"
#: The switches in the order the page shows them, with their labels.
SWITCHES = {
    "mustread": _("push_switch_mustread", default="Must-read news"),
    "replies": _("push_switch_replies", default="Replies and mentions"),
    "cases": _("push_switch_cases", default="My cases"),
    "review": _("push_switch_review", default="Review and moderation"),
}
WEEKENDS = "weekends"
WEEKENDS_LABEL = _("push_switch_weekends", default="Quiet at weekends too")
DEFAULTS = {**dict.fromkeys(SWITCHES, True), WEEKENDS: False}
#: Which switch lets each kind of notice through (None: always sent).
SWITCH_OF = {
    "crisis": None,
    "mustread": "mustread",
    "reply": "replies",
    "mention": "replies",
    "case": "cases",
    "review": "review",
    "moderation": "review",
}
KINDS = tuple(SWITCH_OF)
#: The quiet hours (Stockholm time): from 18.00 until 07.00.
QUIET_FROM, QUIET_UNTIL = 18, 7
#: Friday, Saturday, Sunday (datetime.weekday()).
FRIDAY, SATURDAY, SUNDAY = 4, 5, 6


def get(userid):
    """The member's settings: {switch: bool} with every key of DEFAULTS."""
    stored = annotation(api.portal.get(), KEY).get(userid) or {}
    return {name: bool(stored.get(name, value)) for name, value in DEFAULTS.items()}


def save(userid, values):
    """Save the member's settings from ``values`` ({switch: bool}; keys
    not given keep their value, unknown keys are ignored). Writes only when
    something changes; stores nothing for the defaults. Returns the
    settings."""
    current = get(userid)
    new = {
        name: bool(values[name]) if name in values else current[name]
        for name in DEFAULTS
    }
    if new == current:
        return current
    tree = annotation(api.portal.get(), KEY, create=new != DEFAULTS)
    if new == DEFAULTS:
        if userid in tree:
            del tree[userid]
    else:
        tree[userid] = dict(new)
    return new


def forget(userid):
    """Remove the member's settings (a deleted account)."""
    tree = annotation(api.portal.get(), KEY)
    if userid in tree:
        del tree[userid]


def wants(settings, kind):
    """Does a member with these settings get notices of ``kind``?"""
    switch = SWITCH_OF[kind]
    return switch is None or bool(settings.get(switch, True))


def quiet(moment, settings=None):
    """Is ``moment`` (an aware datetime) in the quiet hours 18–07 Stockholm
    time, or (with the ``weekends`` setting) between Friday 18.00 and
    Monday 07.00?"""
    local = moment.astimezone(zone())
    if local.hour >= QUIET_FROM or local.hour < QUIET_UNTIL:
        return True
    return bool(settings and settings.get(WEEKENDS)) and local.weekday() in (
        SATURDAY,
        SUNDAY,
    )


def quiet_until(moment, settings=None):
    """When a notice that is not crisis news may be sent, if not at
    ``moment``: the next 07.00 Stockholm time (a Monday with the
    ``weekends`` setting), as an aware datetime; None when ``moment`` is
    not quiet."""
    if not quiet(moment, settings):
        return None
    tz = zone()
    local = moment.astimezone(tz)
    day = local.date()
    if local.hour >= QUIET_UNTIL:
        day += datetime.timedelta(days=1)
    if settings and settings.get(WEEKENDS):
        while day.weekday() in (SATURDAY, SUNDAY):
            day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(QUIET_UNTIL), tzinfo=tz)
