"""As-you-type suggestions (the search fields' combobox, REST
@sok-forslag): up to 5 people and up to 5 pages, answers, forms and rules
whose names begin with what was typed. Cheap: two catalog queries sorted
by relevance, no facets, nothing counted; the current user's security."""

from plone import api
from solna.intranet.members import normalized
from solna.intranet.search.analysis import query_text
from solna.intranet.search.engine import type_title

import re


PEOPLE = ("solna.Person",)
PAGES = ("solna.Answer", "EasyForm", "solna.Rule", "Document")
#: Fewer characters than this get no suggestions.
MIN_CHARS = 2
LIMIT = 5


def _query(text):
    """The ZCTextIndex query: every word, the last as a prefix (also when
    it has two letters)."""
    query = query_text(text)
    words = re.findall(r"\w+", normalized(text).casefold())
    if query and words and len(words[-1]) == 2 and query.endswith(words[-1]):
        query = f"{query}*"
    return query


def _found(catalog, portal_types, index, query):
    try:
        brains = catalog.searchResults(
            {index: query, "portal_type": list(portal_types), "sort_limit": LIMIT}
        )
        return list(brains[:LIMIT])
    except Exception:  # a query the text index cannot parse: nothing
        return []


def suggest(text):
    """[{"@id", "@type", "title", "type_title", "description"}] (people
    first, with "job_title" and "unit"); [] for fewer than two characters."""
    text = normalized(text or "").strip()
    if len(text) < MIN_CHARS:
        return []
    query = _query(text)
    if not query:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    # Two letters (a name's beginning, "Ma") ask the titles of people only:
    # a two-letter prefix of every word of every text would cost too much.
    short = len(re.findall(r"\w+", text)[-1:][0]) < 3 if text.split() else True
    people = _found(catalog, PEOPLE, "Title" if short else "SearchableText", query)
    pages = [] if short else _found(catalog, PAGES, "Title", query)
    items = []
    for brain in [*people, *pages]:
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
