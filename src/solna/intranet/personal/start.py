"""Mitt intranät as data: what the start page shows and REST @mitt-intranat
returns, so that a future app shows the same thing."""

from AccessControl import getSecurityManager
from plone import api
from plone.memoize import ram
from solna.intranet import _
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import search
from solna.intranet.catalog import viewer_key
from solna.intranet.crisis.banner import mine as crises_for_member
from solna.intranet.dates import display
from solna.intranet.dates import iso
from solna.intranet.dates import request_language
from solna.intranet.dialogue.communities.membership import communities_of
from solna.intranet.organisation.directory import tel
from solna.intranet.organisation.managers import managed_units
from solna.intranet.organisation.managers import manager_person
from solna.intranet.personal.favorites import favorites
from solna.intranet.personal.feed import news_feed
from solna.intranet.personal.feed import Reader
from zope.i18n import translate

import time


#: How many recent happenings of the member's communities are shown.
ACTIVITY_ON_PAGE = 5

#: The shortcuts: (title, path from the site).
SHORTCUTS = (
    (_("Forms and e-services"), "blanketter"),
    (_("My cases"), "@@mina-arenden"),
    (_("Employment terms: questions and answers"), "@@fragor-och-svar"),
    (_("Find a contact"), "@@hitta-kontakt"),
    (_("Communities"), "natverk"),
)


def unit_card(reader):
    """The member's unit card, or None (no unit chosen, or one the member
    may not see): {"@id", "UID", "title", "phone", "tel": tel: link,
    "email", "visiting_address", "opening_hours", "manager": None or
    {"@id", "fullname", "job_title", "phone", "tel", "email"}} (the manager
    only when the member may see that person)."""
    if not reader.chain:
        return None
    unit = reader.chain[0]._unrestrictedGetObject()
    if not getSecurityManager().checkPermission("View", unit):
        return None
    person = manager_person(unit)
    manager = None
    if person is not None and getSecurityManager().checkPermission("View", person):
        number = person.phone or person.mobile or ""
        manager = {
            "@id": person.absolute_url(),
            "fullname": person.Title(),
            "job_title": person.job_title or "",
            "phone": number,
            "tel": tel(number) if number else "",
            "email": person.email or "",
        }
    return {
        "@id": unit.absolute_url(),
        "UID": reader.chain[0].UID,
        "title": unit.Title(),
        "phone": unit.phone or "",
        "tel": tel(unit.phone) if unit.phone else "",
        "email": unit.email or "",
        "visiting_address": unit.visiting_address or "",
        "opening_hours": unit.opening_hours or "",
        "manager": manager,
    }


#: How long (seconds) the communities' activity may be kept in memory
#: without a catalog write (a topic's publishing date coming shows within it).
CACHED = 60


def community_activity(userid, limit=ACTIVITY_ON_PAGE):
    """The newest discussions and comments in the communities the member is
    in (two catalog queries, whatever the number of communities), newest
    first, at most ``limit``: [{"@id": the discussion's URL, "kind": "topic"
    or "comment", "title": the discussion's title, "author": the commenter's
    name ("" for a topic), "created": ISO 8601, "created_display"}]. Shared
    in memory by members of the same communities with the same rights
    (``_activity``)."""
    uids = communities_of(userid)
    if not uids:
        return []
    return _activity(frozenset(uids), limit, request_language())


def _activity_key(function, uids, limit, language):
    """The activity depends on the communities, how much is asked for, in
    which language, who asks (``catalog.viewer_key``), the catalog's state
    (its counter moves with every catalog write), the site's address (URLs
    for this request's host) and the minute."""
    return (
        tuple(sorted(uids)),
        limit,
        language,
        viewer_key("solna.Community", "solna.Topic", "Discussion Item"),
        catalog_counter(),
        api.portal.get().absolute_url(),
        int(time.time() // CACHED),
    )


@ram.cache(_activity_key)
def _activity(uids, limit, language):
    """``community_activity`` of the communities with these ``uids``, kept
    in memory until the catalog changes: its three queries were 7 % of
    Mitt intranät at 20,000 news (py-spy, issue 21)."""
    paths = [b.getPath() for b in search(portal_type="solna.Community", UID=list(uids))]
    if not paths:
        return []
    found = []
    for portal_type in ("solna.Topic", "Discussion Item"):
        found += search(
            limit=limit,
            portal_type=portal_type,
            path=paths,
            sort_on="created",
            sort_order="descending",
        )
    found.sort(key=lambda b: b.created, reverse=True)
    activity = []
    for brain in found[:limit]:
        comment = brain.portal_type == "Discussion Item"
        topic_url = brain.getURL().split("/++conversation++")[0]
        activity.append(
            {
                "@id": brain.getURL() if not comment else topic_url,
                "kind": "comment" if comment else "topic",
                "title": brain.in_response_to if comment else brain.Title,
                "author": brain.author_name if comment else "",
                "created": iso(brain.created),
                "created_display": display(brain.created, language=language),
            }
        )
    return activity


def start_page(request, onboarding_skipped=False):
    """Mitt intranät for the current member, as the page and REST
    @mitt-intranat show it::

        {"manager_page": URL of Chefens sida or None (manages no unit),
         "onboarding": {"needed": bool, "skipped": bool, "unit": UID,
                        "profession": id, "@id": URL of @@valj-enhet},
         "crisis": [feed item], "must_read": [feed item], "news": [feed item],
         "all_news": URL of @@nyheter,
         "unit": unit_card(...), "shortcuts": [{"title", "@id"}],
         "favorites": [see personal.favorites.favorites],
         "communities": community_activity(...),
         "kris": [crisis.banner.summary(...)]}

    A feed item is personal.feed.serialize's dict. Reads only (catalog and
    the member's own data); ``onboarding_skipped``: the member chose
    "Hoppa över" on this device."""
    userid = api.user.get_current().getId()
    reader = Reader(userid)
    portal_url = api.portal.get().absolute_url()
    shortcuts = [
        {"title": translate(title, context=request), "@id": f"{portal_url}/{path}"}
        for title, path in SHORTCUTS
    ]
    return {
        # For managers, at the top: their units at a glance.
        "manager_page": (
            f"{portal_url}/@@chefens-sida" if managed_units(userid) else None
        ),
        "onboarding": {
            "needed": reader.needs_onboarding,
            "skipped": onboarding_skipped,
            "unit": reader.unit_uid,
            "profession": reader.profession,
            "@id": f"{portal_url}/@@valj-enhet",
        },
        **news_feed(reader, request),
        "all_news": f"{portal_url}/@@nyheter",
        "unit": unit_card(reader),
        "shortcuts": shortcuts,
        "favorites": favorites(userid),
        "communities": community_activity(userid),
        # The active crises meant for her and her answers (crisis/banner.py).
        "kris": crises_for_member(request),
    }
