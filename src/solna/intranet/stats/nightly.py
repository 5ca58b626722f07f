"""The nightly job (solna-stats, @statistik-jobb): close the reach windows
that have ended (freeze their counts, delete their registers and, at 30
days, the item's key) and delete search rows past their retention."""

from solna.intranet import dates
from solna.intranet.stats import reach
from solna.intranet.stats.store import connect
from solna.intranet.stats.store import today

import datetime


#: The searched texts (a text may name someone): 90 days.
TEXT_DAYS = 90
#: The day totals (searches, zero results): 13 months.
DAY_DAYS = 396


def nightly(dry_run=False, on=None):
    """Close and delete what is due; ``on``: act as at the end of that day
    (a date; default now). Returns the job's answer (services.py)."""
    moment = None
    if on is not None:
        moment = datetime.datetime.combine(
            on, datetime.time(23, 59, 59), tzinfo=dates.zone()
        ).astimezone(datetime.UTC)
    closed = reach.close(moment=moment, dry_run=dry_run)
    day = on or datetime.date.fromisoformat(today())
    texts = (day - datetime.timedelta(days=TEXT_DAYS)).isoformat()
    totals = (day - datetime.timedelta(days=DAY_DAYS)).isoformat()
    with connect() as db:
        (searches,) = db.execute(
            "SELECT count(*) FROM searches WHERE day < ?", (texts,)
        ).fetchone()
        (days,) = db.execute(
            "SELECT count(*) FROM search_days WHERE day < ?", (totals,)
        ).fetchone()
        if not dry_run:
            db.execute("DELETE FROM searches WHERE day < ?", (texts,))
            db.execute("DELETE FROM search_days WHERE day < ?", (totals,))
    return {
        "items": closed,
        "searches_deleted": searches,
        "days_deleted": days,
    }
