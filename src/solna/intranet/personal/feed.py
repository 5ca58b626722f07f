"""The personal feed of Mitt intranät, for the page and the REST API alike.

Each part is one catalog query on indexed data (the ``audience`` tokens,
``priority``, ``must_read``, dates): none wakes a news item, and each asks
only for a window of recent news, so its cost follows how much news is
published in a few weeks rather than how much the site holds. The reasons
("Varför ser jag detta?") come from the ``audience`` metadata column.
"""

from plone import api
from plone.batching import Batch
from plone.memoize import ram
from solna.intranet import _
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import search
from solna.intranet.catalog import viewer_key
from solna.intranet.crisis.state import search_active
from solna.intranet.dates import days_ago
from solna.intranet.dates import display_date
from solna.intranet.dates import iso
from solna.intranet.dates import request_language
from solna.intranet.news import confirmations
from solna.intranet.news.audience import ALL
from solna.intranet.news.audience import news_query_for
from solna.intranet.news.audience import parse
from solna.intranet.news.mustread import must_read_window
from solna.intranet.news.readers import Member
from solna.intranet.vocabularies import professions
from solna.intranet.vocabularies import title_of
from zope.i18n import translate

import time


#: The start page shows this many news items ("Visa alla nyheter" the rest)
NEWS_ON_PAGE = 10
#: ...looked for first among this many days' news: sorting a month's news is
#: cheaper than sorting all of them (all news are for all staff); a quiet
#: month falls back to all.
NEWS_DAYS = 30
#: Alla nyheter shows this many news items a page.
NEWS_PAGE_SIZE = 20


def lower_first(title):
    """ "Förskollärare" → "förskollärare", but "HR-specialist" stays."""
    if len(title) > 1 and title[1].islower():
        return title[0].lower() + title[1:]
    return title


class Reader(Member):
    """The member the feed is for, and why they see what they see."""

    def __init__(self, userid):
        super().__init__(userid)
        self.units = {b.UID: b.Title for b in self.chain}
        self._said = {}

    def language(self, request):
        """The language the request's texts are in ("sv", "en" or None),
        negotiated once for this reader: a page of news shows a dozen dates
        and reasons, and negotiating cost as much as translating."""
        if "language" not in self._said:
            self._said["language"] = request_language(request)
        return self._said["language"]

    @property
    def needs_onboarding(self):
        return not (self.chain and self.profession)

    def _unit_phrase(self, uid):
        """(message id suffix, unit title): "på" one's own unit, "inom" one
        above it."""
        own = bool(self.chain) and uid == self.chain[0].UID
        return ("at" if own else "within"), self.units.get(uid, "")

    def reasons(self, tokens, request):
        """Why this member sees an item with these audience tokens."""
        result = []
        for value in sorted(set(tokens or ()) & set(self.tokens)):
            unit, profession = parse(value)
            if value == ALL:
                message = _("reason_all", default="to all staff")
            elif not unit:
                message = _(
                    "reason_profession",
                    default="because you are a ${profession}",
                    mapping={"profession": self._profession(request)},
                )
            else:
                where, title = self._unit_phrase(unit)
                mapping = {"unit": title, "profession": self._profession(request)}
                if profession:
                    message = (
                        _(
                            "reason_profession_at",
                            default="because you are a ${profession} at ${unit}",
                            mapping=mapping,
                        )
                        if where == "at"
                        else _(
                            "reason_profession_within",
                            default="because you are a ${profession} within ${unit}",
                            mapping=mapping,
                        )
                    )
                else:
                    message = (
                        _(
                            "reason_unit_at",
                            default="because you work at ${unit}",
                            mapping=mapping,
                        )
                        if where == "at"
                        else _(
                            "reason_unit_within",
                            default="because you work within ${unit}",
                            mapping=mapping,
                        )
                    )
            result.append(
                translate(
                    message, context=request, target_language=self.language(request)
                )
            )
        return result

    def _profession(self, request):
        if "profession" not in self._said:
            self._said["profession"] = lower_first(
                title_of(professions, self.profession, request)
            )
        return self._said["profession"]


def record(brain):
    """What the feed shows of a news item, from its catalog brain only, as a
    plain dict that may be kept in memory between requests (no brain, no
    acquisition): {"url", "UID", "Title", "Description", "effective",
    "priority", "must_read",
    "must_read_deadline" (date or None), "audience" (tokens)}."""
    return {
        "url": brain.getURL(),
        "UID": brain.UID,
        "Title": brain.Title,
        "Description": brain.Description,
        "effective": brain.effective,
        "priority": brain.priority,
        "must_read": brain.must_read,
        "must_read_deadline": brain.must_read_deadline,
        "audience": brain.audience,
    }


def serialize(brain, reader, request):
    """A news item of the feed (start page, Alla nyheter, REST): {"@id",
    "UID", "title", "description", "effective": ISO 8601,
    "effective_display": Swedish date, "priority": "normal" | "viktig" |
    "kris", "must_read": bool, "deadline": "YYYY-MM-DD" or None,
    "deadline_display", "reasons": [Swedish text: why the member sees it]}.
    From the catalog brain only, or from its ``record``."""
    item = brain if isinstance(brain, dict) else record(brain)
    deadline = item["must_read_deadline"] if item["must_read"] else None
    language = reader.language(request)
    return {
        "@id": item["url"],
        "UID": item["UID"],
        "title": item["Title"],
        "description": item["Description"],
        "effective": iso(item["effective"]),
        "effective_display": display_date(item["effective"], request, language),
        "priority": item["priority"] or "normal",
        "must_read": bool(item["must_read"]),
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_display": display_date(deadline, request, language),
        "reasons": reader.reasons(item["audience"], request),
    }


#: How long (seconds) a feed found in the catalog may be kept in memory
#: without a catalog write: what the catalog cannot tell (a news item's
#: publishing date coming, the windows moving on) shows within this time.
CACHED = 60


def _shared_key(function, tokens, extra):
    """The shared feed depends on the audience tokens, how many items are
    asked for, who asks (``catalog.viewer_key``), the catalog's state (its counter
    moves with every catalog write), the site's address (URLs for this
    request's host) and the minute."""
    return (
        tuple(sorted(tokens)),
        extra,
        viewer_key("News Item"),
        catalog_counter(),
        api.portal.get().absolute_url(),
        int(time.time() // CACHED),
    )


def _search(tokens, limit=None, **query):
    """Published news meant for ``tokens``, newest first, as ``catalog.
    search`` finds it (no date range over all news): a list of records."""
    return [
        record(brain)
        for brain in search(
            limit=limit, **news_query_for(tokens, review_state="published", **query)
        )
    ]


@ram.cache(_shared_key)
def _shared_feed(tokens, extra):
    """What the feed of every member with these audience ``tokens`` (and
    the same rights) is made from, as records: {"crisis": the active crises,
    "must_read": must-read news within the must-read window (a range of the
    ``effective`` index, which must-read news and the audience narrow
    first), "recent": the NEWS_ON_PAGE + ``extra`` newest of the last
    NEWS_DAYS days, "older": as many of all news, or None when "recent"
    had them all}. Kept in memory until the catalog changes
    (``_shared_key``): colleagues share it, and a member's own part
    (confirmed must-reads) is applied by ``news_feed``. The three
    queries were a sixth of Mitt intranät at 20,000 news (issue 21)."""
    crisis = [record(b) for b in search_active(tokens)]
    must_read = _search(tokens, must_read=True, effective=must_read_window())
    asked = NEWS_ON_PAGE + extra + len(crisis) + len(must_read)
    # The newest are those of the last NEWS_DAYS days unless the month was
    # quiet: the effective index's range narrows what the catalog sorts
    # (at 20,000 news, half of this query).
    recent = _search(
        tokens, limit=asked, effective={"query": days_ago(NEWS_DAYS), "range": "min"}
    )
    older = _search(tokens, limit=asked) if len(recent) < asked else None
    return {
        "crisis": crisis,
        "must_read": must_read,
        "recent": recent,
        "older": older,
    }


def news_feed(reader, request, limit=NEWS_ON_PAGE):
    """The active crises meant for the member (crisis/state.py: published,
    not expired, not ended by Krisledning), must-read news not yet
    confirmed (within the must-read window) and the ``limit`` newest news
    meant for the member, each item once, in the first part it belongs to:
    {"crisis": [serialize(...)], "must_read": [...], "news": [...]}. Every
    query is news_query_for(reader.tokens) on published news, shared with
    colleagues who have the same tokens and rights (``_shared_feed``)."""
    shared = _shared_feed(frozenset(reader.tokens), max(limit - NEWS_ON_PAGE, 0))
    crisis = shared["crisis"]
    confirmed = confirmations.confirmed_uids(reader.userid)
    must_read = [r for r in shared["must_read"] if r["UID"] not in confirmed]
    shown = {r["UID"] for r in crisis} | {r["UID"] for r in must_read}

    def newest(records):
        return [r for r in records if r["UID"] not in shown][:limit]

    news = newest(shared["recent"])
    if len(news) < limit and shared["older"] is not None:
        news = newest(shared["older"])
    return {
        name: [serialize(r, reader, request) for r in records]
        for name, records in (
            ("crisis", crisis),
            ("must_read", must_read),
            ("news", news),
        )
    }


def news_page(userid, request, everything=False, start=0, size=NEWS_PAGE_SIZE):
    """Alla nyheter, one page: (batch, items). The news meant for the member
    ``userid`` (or, with ``everything``, every published news item they may
    see), newest first; ``start`` is the batch start (b_start; anything that
    is not a non-negative number means 0), ``size`` the page size. ``batch``
    is a plone.batching Batch of catalog brains, ``items`` its items as
    ``serialize`` gives them."""
    reader = Reader(userid)
    catalog = api.portal.get_tool("portal_catalog")
    if everything:
        query = {
            "portal_type": "News Item",
            "sort_on": "effective",
            "sort_order": "descending",
        }
    else:
        query = news_query_for(reader.tokens)
    try:
        start = max(int(start), 0)
    except (TypeError, ValueError):
        start = 0
    brains = catalog.searchResults(review_state="published", **query)
    batch = Batch(brains, size, start)
    return batch, [serialize(b, reader, request) for b in batch]
