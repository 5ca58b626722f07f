"""What the Statistik page and REST @statistik show, and who may see it.

On the site: Sökningar (per day, top, zero results with a link to write
the missing answer) and Räckvidd of the latest items; on a unit: Räckvidd of
the items in that unit and the units under it. Who: the permission
"solna.intranet: View statistics" (Webbredaktörer, Kommunikatörer), and on a
unit also its Chef (the manager of the unit or of a unit above it). Others
are told the page is not there (404).
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from itertools import islice
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from solna.intranet import _
from solna.intranet import dates
from solna.intranet.organisation.content import IUnit
from solna.intranet.organisation.managers import manager_userid
from solna.intranet.organisation.tree import UNIT
from solna.intranet.stats import reach
from solna.intranet.stats.store import connect
from solna.intranet.stats.store import today
from urllib.parse import urlencode
from zExceptions import NotFound
from zope.i18n import translate

import datetime
import re


PERMISSION = "solna.intranet: View statistics"
DAYS = 30
TOP = 20
ZERO = 50
ITEMS = 30
#: How far back the Räckvidd list looks (the 30-day window plus a margin).
ITEM_DAYS = 60
ANSWER = "solna.Answer"
ANSWER_TITLE_FIELD = "titel"  # prefill.py

NO_FORVALTNING = _("stats_no_forvaltning", default="No administration")
FEWER = _("stats_fewer_than", default="fewer than ${threshold}")


def may_view(context):
    """May the current member see the statistics of ``context``?"""
    if api.user.is_anonymous():
        return False
    if api.user.has_permission(PERMISSION, obj=context):
        return True
    if not IUnit.providedBy(context):
        return False
    userid = api.user.get_current().getId()
    return any(
        IUnit.providedBy(obj) and manager_userid(obj) == userid
        for obj in aq_chain(aq_inner(context))
    )


def check(context):
    """NotFound (as for an address that is not there) unless allowed."""
    if not may_view(context):
        raise NotFound("statistik")


def _days(db):
    first = datetime.date.fromisoformat(today()) - datetime.timedelta(DAYS - 1)
    found = {
        day: (searches, zero)
        for day, searches, zero in db.execute(
            "SELECT day, searches, zero FROM search_days WHERE day >= ?",
            (first.isoformat(),),
        )
    }
    days = []
    for offset in range(DAYS):
        day = first + datetime.timedelta(offset)
        searches, zero = found.get(day.isoformat(), (0, 0))
        days.append(
            {
                "day": day.isoformat(),
                "day_display": dates.display_date(day),
                "searches": searches,
                "zero": zero,
            }
        )
    return list(reversed(days))


def answers_folder():
    """Where Frågor och svar are written: the container of the newest
    answer (HR's unit in the demo), else the site."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=ANSWER, sort_on="created", sort_order="descending", sort_limit=1
    )
    portal = api.portal.get()
    if brains:
        parent = brains[0].getPath().rpartition("/")[0]
        try:
            return portal.unrestrictedTraverse(parent)
        except (KeyError, AttributeError):
            pass
    return portal


#: A word longer than this is no word anyone asks about (a row of keys).
LONGEST_WORD = 40
#: Nor is a text longer than this a question (a paste, a word repeated).
LONGEST_QUESTION = 100


def question(text):
    """The title an answer to the search ``text`` could have, or None when
    the text is no question anyone could answer: longer than
    LONGEST_QUESTION, no word of two letters or more, a "word" longer than
    LONGEST_WORD, or fewer letters than other characters. Quotes, brackets
    and stars around it are dropped ('"semester' -> "Semester")."""
    words = re.findall(r"[^\W\d_]+", text)
    letters = sum(len(w) for w in words)
    signs = len(re.sub(r"\s", "", text))
    if (
        len(text) > LONGEST_QUESTION
        or not any(len(w) >= 2 for w in words)
        or any(len(w) > LONGEST_WORD for w in words)
        or 2 * letters < signs
    ):
        return None
    title = text.strip(" \"'«»”“()[]{}<>*.,;:").lstrip("?!")
    title = re.sub(r'["«»”“*]', "", title).strip()
    return title[:1].upper() + title[1:] if title else None


def may_add_answer(folder):
    """May the member add a Fråga och svar in ``folder`` (None: no folder)?"""
    return folder is not None and api.user.has_permission(
        "solna.intranet: Add Answer", obj=folder
    )


def add_answer_url(folder, title):
    """The add form of a Fråga och svar in ``folder`` with ``title`` (a
    search as ``question`` makes it a title) filled in."""
    query = urlencode({ANSWER_TITLE_FIELD: title})
    return f"{folder.absolute_url()}/++add++{ANSWER}?{query}"


def searches(db):
    """Sökningar of the last ``DAYS`` days."""
    first = (
        datetime.date.fromisoformat(today()) - datetime.timedelta(DAYS - 1)
    ).isoformat()
    # Only what someone could ask (``question``): junk (a row of x's) is
    # counted in the day's figures but would push real searches and real
    # gaps off the lists.
    top = list(
        islice(
            (
                {"text": text, "searches": n}
                for text, n in db.execute(
                    "SELECT text, sum(searches) AS n FROM searches WHERE day >= ? "
                    "GROUP BY text ORDER BY n DESC, text",
                    (first,),
                )
                if question(text) is not None
            ),
            TOP,
        )
    )
    folder = answers_folder()
    may_add = may_add_answer(folder)
    zero = []
    for text, n in db.execute(
        "SELECT text, sum(zero) AS n FROM searches WHERE day >= ? "
        "GROUP BY text HAVING n > 0 ORDER BY n DESC, text",
        (first,),
    ):
        title = question(text)
        if title is None:
            continue
        url = add_answer_url(folder, title) if may_add else None
        zero.append({"text": text, "searches": n, "add_answer": url})
        if len(zero) == ZERO:
            break
    days = _days(db)
    return {
        "days": days,
        "searches_total": sum(d["searches"] for d in days),
        "zero_total": sum(d["zero"] for d in days),
        "top": top,
        "zero_results": zero,
    }


def _forvaltning_titles(uids):
    catalog = api.portal.get_tool("portal_catalog")
    uids = [uid for uid in uids if uid and uid != reach.TOTAL]
    if not uids:
        return {}
    return {
        brain.UID: brain.Title
        for brain in catalog.unrestrictedSearchResults(portal_type=UNIT, UID=uids)
    }


def _window(raw, titles, none_title):
    if raw is None:
        return {"total": None, "forvaltningar": []}
    total, cells = reach.suppress(raw["total"], raw["cells"])
    rows = [
        {
            "uid": uid or None,
            "title": titles.get(uid) or none_title if uid else none_title,
            "viewers": cells[uid],
        }
        for uid in cells
    ]
    rows.sort(key=lambda row: (row["viewers"] is None, -(row["viewers"] or 0)))
    return {"total": total, "forvaltningar": rows}


def reach_items(context, request):
    """Räckvidd of the latest news, pages, rules and answers at or under
    ``context`` that the member may see."""
    query = {
        "portal_type": list(reach.TYPES),
        "effective": {"query": dates.days_ago(ITEM_DAYS), "range": "min"},
        "sort_on": "effective",
        "sort_order": "descending",
        "sort_limit": ITEMS,
    }
    if not IPloneSiteRoot.providedBy(context):
        query["path"] = "/".join(context.getPhysicalPath())
    brains = api.content.find(**query)[:ITEMS]
    types = api.portal.get_tool("portal_types")
    none_title = translate(NO_FORVALTNING, context=request)
    with connect() as db:
        raw = {brain.UID: reach.counts(brain.UID, db) for brain in brains}
    titles = _forvaltning_titles(
        {uid for item in raw.values() for w in item.values() for uid in w["cells"]}
    )
    items = []
    for brain in brains:
        fti = types.getTypeInfo(brain.portal_type)
        counted = raw[brain.UID]
        items.append(
            {
                "@id": brain.getURL(),
                "@type": brain.portal_type,
                "type_title": translate(fti.Title(), context=request)
                if fti
                else brain.portal_type,
                "title": brain.Title,
                "published": dates.iso(brain.effective),
                "published_display": dates.display(brain.effective, request),
                "reach": {
                    str(days): _window(counted.get(days), titles, none_title)
                    for days in reach.WINDOWS
                },
            }
        )
    return items


def data(context, request):
    """The whole Statistik answer (REST's; the page shows the same)."""
    site = IPloneSiteRoot.providedBy(context)
    result = {
        "@id": f"{context.absolute_url()}/@statistik",
        "title": context.Title(),
        "threshold": reach.THRESHOLD,
        "searches": None,
        "items": reach_items(context, request),
        "links": {
            "stale": f"{context.absolute_url()}/@@inaktuellt-innehall",
            "must_read": f"{api.portal.get().absolute_url()}"
            "/@@chefens-sida#solna-completion-title",
        },
    }
    if site:
        with connect() as db:
            result["searches"] = searches(db)
    return result
