"""As-you-type suggestions (the search fields' combobox, REST
@sok-forslag): up to 5 people and up to 5 pages, answers, forms and rules
for what was typed, the last word as the beginning of a word. Cheap: a few
catalog queries sorted by relevance, no facets, nothing counted; the
current user's security.

Order: people whose name matches ("Ma" → Maria …), then pages whose title
matches (rules, answers, forms, pages: "lön" → Lönerevision), then people
whose other words match ("Fråga mig om: Lönesamtal", a workplace), up to
5 people in all. From two letters on; a last word of one letter after
others ("vård av b") is the beginning of a title's word."""

from plone import api
from solna.intranet.members import normalized
from solna.intranet.search.analysis import modifiers
from solna.intranet.search.analysis import query_text
from solna.intranet.search.analysis import STOP_WORDS
from solna.intranet.search.engine import type_title

import re


PEOPLE = ("solna.Person",)
PAGES = ("solna.Answer", "EasyForm", "solna.Rule", "Document")
#: Fewer characters than this get no suggestions.
MIN_CHARS = 2
LIMIT = 5
#: At most this many colleagues by their other words when pages match too.
KNOWING = 2


def _queries(text, relaxed=False):
    """(query of the titles, query of all text) for ZCTextIndex: every
    word, the last also as a prefix. A last word of one or two letters is
    a prefix of the titles' words only (a prefix that short of every word
    of every text would cost too much); the whole text then asks only what
    its other words find."""
    words = re.findall(r"\w+", normalized(text).casefold())
    if not words:
        return "", ""
    last = words[-1]
    if len(last) >= 3 or last in STOP_WORDS:
        query = query_text(text, relaxed=relaxed)
        return query, query
    head = query_text(" ".join(words[:-1]), False, relaxed) if words[:-1] else ""
    joint = " OR " if relaxed else " AND "
    title = f"{head}{joint}{last}*" if head else f"{last}*"
    return title, head


def _found(catalog, portal_types, index, query, limit=LIMIT):
    if not query or limit <= 0:
        return []
    try:
        brains = catalog.searchResults(
            {index: query, "portal_type": list(portal_types), "sort_limit": limit}
        )
        return list(brains[:limit])
    except Exception:  # a query the text index cannot parse: nothing
        return []


def _suggested(catalog, text, relaxed=False):
    """(people by name, pages by title, people by their other words) for
    ``text``: lists of brains. ``relaxed``: any of the words."""
    title_query, text_query = _queries(text, relaxed)
    if not title_query:
        return [], [], []
    # A name as typed before the names that begin so: "lars" is Lars
    # Åkesson before the Larssons.
    exact = query_text(text, prefix=False, relaxed=relaxed)
    named = _found(catalog, PEOPLE, "Title", exact) if exact != title_query else []
    seen = {brain.getRID() for brain in named}
    more = _found(catalog, PEOPLE, "Title", title_query)
    named += [b for b in more if b.getRID() not in seen][: LIMIT - len(named)]
    pages = _found(catalog, PAGES, "Title", title_query)
    knowing = []
    # (not for a last word of one or two letters: the text's query would
    # be the other words alone, "lars" for "Lars W")
    if len(named) < LIMIT and text_query == title_query:
        seen = {brain.getRID() for brain in named}
        more = _found(catalog, PEOPLE, "SearchableText", text_query, 2 * LIMIT)
        # Colleagues who know about it ("Fråga mig om"): a few, after the
        # pages, not a screenful.
        room = min(LIMIT - len(named), KNOWING if pages else LIMIT)
        knowing = [b for b in more if b.getRID() not in seen][:room]
    return named, pages, knowing


def suggest(text):
    """[{"@id", "@type", "title", "type_title"}] (people first, with
    "job_title" and "unit"; then the pages); [] for fewer than two
    characters."""
    text = normalized(text or "").strip()
    if len(text) < MIN_CHARS:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    # What was typed, then (a word typed halfway through its ending:
    # "ledighe", whose stem "ledig" the index holds but no word beginning
    # "ledighe") one and two letters shorter.
    candidates = [text]
    for cut in (1, 2):
        words = re.findall(r"\w+", text[:-cut])
        if not words or len(words[-1]) < 4:
            break
        candidates.append(text[:-cut])
    for candidate in candidates:
        named, pages, knowing = _suggested(catalog, candidate)
        if named or pages:
            break
    else:
        # Not all the words in one title: several words ("lars vikström"
        # misspelled) give the titles with any of them, most first; one
        # compound no title has whole ("semesterledighet", or on its way
        # there) the titles with its first part ("semester").
        for candidate in candidates:
            if len(re.findall(r"\w+", candidate)) > 1:
                named, pages, knowing = _suggested(catalog, candidate, relaxed=True)
            elif narrowing := modifiers(candidate):
                named, pages, knowing = _suggested(catalog, narrowing)
            if named or pages:
                break
    items = []
    for brain in [*named, *pages, *knowing]:
        item = {
            "@id": brain.getURL(),
            "@type": brain.portal_type,
            "title": brain.Title or "",
            "type_title": type_title(brain.portal_type),
        }
        if brain.portal_type in PEOPLE:
            item["job_title"] = brain.job_title or ""
            item["unit"] = brain.unit_title or ""
        items.append(item)
    return items
