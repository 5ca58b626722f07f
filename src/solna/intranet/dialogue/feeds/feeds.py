"""Omvärldsbevakning: news from outside (RSS/Atom), fetched by a job, never
while someone waits for a page.

Sources are web addresses: site-wide in the registry (``solna.intranet.feeds``)
and per community (its field *Omvärldskällor*). ``fetch_all`` (run by the
``solna-fetch-feeds`` cron job through ``@omvarld``) fetches each with a
timeout and a size limit, parses it with feedparser and keeps entries it has
not seen (by guid, else link) on the site or the community, newest first, at
most ``KEEP`` per place. A broken or slow source is logged and skipped.

The server fetches only public addresses (security.fetching: no internal
network, also after a redirect or a second DNS answer); a refused address
is logged and skipped like a broken source. The addresses are checked when
they are saved too: a community's field has the ``fetchable`` constraint,
and the site-wide record is checked by ``SiteFeedsValidator`` (Site Setup's
Configuration Registry form) and ``site_feeds_modified`` (every other way,
REST ``@registry`` included).
"""

from lxml import etree
from lxml import html
from plone import api
from plone.registry.interfaces import IRecordModifiedEvent
from solna.intranet import logger
from solna.intranet.dates import display_date
from solna.intranet.dates import iso
from solna.intranet.dialogue.content import ICommunity
from solna.intranet.dialogue.content import web_address
from solna.intranet.security.fetching import AddressRefused
from solna.intranet.security.fetching import fetch
from solna.intranet.security.fetching import fetchable
from solna.intranet.security.fetching import FetchError
from solna.intranet.storage import annotation
from z3c.form.validator import SimpleFieldValidator
from zExceptions import BadRequest
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.schema import ValidationError

import datetime
import re


KEY = "solna.intranet.feed_entries"
REGISTRY = "solna.intranet.feeds"
TIMEOUT = 10  # seconds to connect, and to wait between bytes
MAX_BYTES = 2 * 1024 * 1024
KEEP = 200
TAGS = re.compile(r"<[^>]+>")


class FeedError(Exception):
    pass


def download(url, timeout=TIMEOUT):
    """The feed's bytes; ``AddressRefused`` for an internal address,
    ``FetchError`` for a network or HTTP error (security.fetching)."""
    return fetch(url, timeout=timeout, max_bytes=MAX_BYTES)


def added(before, after):
    """The addresses in ``after`` that were not in ``before``: only they are
    checked when the site-wide list is saved, so an address saved earlier
    (refused when fetched) never stops a save or a profile's import."""
    return [url for url in after or () if url not in (before or ())]


class SiteFeedsValidator(SimpleFieldValidator):
    """The Configuration Registry's form for ``solna.intranet.feeds``
    refuses a new address the server will not fetch, in the form (a
    record's field cannot carry a constraint in plone.registry). Registered
    for the form ``plone.app.registry.browser.edit.RecordEditForm``."""

    def validate(self, value, force=False):
        super().validate(value, force)
        record = getattr(self.view, "record", None)
        if getattr(record, "__name__", None) == REGISTRY:
            fetchable(added(record.value, value))


@adapter(IRecordModifiedEvent)
def site_feeds_modified(event):
    """``solna.intranet.feeds`` set any other way (REST ``@registry``, a
    script): a new address the server will not fetch is a 400
    (``BadRequest``, in the request's language) and the transaction is not
    committed."""
    if event.record.__name__ != REGISTRY:
        return
    try:
        fetchable(added(event.oldValue, event.newValue))
    except ValidationError as error:
        request = getRequest()
        raise BadRequest(translate(error.doc(), context=request)) from None


def plain(text):
    """A feed's summary as plain text (it may hold HTML)."""
    if not text.strip():
        return ""
    try:
        text = html.fromstring(text).text_content()
    except (etree.ParserError, ValueError):
        text = TAGS.sub(" ", text)
    return " ".join(text.split())


def parse(content, source):
    import feedparser  # on first use: not held by processes that only serve pages

    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"not a feed: {type(parsed.bozo_exception).__name__}")
    feed_title = parsed.feed.get("title") or source
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link.startswith(("https://", "http://")):
            continue  # only web links leave the page (no javascript:)
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        yield {
            "key": entry.get("id") or link,
            "title": entry.get("title") or link,
            "link": link,
            "summary": plain(entry.get("summary", ""))[:500],
            "published": datetime.datetime(*when[:6], tzinfo=datetime.UTC)
            if when
            else None,
            "source": feed_title,
        }


def store_of(place, create=False):
    return annotation(place, KEY, create)


def entries(place):
    """The place's entries, newest first."""
    found = list(store_of(place).values())
    epoch = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return sorted(
        found, key=lambda e: e["published"] or e["fetched"] or epoch, reverse=True
    )


def serialize(entry):
    """An entry for the page and REST."""
    return {
        "title": entry["title"],
        "link": entry["link"],
        "summary": entry["summary"],
        "source": entry["source"],
        "published": iso(entry["published"] or entry["fetched"]),
        "published_display": display_date(entry["published"] or entry["fetched"]),
    }


def share(community, link, title="", comment=""):
    """A link with a comment becomes a discussion (topic) in the community;
    ``NotAWebAddress`` (a ValidationError) for anything but a web address.
    Returns the topic."""
    title = title or link
    comment = comment or title
    web_address(link)
    return api.content.create(
        container=community,
        type="solna.Topic",
        title=title,
        text=comment,
        link=link,
    )


def places_and_sources():
    portal = api.portal.get()
    yield portal, list(api.portal.get_registry_record(REGISTRY, default=None) or [])
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="solna.Community"):
        community = brain._unrestrictedGetObject()
        if ICommunity.providedBy(community) and community.feeds:
            yield community, list(community.feeds)


def fetch_all(timeout=None, now=None):
    """Fetch every source; returns {"new": n, "seen": n, "failed": n}."""
    timeout = timeout or TIMEOUT
    now = now or datetime.datetime.now(datetime.UTC)
    counts = {"new": 0, "seen": 0, "failed": 0}
    for place, sources in places_and_sources():
        for url in sources:
            try:
                found = list(parse(download(url, timeout), url))
            except AddressRefused as error:
                counts["failed"] += 1
                logger.warning("Feed refused: %s (%s)", url, error)
                continue
            except (FetchError, FeedError) as error:
                counts["failed"] += 1
                logger.warning("Feed skipped: %s (%s)", url, error)
                continue
            store = store_of(place, create=True)
            for entry in found:
                if entry["key"] in store:
                    counts["seen"] += 1
                    continue
                store[entry["key"]] = {**entry, "fetched": now}
                counts["new"] += 1
        store = store_of(place)
        if len(store) > KEEP:
            for old in entries(place)[KEEP:]:
                del store[old["key"]]
    logger.info("Feeds: %(new)d new, %(seen)d already seen, %(failed)d failed", counts)
    return counts
