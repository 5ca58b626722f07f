"""The personal feed of Mitt intranät, for the page and the REST API alike.

Each part is one catalog query on indexed data (the ``audience`` tokens,
``priority``, ``must_read``, dates): none wakes a news item, and each asks
only for a window of recent news, so its cost follows how much news is
published in a few weeks rather than how much the site holds. The reasons
("Varför ser jag detta?") come from the ``audience`` metadata column.
"""

from plone import api
from plone.batching import Batch
from solna.intranet import _
from solna.intranet.catalog import search
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


def serialize(brain, reader, request):
    """A news item of the feed (start page, Alla nyheter, REST): {"@id",
    "UID", "title", "description", "effective": ISO 8601,
    "effective_display": Swedish date, "priority": "normal" | "viktig" |
    "kris", "must_read": bool, "deadline": "YYYY-MM-DD" or None,
    "deadline_display", "reasons": [Swedish text: why the member sees it]}.
    From the catalog brain only."""
    deadline = brain.must_read_deadline if brain.must_read else None
    language = reader.language(request)
    return {
        "@id": brain.getURL(),
        "UID": brain.UID,
        "title": brain.Title,
        "description": brain.Description,
        "effective": iso(brain.effective),
        "effective_display": display_date(brain.effective, request, language),
        "priority": brain.priority or "normal",
        "must_read": bool(brain.must_read),
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_display": display_date(deadline, request, language),
        "reasons": reader.reasons(brain.audience, request),
    }


def _search(reader, limit=None, **query):
    """Published news meant for the reader, newest first, as ``catalog.
    search`` finds it (no date range over all news): a list of brains."""
    return search(
        limit=limit, **news_query_for(reader.tokens, review_state="published", **query)
    )


def _must_read(reader):
    """Must-read news meant for the reader, published within the must-read
    window (a range of the ``effective`` index, which must-read news and
    the audience narrow first), newest first."""
    return _search(reader, must_read=True, effective=must_read_window())


def news_feed(reader, request, limit=NEWS_ON_PAGE):
    """The active crises meant for the member (crisis/state.py: published,
    not expired, not ended by Krisledning), must-read news not yet
    confirmed (within the must-read window) and the ``limit`` newest news
    meant for the member, each item once, in the first part it belongs to:
    {"crisis": [serialize(...)], "must_read": [...], "news": [...]}. Every
    query is news_query_for(reader.tokens) on published news."""
    crisis = search_active(reader.tokens)
    confirmed = confirmations.confirmed_uids(reader.userid)
    must_read = [brain for brain in _must_read(reader) if brain.UID not in confirmed]
    shown = {b.UID for b in crisis} | {b.UID for b in must_read}

    def newest(**query):
        found = _search(reader, limit=limit + len(shown), **query)
        return [b for b in found if b.UID not in shown][:limit]

    # The newest are those of the last NEWS_DAYS days unless the month was
    # quiet: the effective index's range narrows what the catalog sorts
    # (at 20,000 news, half of this query).
    news = newest(effective={"query": days_ago(NEWS_DAYS), "range": "min"})
    if len(news) < limit:
        news = newest()
    return {
        name: [serialize(b, reader, request) for b in brains]
        for name, brains in (
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
