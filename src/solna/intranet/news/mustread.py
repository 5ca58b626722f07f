"""Måste läsas: must-read news, as the member sees it (status, confirm)
and how long it waits for confirmations (the window the start page and
Chefens sida ask for). The confirmations themselves are kept by
confirmations.py."""

from plone import api
from solna.intranet import _
from solna.intranet import dates
from solna.intranet.dates import days_ago
from solna.intranet.news import confirmations
from solna.intranet.news.audience import tokens_of
from solna.intranet.news.behaviors import IMustRead
from solna.intranet.news.readers import Member


#: Must-read news waits for a confirmation for this many days after it is
#: published: the start page asks for it and Chefens sida counts it so long.
MUST_READ_DAYS = 90

NOT_MUST_READ = _("This news item asks for no read confirmation.")
NOT_FOR_YOU = _("This news item is not meant for you, so there is nothing to confirm.")


def must_read_window():
    """The catalog range of ``effective`` dates of must-read news still
    waiting for confirmations: {"query": DateTime, "range": "min"}."""
    return {"query": days_ago(MUST_READ_DAYS), "range": "min"}


def status(item, userid):
    """The must-read status of the news item ``item`` for the member
    ``userid`` (also the REST answer of @jag-har-last): {"must_read": bool,
    "meant_for_you": bool, "deadline": "YYYY-MM-DD" or None,
    "deadline_display": Swedish date or "", "confirmed": ISO 8601 or None,
    "confirmed_display": Swedish date and time or ""}."""
    behaviour = IMustRead(item, None)
    must_read = bool(behaviour is not None and behaviour.must_read)
    confirmed = confirmations.confirmed_at(api.content.get_uuid(item), userid)
    deadline = behaviour.must_read_deadline if must_read else None
    return {
        "must_read": must_read,
        "meant_for_you": must_read and Member(userid).is_meant_for(tokens_of(item)),
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_display": dates.display_date(deadline),
        "confirmed": dates.iso(confirmed),
        "confirmed_display": dates.display(confirmed),
    }


def confirm(item, userid):
    """Store that ``userid`` has read ``item``; returns None, or why not (an
    i18n message: the item asks for no confirmation, or is not meant for
    the member). Confirming twice keeps the first time."""
    state = status(item, userid)
    if not state["must_read"]:
        return NOT_MUST_READ
    if not state["meant_for_you"]:
        return NOT_FOR_YOU
    confirmations.confirm(api.content.get_uuid(item), userid)
    return None
