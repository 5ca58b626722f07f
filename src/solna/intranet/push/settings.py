"""A member's push settings: which kinds of notices reach her phone, and
when her phone stays quiet.

**Switches** (all on until she turns one off): Måste läsas-nyheter
(``mustread``), Svar och omnämnanden (``replies``: replies to threads she
follows and mentions of her), Mina ärenden (``cases``: a status change of a
case she submitted), Granskning och moderering (``review``: items waiting
for her review, comments waiting for her moderation). Crisis news (priority
Kris) meant for her is always sent to a phone with push on: there is no
switch for it.

**Quiet hours**: the member's Tysta timmar, ONE setting for push and
mail (solna.intranet.quiet_hours, issue 19): by default nothing but crisis
news interrupts staff between 18.00 and 07.00 Stockholm time and all
Saturday and Sunday; what comes then waits until they end. ``weekends``
("Tyst även på helger", on by default) is that setting's ``weekends``,
shown here too; her own hours and "Jag jobbar skift" are set on
@@tysta-timmar and count here as well.

**Stored**: the switches in a site annotation (``KEY``: {userid: {switch:
bool}}), apart from her profile, only once she saves something different
from the defaults (reading never writes); ``weekends`` in quiet_hours'
annotation; both removed with the account.
"""

from plone import api
from solna.intranet import _
from solna.intranet import quiet_hours
from solna.intranet.storage import annotation


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
DEFAULTS = {
    **dict.fromkeys(SWITCHES, True),
    WEEKENDS: quiet_hours.DEFAULTS[WEEKENDS],
}
#: Which switch lets each kind of notice through (None: always sent).
SWITCH_OF = {
    "crisis": None,
    # Jag behöver hjälp, to her manager (crisis/help.py): always sent.
    "help": None,
    "mustread": "mustread",
    "reply": "replies",
    "mention": "replies",
    "case": "cases",
    "review": "review",
    "moderation": "review",
}
KINDS = tuple(SWITCH_OF)


class Settings(dict):
    """{switch: bool}, and ``hours``: her whole Tysta timmar (quiet_hours),
    which the quiet hours below honour."""

    hours = None


def get(userid):
    """The member's settings: {switch: bool} with every key of DEFAULTS
    (``weekends`` from her Tysta timmar), and her whole Tysta timmar as
    ``.hours``."""
    stored = annotation(api.portal.get(), KEY).get(userid) or {}
    hours = quiet_hours.get(userid)
    found = Settings(
        {name: bool(stored.get(name, value)) for name, value in DEFAULTS.items()}
    )
    found[WEEKENDS] = bool(hours[WEEKENDS])
    found.hours = hours
    return found


def save(userid, values):
    """Save the member's settings from ``values`` ({switch: bool}; keys
    not given keep their value, unknown keys are ignored). Writes only when
    something changes; stores nothing for the defaults. ``weekends`` goes
    to her Tysta timmar. Returns the settings."""
    current = get(userid)
    new = {
        name: bool(values[name]) if name in values else current[name]
        for name in DEFAULTS
    }
    if new == current:
        return current
    if new[WEEKENDS] != current[WEEKENDS]:
        quiet_hours.save(userid, {WEEKENDS: new[WEEKENDS]})
    switches = {name: new[name] for name in SWITCHES}
    stored = annotation(api.portal.get(), KEY).get(userid) or {}
    old_switches = {name: bool(stored.get(name, True)) for name in SWITCHES}
    if switches != old_switches:
        defaults = dict.fromkeys(SWITCHES, True)
        tree = annotation(api.portal.get(), KEY, create=switches != defaults)
        if switches == defaults:
            if userid in tree:
                del tree[userid]
        else:
            tree[userid] = dict(switches)
    return get(userid)


def forget(userid):
    """Remove the member's settings (a deleted account)."""
    tree = annotation(api.portal.get(), KEY)
    if userid in tree:
        del tree[userid]


def wants(settings, kind):
    """Does a member with these settings get notices of ``kind``?"""
    switch = SWITCH_OF[kind]
    return switch is None or bool(settings.get(switch, True))


def _hours(settings):
    """Her Tysta timmar from push settings (``get``'s ``.hours``; a plain
    dict: only its ``weekends``; None: the defaults)."""
    if settings is None:
        return None
    hours = getattr(settings, "hours", None)
    if hours is not None:
        return {**hours, WEEKENDS: bool(settings.get(WEEKENDS, hours[WEEKENDS]))}
    if WEEKENDS in settings:
        return {WEEKENDS: bool(settings[WEEKENDS])}
    return None


def quiet(moment, settings=None):
    """Is ``moment`` (an aware datetime) in the member's quiet hours
    (quiet_hours.quiet: default 18–07 Stockholm time and weekends)?"""
    return quiet_hours.quiet(moment, _hours(settings))


def quiet_until(moment, settings=None):
    """When a notice that is not crisis news may be sent, if not at
    ``moment``: when her quiet hours end, as an aware datetime; None when
    ``moment`` is not quiet."""
    return quiet_hours.quiet_until(moment, _hours(settings))
