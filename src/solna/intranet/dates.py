"""Dates and times as staff type and read them.

Every date-time a person types means the site's local time, and every time
the intranet shows is local time in one Swedish format (issue 18: the
trial met three on staff pages, "1 dec. 2026 11:32", "1 dec 2026 kl. 11.32"
and "2026-11-30"):

- a date and time: "1 dec. 2026 kl. 11.32" (``display``);
- a date alone: "1 dec. 2026" (``display_date``);
- a time alone: "11.32" (``display_time``).

Sources: Språkrådet, *Myndigheternas skrivregler* and *Svenska skrivregler*
(day, month, year in running text; "kl." before a clock time and a full
stop between hours and minutes; a full stop after an abbreviated word),
and the month names of the Unicode CLDR's Swedish locale, abbreviated
("jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.",
"okt.", "nov.", "dec."): what browsers' ``Intl.DateTimeFormat("sv")``
writes, so a date mockup draws in the browser (folder contents) has the
same day, month and year as ours. The
Swedish words are the catalog's (``month_1`` … ``month_12``,
``format_date``, ``format_datetime``, ``format_time``); Plone's
``toLocalizedTime`` (bylines, History) goes through here too (patches.py,
``localized_time``). REST keeps ISO 8601 (``iso``) beside the display.
A date field shown on a page (a form's answer, a deadline) is a date alone,
never its ISO form.

The site's zone is Plone's setting ``plone.portal_timezone``
(Europe/Stockholm, set by our profile), never the zone of the server, which
is UTC in a container and may differ between machines.

Stored times come in several kinds: Python datetimes with or without a zone
(naive ones are UTC, as plone.app.discussion and our annotations write
them), Zope ``DateTime`` objects (the catalog, Dublin Core dates) and
seconds since the epoch. ``aware`` makes each an aware datetime.
"""

from DateTime import DateTime
from plone import api
from plone.registry.interfaces import IRegistry
from solna.intranet import _
from zoneinfo import ZoneInfo
from zope.component import getUtility
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18n.interfaces import INegotiator
from zope.i18n.interfaces import ITranslationDomain
from zope.i18nmessageid import Message

import datetime
import functools


DEFAULT_ZONE = "Europe/Stockholm"

MONTHS = (
    _("month_1", default="Jan"),
    _("month_2", default="Feb"),
    _("month_3", default="Mar"),
    _("month_4", default="Apr"),
    _("month_5", default="May"),
    _("month_6", default="Jun"),
    _("month_7", default="Jul"),
    _("month_8", default="Aug"),
    _("month_9", default="Sep"),
    _("month_10", default="Oct"),
    _("month_11", default="Nov"),
    _("month_12", default="Dec"),
)
DATE = _("format_date", default="${day} ${month} ${year}")
DATETIME = _("format_datetime", default="${day} ${month} ${year}, ${time}")
TIME = _("format_time", default="${hour}:${minute}")


def zone():
    """The site's time zone (a ZoneInfo): Site Setup's
    ``plone.portal_timezone``, read from the registry directly (plone.api's
    checks of its arguments cost more than the lookup, and a page of dates
    asks for every date), or ``DEFAULT_ZONE`` without a site or a
    registry (a unit test, a script)."""
    registry = queryUtility(IRegistry)
    name = registry.get("plone.portal_timezone") if registry is not None else None
    return ZoneInfo(name or DEFAULT_ZONE)


def aware(moment):
    """A stored moment as an aware datetime, or None.

    ``moment``: a datetime (naive means UTC), a ``DateTime``, or seconds
    since the epoch (int or float)."""
    if moment is None:
        return None
    if isinstance(moment, DateTime):
        # Not ``asdatetime()``: for a DateTime in a named zone
        # ("Europe/Stockholm", what ``zope_datetime`` and Plone's
        # publishing dates give) it takes the zone's first offset in
        # pytz, local mean time (+00:53), and 14.49 read 14.56.
        return datetime.datetime.fromtimestamp(moment.timeTime(), datetime.UTC)
    if isinstance(moment, (int, float)):
        return datetime.datetime.fromtimestamp(moment, datetime.UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment


def local(moment):
    """A stored moment in the site's zone (an aware datetime), or None."""
    found = aware(moment)
    return found.astimezone(zone()) if found is not None else None


def iso(moment):
    """ISO 8601 in the site's zone, with its offset
    ("2026-12-29T18:11:00+01:00"): the same instant as stored, readable
    as local time. For REST. None for None."""
    found = local(moment)
    return found.isoformat() if found is not None else None


def typed(value):
    """What a person typed, as an aware datetime: a naive datetime is the
    site's local time (summer time included); an aware one keeps its offset.
    ``value``: a datetime or an ISO 8601 string. Raises ValueError for a
    string that is no date-time."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        return value.replace(tzinfo=zone())
    return value


def zope_datetime(value):
    """What a person typed (a datetime, see ``typed``) as a Zope DateTime in
    the site's zone: the form Plone keeps publishing dates in."""
    return DateTime(typed(value).isoformat()).toZone(zone().key)


def typed_naive(value):
    """A stored DateTime as the naive local datetime an edit form shows
    (and sends back): "17:21" for 17:21 in Stockholm, whatever the zone it
    was stored with."""
    return datetime.datetime(*(int(p) for p in value.toZone(zone().key).parts()[:6]))


def _translate(message, request, language):
    if language:
        return translate(message, target_language=language)
    return translate(message, context=request or getRequest())


def request_language(request=None, domain="solna.intranet"):
    """The language ``translate`` chooses for ``request`` in ``domain``
    ("sv", "en"), or None: what a page that shows many dates negotiates once
    and passes as ``language`` (negotiating costs as much as the date)."""
    request = request or getRequest()
    found = queryUtility(ITranslationDomain, domain)
    if request is None or found is None:
        return None
    return getUtility(INegotiator).getLanguage(list(found.getCatalogsInfo()), request)


def display_date(value, request=None, language=None):
    """A date (or the local date of a moment) as staff read it: "29 dec.
    2026". "" for None."""
    if value is None:
        return ""
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        value = local(value)
    mapping = {
        "day": str(value.day),
        "month": _translate(MONTHS[value.month - 1], request, language),
        "year": str(value.year),
    }
    return _translate(Message(DATE, mapping=mapping), request, language)


def display_time(moment, request=None, language=None):
    """A stored moment's clock time in the site's zone: "18.11". "" for
    None."""
    found = local(moment)
    if found is None:
        return ""
    mapping = {"hour": f"{found.hour:02d}", "minute": f"{found.minute:02d}"}
    return _translate(Message(TIME, mapping=mapping), request, language)


def display(moment, request=None, language=None):
    """A stored moment as staff read it, in the site's zone: "29 dec. 2026
    kl. 18.11" (English: "29 Dec 2026, 18:11"). "" for None. With a
    ``language`` the text is kept (``_displayed``): a listing shows the same
    moments on every view, three translations each."""
    found = local(moment)
    if found is None:
        return ""
    if language:
        wall = found.replace(tzinfo=None, second=0, microsecond=0)
        return _displayed(wall, language)
    return _display(found, request, language)


def _display(found, request, language):
    """``display`` of ``found``, a moment's date and clock time in the
    site's zone."""
    mapping = {
        "day": str(found.day),
        "month": _translate(MONTHS[found.month - 1], request, language),
        "year": str(found.year),
        "time": _translate(
            Message(
                TIME,
                mapping={"hour": f"{found.hour:02d}", "minute": f"{found.minute:02d}"},
            ),
            request,
            language,
        ),
    }
    return _translate(Message(DATETIME, mapping=mapping), request, language)


@functools.lru_cache(maxsize=4096)
def _displayed(wall, language):
    """``display`` of ``wall`` (the date and clock time in the site's zone,
    a naive datetime to the minute: all it shows) in ``language``, kept:
    the catalogs do not change while the process runs."""
    return _display(wall, None, language)


def site_language():
    """The site's default language, for mail (no request to negotiate)."""
    return api.portal.get_default_language()


def days_ago(days):
    """This moment ``days`` days ago, as a DateTime (what catalog date
    ranges take)."""
    return DateTime() - days


def follow_process_zone(event=None):
    """Make Zope's ``DateTime`` and the access log use the process's zone.

    The instance's zope.conf sets ``TZ`` (Europe/Stockholm) in its
    ``<environment>`` after ``DateTime`` has been imported and has read the
    server's zone (UTC in a container) into module globals. The C library
    follows the new ``TZ`` at its next ``mktime``, so ``DateTime()`` then
    gave Swedish clock time labelled UTC (REST's ``created``, an hour in
    the future) and Paste's access log Swedish times labelled ``+0000``.
    Here (on ``IDatabaseOpenedWithRoot``, after zope.conf, the ZCML and before the first
    request) Python's ``time`` reads ``TZ`` again (``time.tzset``) and
    ``DateTime`` takes the zone from it, as it would have with ``TZ`` set
    before the process started. Does nothing when the zone did not change
    (the tests, a process started with ``TZ``). Takes the event, returns
    nothing, raises nothing."""
    import sys
    import time

    time.tzset()
    module = sys.modules["DateTime.DateTime"]
    names = ("altzone", "daylight", "timezone", "tzname")
    if all(getattr(module, name) == getattr(time, name) for name in names):
        return
    for name in names:
        setattr(module, name, getattr(time, name))
    module._localzone0 = module._findLocalTimeZoneName(0)
    module._localzone1 = module._findLocalTimeZoneName(1)
    module._multipleZones = module._localzone0 != module._localzone1
