"""The intranet's search: one function the page (views.py), REST (@sok,
services.py) and the test collection use.

``search(text, filters=None, start=0, size=20)`` runs as the current user:
the catalog's own security (allowedRolesAndUsers, effective/expires) decides
what is found and counted, so a draft or a protected person is neither in
the results nor in a facet's count.

Ranking (in this order):

0. What is titled exactly as typed (the same words' stems: the rule
   "Semester" for "semester" or "semestern").
1. People (solna.Person), answers (solna.Answer, Fråga och svar) and forms
   (EasyForm, Blanketter och e-tjänster) that match well: their score is at
   least half the best score of the whole result; at most 3 people, 3
   answers and 2 forms (PRIORITY_CAP). Among them the higher score first
   (ties: people, answers, forms).
2. Everything else by score × a type weight: rules (solna.Rule) 1.3, news
   (News Item) 1.1, pages (Document) 1.0, others 0.9.

The score is the catalog's relevance (ZCTextIndex's Okapi BM25 score of
SearchableText, brain.data_record_score_) doubled when the query also
matches the title (the Title index), tripled when its words as typed do
(not only as the beginning of a longer word: "lars" ranks Lars Åkesson
above Karl Larsson) or a compound's first part does ("semesterledighet":
the titles with "semester"; analysis.modifiers). Among people, answers
and forms such a title comes first whatever the score.

Facets ("type", "unit" = the förvaltning, "category", "date" = effective:
senaste veckan / månaden / året / äldre) are counted without waking a
brain: the result's record ids (an IISet) are intersected with each index's
set of record ids per value, as eea.facetednavigation does. A facet's
counts apply every other selected facet but not its own (choosing
"Nyhet" still shows how many rules there are).

"Menade du …?": when the text finds fewer than ``FEW`` items, each word that
finds nothing alone is replaced by the nearest word (Levenshtein distance 1
for short words, 2 for longer) of the SearchableText lexicon that finds
something the person may see; the word shown is a real word from the
titles of what it finds. When the text finds nothing and the suggestion
finds something, its results are shown (``corrected``).

When neither the text nor a correction finds anything and more than one
word was typed, what has any of them (``relaxed``: "sjukfrånvaro lön"
finds "Får jag lön när jag är sjukskriven?"), those with most of them
first. A misspelled name is corrected before that ("Lars Vikström" finds
Lars Wikström, not every Lars).
"""

from BTrees.IIBTree import IIBucket
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import union
from BTrees.IIBTree import weightedIntersection
from BTrees.IIBTree import weightedUnion
from DateTime import DateTime
from itertools import islice
from operator import itemgetter
from plone import api
from Products.CMFCore.indexing import processQueue
from Products.CMFPlone.CatalogTool import _getAuthenticatedUser
from solna.intranet import _
from solna.intranet.dates import iso
from solna.intranet.members import normalized
from solna.intranet.organisation.directory import serialize as serialize_person
from solna.intranet.search.analysis import cleaned
from solna.intranet.search.analysis import corrections
from solna.intranet.search.analysis import MAX_QUERY_WORDS
from solna.intranet.search.analysis import modifiers
from solna.intranet.search.analysis import query_text
from solna.intranet.search.analysis import stem as stem_of
from solna.intranet.search.analysis import stems
from solna.intranet.search.analysis import STOP_WORDS
from solna.intranet.search.analysis import tokens
from solna.intranet.vocabularies import rule_categories
from solna.intranet.vocabularies import title_of
from zope.globalrequest import getRequest
from zope.i18n import translate

import heapq
import re


PERSON = "solna.Person"
#: The types shown first when they match well, in this order on ties.
PRIORITY = ("solna.Person", "solna.Answer", "EasyForm")
#: At most this many of each shown first: the rest take their place by
#: score among the others (people who "know about" a word must not fill
#: the first screen, nor ten answers on the same subject).
PRIORITY_CAP = {"solna.Person": 3, "solna.Answer": 3, "EasyForm": 2}
#: The weight of the other types' scores.
TYPE_WEIGHT = {"solna.Rule": 1.3, "News Item": 1.1, "Document": 1.0}
OTHER_WEIGHT = 0.9
TITLE_BOOST = 2
#: "Well" is at least this share of the best score.
WELL = 0.5
#: Fewer results than this ask for "Menade du …?".
FEW = 3
#: What a search reads of what was typed (characters), and how many unknown
#: words it tries to correct: a long paste costs no more than a question.
MAX_TEXT = 200
MAX_TRIES = 3

#: facet name -> catalog index (the date facet is the effective date).
INDEXES = {"type": "portal_type", "unit": "forvaltning", "category": "category"}
FACETS = ("type", "unit", "category", "date")

#: Types' names as staff know them.
TYPE_TITLES = {
    "solna.Person": _("search_type_person", default="Staff member"),
    "solna.Unit": _("search_type_unit", default="Unit"),
    "solna.Answer": _("search_type_answer", default="Question and answer"),
    "solna.Rule": _("search_type_rule", default="Rule"),
    "EasyForm": _("search_type_form", default="Form or e-service"),
    "News Item": _("search_type_news", default="News"),
    "Document": _("search_type_page", default="Page"),
    "File": _("search_type_file", default="File"),
    "Image": _("search_type_image", default="Image"),
    "Event": _("search_type_event", default="Event"),
    "Link": _("search_type_link", default="Link"),
    "Folder": _("search_type_folder", default="Folder"),
}

#: The date facet: value -> (title, days back; None: older than a year).
DATES = {
    "vecka": (_("search_date_week", default="Last week"), 7),
    "manad": (_("search_date_month", default="Last month"), 31),
    "ar": (_("search_date_year", default="Last year"), 365),
    "aldre": (_("search_date_older", default="Older"), None),
}


class Results:
    """What a search found: ``items`` (this page, in display order, as REST
    shows them), ``total``, ``facets``, ``suggestion``, ``corrected``, and
    ``text`` (what the results are for: the suggestion when corrected)."""

    def __init__(self, text="", items=(), total=0, facets=None):
        self.text = text
        self.items = list(items)
        self.total = total
        self.facets = facets or {name: [] for name in FACETS}
        self.suggestion = None
        self.corrected = False
        self.relaxed = False


def _t(message):
    return translate(message, context=getRequest())


def type_title(portal_type):
    """The type's name in Swedish ("Nyhet")."""
    if portal_type in TYPE_TITLES:
        return _t(TYPE_TITLES[portal_type])
    fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
    if fti is None:
        return portal_type
    return translate(fti.Title(), domain="plone", context=getRequest())


def searchable_types():
    """The types a search finds: Plone's user friendly types (without the
    types_not_searched setting's) but never comments."""
    types = api.portal.get_tool("plone_utils").getUserFriendlyTypes()
    return [t for t in types if t != "Discussion Item"]


def clean_filters(filters):
    """{facet: one value} of the known facets, empty values dropped."""
    found = {}
    for name in FACETS:
        value = (filters or {}).get(name)
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if value and isinstance(value, str):
            found[name] = value
    if found.get("date") not in (None, *DATES):
        del found["date"]
    return found


def _index(catalog, name):
    """The catalog's index (acquisition-wrapped: a text index finds its
    lexicon), or None."""
    if name not in catalog._catalog.indexes:
        return None
    return catalog._catalog.getIndex(name)


def _rids(index, value):
    """The record ids an index holds for one value (an IISet)."""
    found = index._index.get(value)
    if found is None:
        return IISet()
    if isinstance(found, int):
        return IISet((found,))
    return found


def _date_rids(catalog, value, memo):
    """The record ids among what the text found (``memo["scored"]``, an
    IIBucket {rid: score}) that were published in the date facet's period
    ``value`` (a key of DATES): the last 7, 31 or 365 days up to now (not
    what is scheduled), or before those 365 days; an IISet. They are sorted
    into every period once per search (``memo``: a dict of the search).

    Each candidate's date is read from the effective index's record -> date
    map (one lookup per candidate, in the few buckets they are in), not
    from its date -> records sets: a period of those is one stored set per
    distinct date, 20,000 sets at 20,000 news, which every ZODB connection
    loaded into its cache on its first search (issue 21: the peak memory of
    a Zope process grew with each connection that searched)."""
    periods = memo.get("dates")
    if periods is None:
        index = catalog._catalog.getIndex("effective")
        now = DateTime()
        year = index._convert(now - DATES["ar"][1])
        bounds = {}  # name: (lowest date, the first date past it)
        for name, (_title, days) in DATES.items():
            if days is None:
                # Older than the year (not counted in both at its first
                # minute), not the floor date of what was never published
                # (1969/1970).
                bounds[name] = (index._convert(DateTime("1970/01/02")), year)
            else:
                # Up to now: what is scheduled was not published "last week".
                bounds[name] = (index._convert(now - days), index._convert(now) + 1)
        found = {name: [] for name in DATES}
        date_of = index._unindex.get
        for rid in memo["scored"]:
            date = date_of(rid)
            if date is None:
                continue
            for name, (low, past) in bounds.items():
                if low <= date < past:
                    found[name].append(rid)
        periods = memo["dates"] = {name: IISet(rids) for name, rids in found.items()}
    return periods[value]


def _filter_rids(catalog, name, value, memo):
    if name == "date":
        return _date_rids(catalog, value, memo)
    index = _index(catalog, INDEXES[name])
    return _rids(index, value) if index is not None else IISet()


def _intersect(sets, base):
    for found in sets:
        base = intersection(base, found)
    return base


class _NoReport:
    """Catalog.search's query-time report, not kept for our searches."""

    def start_split(self, *args, **kwargs):
        pass

    def stop_split(self, *args, **kwargs):
        pass


#: The order the indexes narrow a search: the text first (what it finds is
#: small), then the others within it (effectiveRange only looks at those).
PLAN = ("SearchableText", "portal_type", "allowedRolesAndUsers", "effectiveRange")


def _scored(catalog, text, relaxed=False):
    """An IIBucket {rid: score} of what ``text`` finds for the current user,
    or None. The query CatalogTool.searchResults makes (the user's roles
    and groups, publishing dates unless they may see inactive content),
    run as Catalog.search runs it, but kept as the scored set instead of
    sorted brains: no brain is woken, no list of all results is made.
    ``relaxed``: any word may match (analysis.query_text)."""
    query = query_text(text, relaxed=relaxed)
    if not query:
        return None
    processQueue()
    user = _getAuthenticatedUser(catalog)
    full = {
        "SearchableText": query,
        "portal_type": searchable_types(),
        "allowedRolesAndUsers": catalog._listAllowedRolesAndUsers(user),
    }
    if not catalog.allow_inactive({}):
        full["effectiveRange"] = DateTime()
    inner = catalog._catalog
    full = inner.make_query(full)
    found = None
    try:
        for index_id in PLAN:
            if index_id in full and index_id in inner.indexes:
                found = inner._search_index(_NoReport(), index_id, full, found)
                if not found:
                    return None
    except Exception:  # a query ZCTextIndex cannot parse finds nothing
        return None
    return found if hasattr(found, "items") else None


def _title_hits(catalog, text, relaxed=False, prefix=True):
    index = _index(catalog, "Title")
    query = query_text(text, relaxed=relaxed, prefix=prefix)
    if index is None or not query:
        return IISet()
    try:
        found = index._apply_index({"Title": query})
    except Exception:
        return IISet()
    return found[0] if found and found[0] is not None else IISet()


def _date_facet(catalog, rids, selected, memo):
    entries = []
    for value, (title, _days) in DATES.items():
        count = len(intersection(rids, _date_rids(catalog, value, memo)))
        if count or value == selected:
            entries.append(
                {
                    "value": value,
                    "title": _t(title),
                    "count": count,
                    "selected": value == selected,
                }
            )
    return entries


def _titled(catalog, name, entries):
    """The facet's entries with their titles, in the order shown."""
    if name == "type":
        for entry in entries:
            entry["title"] = type_title(entry["value"])
        entries.sort(key=lambda e: (-e["count"], e["title"]))
        return entries
    if name == "unit":
        brains = catalog.unrestrictedSearchResults(UID=[e["value"] for e in entries])
        titles = {b.UID: b.Title for b in brains}
        for entry in entries:
            entry["title"] = titles.get(entry["value"], entry["value"])
    else:
        for entry in entries:
            entry["title"] = title_of(rule_categories, entry["value"]) or entry["value"]
    entries.sort(key=lambda e: e["title"])
    return entries


def _facet(catalog, name, rids, selected, memo):
    """[{"value", "title", "count", "selected"}] of one facet over ``rids``."""
    if name == "date":
        return _date_facet(catalog, rids, selected, memo)
    index = _index(catalog, INDEXES[name])
    if index is None:
        return []
    entries = []
    for value in index._index:
        if not value:
            continue
        count = len(intersection(rids, _rids(index, value)))
        if count or value == selected:
            entries.append(
                {"value": value, "count": count, "selected": value == selected}
            )
    if not entries:
        return entries
    return _titled(catalog, name, entries)


def _rank(catalog, scored, titles, limit, words_in_title=None):
    """The first ``limit`` record ids of ``scored`` (an IIBucket {rid:
    score}) in display order (the module's docstring). ``titles``: what the
    text finds in titles, its last word also as a prefix; ``words_in_title``:
    what its words as typed find there, boosted once more ("lars": Lars
    Åkesson before the Larssons). Set operations in C: no Python loop over
    all results."""
    types = _index(catalog, "portal_type")
    boosted = scored
    for hits in (titles, words_in_title):
        if hits:
            _w, in_title = weightedIntersection(scored, hits, TITLE_BOOST - 1, 0)
            _w, boosted = weightedUnion(boosted, in_title)
    best = max(boosted.values(), default=0)
    as_typed = words_in_title if words_in_title is not None else IISet()
    first = []
    for position, portal_type in enumerate(PRIORITY):
        matching = weightedIntersection(boosted, _rids(types, portal_type), 1, 0)[1]
        # A title with the words as typed first, whatever the score: a
        # person named Lars before the Larssons, whose e-mail and title
        # repeat the longer word.
        well = [
            (rid not in as_typed, -score, position, rid)
            for rid, score in matching.items()
            if score >= best * WELL
        ]
        first.extend(heapq.nsmallest(PRIORITY_CAP[portal_type], well))
    first = [rid for *_key, rid in sorted(first)]
    if len(first) >= limit:
        return first[:limit]
    weighted = IIBucket()
    for portal_type in types._index:
        weight = int(10 * TYPE_WEIGHT.get(portal_type, OTHER_WEIGHT))
        part = weightedIntersection(boosted, _rids(types, portal_type), weight, 0)[1]
        if part:
            weighted = weightedUnion(weighted, part)[1]
    shown = set(first)
    top = heapq.nlargest(limit, weighted.items(), key=itemgetter(1))
    rest = (rid for rid, _score in top if rid not in shown)
    return first + list(islice(rest, limit - len(first)))


#: The title matches the text when their words' stems are the same.
EXACT_LIMIT = 500


def _exact_first(catalog, text, in_title, order, narrowing=""):
    """``order`` with the items whose title is exactly what was typed (the
    same words' stems: "Semester" for "semester", "semestern") first,
    wherever the score put them; at most EXACT_LIMIT title hits are read.

    Only titles about as short as the text are read: the Title index keeps
    each title's number of tokens (OkapiIndex ``_docweight``: stems, parts,
    synonyms, forms without diacritics), and a title with the same stems
    has about as many as the text (analysis.tokens; twice and four more
    leave room for other inflections' parts), so "Semester" is read for
    "semester" but none of the hundreds of news whose long titles merely
    contain it."""
    wanted = stems(text)
    if not wanted or not in_title:
        return order
    # A compound typed alone: a title that is its first part too (the rule
    # "Semester" for "semesterledighet").
    also = stems(narrowing) if narrowing and len(wanted) == 1 else None
    inner = catalog._catalog
    title_index = _index(catalog, "Title")
    weights = getattr(getattr(title_index, "index", None), "_docweight", None)
    if weights is not None:
        most = 2 * len(tokens(text)) + 4
        in_title = [rid for rid in in_title if weights.get(rid, 0) <= most]
    if len(in_title) > EXACT_LIMIT:
        return order
    position = inner.schema.get("Title")
    exact = []
    for rid in in_title:
        record = inner.data.get(rid)
        title = record[position] if record is not None and position is not None else ""
        if stems(title or "") in (wanted, also):
            exact.append(rid)
    if not exact:
        return order
    exact_set = set(exact)
    head = [rid for rid in order if rid in exact_set]
    head += [rid for rid in exact if rid not in set(head)]
    return head + [rid for rid in order if rid not in exact_set]


def serialize(brain):
    """A result as REST and the page show it."""
    item = {
        "@id": brain.getURL(),
        "@type": brain.portal_type,
        "title": brain.Title or "",
        "description": brain.Description or "",
        "type_title": type_title(brain.portal_type),
        "effective": None,
    }
    effective = brain.effective
    if (
        brain.portal_type != PERSON
        and isinstance(effective, DateTime)
        and effective.year() > 1970
    ):
        item["effective"] = iso(effective)
    if brain.portal_type == PERSON:
        person = serialize_person(brain)
        for key in ("job_title", "unit", "phone", "mobile", "email"):
            item[key] = person[key]
    return item


def _find(catalog, text, filters, start, size, relaxed=False):
    scored = _scored(catalog, text, relaxed)
    results = Results(text)
    results.relaxed = relaxed
    if not scored:
        return results
    memo = {"scored": scored}
    chosen = {
        name: _filter_rids(catalog, name, value, memo)
        for name, value in filters.items()
    }
    for name in FACETS:
        others = [rids for other, rids in chosen.items() if other != name]
        results.facets[name] = _facet(
            catalog, name, _intersect(others, scored), filters.get(name), memo
        )
    final = scored
    for rids in chosen.values():
        final = weightedIntersection(final, rids, 1, 0)[1]
    results.total = len(final)
    if not final:
        return results
    titles = _title_hits(catalog, text, relaxed)
    exact = _title_hits(catalog, text, relaxed, prefix=False)
    narrowing = modifiers(text)
    if narrowing:
        # "semesterledighet": the titles with "semester" are about it.
        exact = union(exact, _title_hits(catalog, narrowing, True, prefix=False))
    order = _rank(catalog, final, titles, start + size, exact)
    in_title = intersection(final, union(titles, exact))
    order = _exact_first(catalog, text, in_title, order, narrowing)
    results.items = [
        serialize(catalog._catalog[rid]) for rid in order[start : start + size]
    ]
    return results


# --- Menade du …? --------------------------------------------------------

_vocabulary = {}


def _lexicon(catalog):
    index = _index(catalog, "SearchableText")
    if index is None or not hasattr(index, "getLexicon"):
        return None, None
    return index, index.getLexicon()


def _lexicon_words(lexicon):
    """The lexicon's words worth suggesting (cached while it grows not)."""
    key = (getattr(lexicon, "_p_oid", None) or id(lexicon), lexicon.length())
    if key not in _vocabulary:
        _vocabulary.clear()
        _vocabulary[key] = [
            w
            for w in lexicon.words()
            if len(w) > 2 and w.isalpha() and not w.endswith("*")
        ]
    return _vocabulary[key]


def _analysed(lexicon, text):
    """What the lexicon stores for ``text`` (its own pipeline: the Swedish
    one's tokens, or the stock one's words), without adding words to it."""
    words = [text]
    for element in lexicon._pipeline:
        words = element.process(words)
    return list(words)


def _visible(catalog, query, limit=1, portal_types=None):
    """Brains (at most ``limit``) of what the ZCTextIndex ``query`` finds
    that the current user may see (of ``portal_types``, by default those a
    search finds): nothing of what she may not see decides or shows a
    suggestion."""
    if not query:
        return []
    try:
        return catalog.searchResults(
            SearchableText=query,
            portal_type=list(portal_types or searchable_types()),
            sort_limit=limit,
        )[:limit]
    except Exception:
        return []


def _secure_finds(catalog, word, portal_types=None):
    """Does ``word`` itself (not its compound parts) find something the
    current user may see?"""
    query = query_text(word, prefix=False, split=False)
    return bool(_visible(catalog, query, portal_types=portal_types))


def _real_word(catalog, lexicon, stem, prefer=None, portal_types=None):
    """A real word for the lexicon's ``stem``: a word of the titles (or
    descriptions) of items that hold it, whose analysis holds ``stem`` and
    that finds something the current user may see (``prefer`` when it is
    one of them); None if there is none."""
    if lexicon._wids.get(stem) is None:
        return None
    words = {}
    for brain in _visible(catalog, stem, limit=30, portal_types=portal_types):
        for field in ("Title", "Description"):
            for word in re.findall(r"\w+", getattr(brain, field, "") or ""):
                word = word if word.isupper() else word.lower()
                if word not in words:
                    found = _analysed(lexicon, word)
                    if stem in found:
                        # what was asked for, its own stem, then the shortest
                        words[word] = (word != prefer, found[0] != stem, len(word))
    ranked = sorted(words, key=words.get)
    for word in ranked[:5]:
        if _secure_finds(catalog, word, portal_types):
            return word
    return None


def _corrected(catalog, index, lexicon, word, portal_types=None):
    """The best spelling one edit from ``word`` (analysis.corrections) whose
    stem the index holds, as a word of the titles of what it finds
    (``_real_word``: "vardbitrade" is "vårdbiträde", never the non-word
    "vardbitrada"), or None."""

    def known(stem):
        wid = lexicon._wids.get(stem)
        docs = index.index._wordinfo.get(wid) if wid is not None else None
        return len(docs) if docs else 0

    for _score, spelling in corrections(word.casefold(), known)[:3]:
        real = _real_word(catalog, lexicon, stem_of(spelling), spelling, portal_types)
        if real:
            return real
    return None


def did_you_mean(text, portal_types=None):
    """The text with each word that finds nothing replaced by the nearest
    word of the index's vocabulary that finds something; None when no word
    could be corrected. ``portal_types``: what is searched, by default what
    a search finds (Hitta kontakt: people and units, whose names it
    corrects)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    catalog = api.portal.get_tool("portal_catalog")
    index, lexicon = _lexicon(catalog)
    if lexicon is None:
        return None
    words = re.findall(r"\w+", normalized(text or ""))[:MAX_QUERY_WORDS]
    changed = False
    out = []
    tries = 0
    for position, word in enumerate(words):
        last = position == len(words) - 1
        if (
            not 3 <= len(word) <= 30
            or word.isdigit()
            or word.casefold() in ("and", "or", "not")
            or word.casefold() in STOP_WORDS  # "för" is no misspelled "gör"
            or tries >= MAX_TRIES
        ):
            out.append(word)
            continue
        if _visible(catalog, query_text(word, prefix=last), 1, portal_types):
            out.append(word)
            continue
        tries += 1
        replacement = _corrected(catalog, index, lexicon, word, portal_types)
        if replacement:
            out.append(replacement)
            changed = True
            continue
        stems = _analysed(lexicon, word) or [word.casefold()]
        stem = stems[0]
        limit = 1 if len(stem) <= 4 else 2
        candidates = process.extract(
            stem,
            _lexicon_words(lexicon),
            scorer=Levenshtein.distance,
            score_cutoff=limit,
            limit=5,
        )
        replacement = None
        for candidate, _distance, _i in sorted(candidates, key=lambda c: c[1]):
            replacement = _real_word(
                catalog, lexicon, candidate, portal_types=portal_types
            )
            if replacement:
                break
        if replacement:
            out.append(replacement)
            changed = True
        else:
            out.append(word)
    if not changed:
        return None
    # A name typed with a capital keeps it: "Lars Vikström" → "Lars Wikström".
    return " ".join(
        new[:1].upper() + new[1:] if old[:1].isupper() and new != old else new
        for old, new in zip(words, out, strict=True)
    )


def search(text, filters=None, start=0, size=20, correct=True):
    """Search as the current user: see the module's docstring. ``filters``:
    {"type": portal_type, "unit": a förvaltning's UID, "category": a rule
    category, "date": "vecka" | "manad" | "ar" | "aldre"}. ``correct``:
    False for the text exactly as typed (no results of a suggestion; "Sök
    i stället efter …")."""
    text = normalized(cleaned(text)).strip()[:MAX_TEXT]
    filters = clean_filters(filters)
    start = max(int(start or 0), 0)
    size = min(max(int(size or 20), 1), 100)
    catalog = api.portal.get_tool("portal_catalog")
    results = _find(catalog, text, filters, start, size)
    if not text or results.total >= FEW:
        return results
    suggestion = did_you_mean(text)
    if suggestion and suggestion.casefold() == text.casefold():
        suggestion = None
    better = _find(catalog, suggestion, filters, start, size) if suggestion else None
    if better is None or not better.total:
        suggestion = None  # a suggestion that finds nothing is no help
    elif not results.total and correct:
        # A misspelling first ("Lars Vikström" is Lars Wikström), before
        # what has only some of the words.
        better.corrected = True
        better.suggestion = suggestion
        return better
    if not results.total and len(stems(text)) > 1:
        # Not all the words together: what has most of them (one word is
        # never relaxed into any of its compound parts).
        relaxed = _find(catalog, text, filters, start, size, relaxed=True)
        if relaxed.total > results.total:
            results = relaxed
    results.suggestion = suggestion
    return results
