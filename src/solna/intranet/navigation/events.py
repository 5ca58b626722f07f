"""Plone's events portlet (*Kommande händelser*) without a publishing-date
range over the whole site on every page.

plone.app.event's renderer keeps its list of events in memory, keyed by the
UIDs and modification times of the upcoming events, and finds that key with
a catalog search on every page that shows the portlet. A member who may not
see inactive content gets Plone's ``effectiveRange=now`` added to that
search, which the DateRangeIndex answers by uniting its sets for every date
up to now: at 20,000 news, 13 % of Mitt intranät's time (py-spy, issue 21).
The key here comes from ``solna.intranet.catalog.search``: the same events,
found with ``show_inactive`` and kept in effect among the few the other
indexes and the sort limit leave.
"""

from Acquisition import aq_inner
from plone import api
from plone.app.event.base import expand_events
from plone.app.event.base import filter_and_resort
from plone.app.event.base import localized_now
from plone.app.event.base import RET_MODE_ACCESSORS
from plone.app.event.base import start_end_query
from plone.app.event.dx.behaviors import IEventBasic
from plone.app.event.portlets import portlet_events
from plone.base.navigationroot import get_navigation_root_object
from plone.event.interfaces import IEvent
from plone.memoize import ram
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import search
from solna.intranet.catalog import viewer_key
from solna.intranet.tools import tool
from zope.component.hooks import getSite

import datetime
import time


def events_key(method, renderer):
    """(UIDs, summed modification times) of the next ``count`` upcoming
    events the member may see: plone.app.event's key
    (``portlet_events._render_events_cachekey``), found without
    ``effectiveRange``, and kept in memory (``_upcoming``). A search base
    that is a collection keeps Plone's own key (its query is the
    collection's)."""
    if portlet_events.ISyndicatableCollection.providedBy(renderer.search_base):
        return portlet_events._render_events_cachekey(method, renderer)
    data = renderer.data
    query = {}
    if data.state:
        query["review_state"] = data.state
    if renderer.search_base_path:
        query["path"] = {"query": renderer.search_base_path}
    query.update(renderer.request.get("contentFilter", {}))
    return _upcoming(query, data.count, _minute())


def _minute():
    """Minutes since the epoch."""
    return int(time.time() // 60)


def event_types():
    """The content types with plone.app.event's behaviour (what an
    ``object_provides=IEvent`` search finds): a tuple of type names."""
    return tuple(
        fti.getId()
        for fti in api.portal.get_tool("portal_types").listTypeInfo()
        if any(
            behavior in ("plone.eventbasic", IEventBasic.__identifier__)
            for behavior in getattr(fti, "behaviors", ())
        )
    )


def _upcoming_key(function, query, count, minute):
    """The site; who asks, as far as the catalog's answer can differ:
    ``viewer_key`` of the event types (roles, groups, a grant by name), and
    whether she may see what is not in effect *where the query looks*
    (``allow_inactive`` of the query: a local Editor or Owner of the search
    base may, her colleagues not); what (``query``, ``count``); the minute
    ("upcoming" moves on with time); the catalog's state
    (``catalog_counter``: any change of content)."""
    catalog = tool("portal_catalog")
    criteria = tuple(sorted((index, repr(value)) for index, value in query.items()))
    return (
        "/".join(api.portal.get().getPhysicalPath()),
        criteria,
        count,
        minute,
        catalog_counter(),
        viewer_key(*event_types()),
        bool(catalog.allow_inactive(dict(query))),
    )


@ram.cache(_upcoming_key)
def _upcoming(query, count, minute):
    """``events_key``'s answer for ``query`` (the portlet's review states
    and search base path, the request's ``contentFilter``): the first
    ``count`` events not over at the start of ``minute`` (minutes since
    the epoch). Its catalog search on every page that shows the portlet
    was 2 % of a news item's time at 20,000 news (issue 21); it is asked
    again when the content changes, or the minute (an item's publishing
    dates, checked when it is asked, may show up to a minute late)."""
    query = dict(query)
    query["object_provides"] = IEvent.__identifier__
    now = datetime.datetime.fromtimestamp(minute * 60, tz=datetime.UTC)
    query.update(start_end_query(start=now, end=None))
    query["sort_on"] = "start"
    query["sort_order"] = "asc"
    events = search(limit=count, **query)
    return (
        "".join(brain.UID for brain in events),
        sum(brain.modified.timeTime() for brain in events),
    )


class EventsRenderer(portlet_events.Renderer):
    """plone.app.event's renderer, its cache keyed by ``events_key`` and its
    events found as ``plone.app.event.base.get_events`` finds them, without
    ``effectiveRange``."""

    @property
    @ram.cache(events_key)
    def events(self):
        """The next ``count`` upcoming events (occurrences of recurring
        ones too) as plone.app.event's accessors, soonest first: its
        ``get_events(context, start=now, ret_mode=RET_MODE_ACCESSORS,
        expand=True, limit=count)``, the catalog asked through
        ``catalog.search``. A collection as search base keeps Plone's."""
        if portlet_events.ISyndicatableCollection.providedBy(self.search_base):
            return portlet_events.Renderer.events.fget(self)
        context = aq_inner(self.context)
        count = self.data.count
        query = {}
        if self.data.state:
            query["review_state"] = self.data.state
        query.update(self.request.get("contentFilter", {}))
        if self.search_base_path:
            query["path"] = {"query": self.search_base_path}
        else:
            root = get_navigation_root_object(context, getSite())
            query["path"] = "/".join(root.getPhysicalPath())
        start = localized_now(context)
        query["object_provides"] = IEvent.__identifier__
        query.update(start_end_query(start=start, end=None))
        brains = search(sort_on="start", **query)
        brains = filter_and_resort(context, brains, start, None, "start", False)
        return expand_events(
            brains[:count], RET_MODE_ACCESSORS, start, None, "start", False
        )[:count]
