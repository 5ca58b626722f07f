"""The personal feed of Mitt intranät, for the page and the REST API alike.

Each part is one catalog query on indexed data (the ``audience`` tokens,
``priority``, ``must_read``, dates): none wakes a news item, and each asks
only for a window of recent news, so its cost follows how much news is
published in a few weeks rather than how much the site holds. The reasons
("Varför ser jag detta?") come from the ``audience`` metadata column.
"""

from DateTime import DateTime
from plone import api
from solna.intranet import _
from solna.intranet.dates import display_date
from solna.intranet.dates import iso
from solna.intranet.news import confirmations
from solna.intranet.news.audience import ALL
from solna.intranet.news.audience import news_query_for
from solna.intranet.news.readers import Member
from solna.intranet.vocabularies import professions
from solna.intranet.vocabularies import title_of
from zope.i18n import translate


#: Crisis news stays on top for this many days (or until it expires).
CRISIS_DAYS = 3
#: Must-read news waits for a confirmation for this many days.
MUST_READ_DAYS = 90
#: The start page shows this many news items ("Visa alla nyheter" the rest)
NEWS_ON_PAGE = 10
#: ...from this many days back (all of them only when those are too few).
NEWS_DAYS = 30


def days_ago(days):
    return DateTime() - days


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
        for token in sorted(set(tokens or ()) & set(self.tokens)):
            unit, _sep, profession = token.partition("|")
            if token == ALL:
                message = _("reason_all", default="to all staff")
            elif token.startswith("profession:"):
                message = _(
                    "reason_profession",
                    default="because you are a ${profession}",
                    mapping={"profession": self._profession(request)},
                )
            else:
                where, title = self._unit_phrase(unit.removeprefix("unit:"))
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
            result.append(translate(message, context=request))
        return result

    def _profession(self, request):
        return lower_first(title_of(professions, self.profession, request))


def serialize(brain, reader, request):
    deadline = brain.must_read_deadline if brain.must_read else None
    return {
        "@id": brain.getURL(),
        "UID": brain.UID,
        "title": brain.Title,
        "description": brain.Description,
        "effective": iso(brain.effective),
        "effective_display": display_date(brain.effective, request),
        "priority": brain.priority or "normal",
        "must_read": bool(brain.must_read),
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_display": display_date(deadline, request),
        "reasons": reader.reasons(brain.audience, request),
    }


def _search(reader, **query):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.searchResults(
        **news_query_for(reader.tokens, review_state="published", **query)
    )


def news_feed(reader, request, limit=NEWS_ON_PAGE):
    """Crisis news, must-read news not yet confirmed and the newest news meant
    for the member (each shown once, in the first part it belongs to)."""
    crisis = list(
        _search(
            reader,
            priority="kris",
            effective={"query": days_ago(CRISIS_DAYS), "range": "min"},
        )
    )
    confirmed = confirmations.confirmed_uids(reader.userid)
    must_read = [
        brain
        for brain in _search(
            reader,
            must_read=True,
            effective={"query": days_ago(MUST_READ_DAYS), "range": "min"},
        )
        if brain.UID not in confirmed
    ]
    shown = {b.UID for b in crisis} | {b.UID for b in must_read}

    def newest(**query):
        found = _search(reader, sort_limit=limit + len(shown), **query)
        return [b for b in found[: limit + len(shown)] if b.UID not in shown][:limit]

    news = newest(effective={"query": days_ago(NEWS_DAYS), "range": "min"})
    if len(news) < limit:  # a quiet month: the newest, however old
        news = newest()
    return {
        name: [serialize(b, reader, request) for b in brains]
        for name, brains in (
            ("crisis", crisis),
            ("must_read", must_read),
            ("news", news),
        )
    }
