"""Recall@10 of Sök over the Swedish test collection (collection.py).

On the demo content (profile solna.intranet:demo), as Anna Lindqvist
(förskollärare at Solgläntan), each query goes through the search staff use
(``search.engine.search(text, size=10)``); a query's expected documents
count as found when they are among its first ten results. Over the whole
collection at least 0.9 of them must be found, and in every class of the
collection more than Plone's stock text index finds: a ZCTextIndex with
Plone's own lexicon pipeline (``plone_lexicon``: "Unicode Whitespace
splitter", "Unicode Ignoring Accents Case Normalizer"; Okapi BM25) over the
same documents' SearchableText, queried as Plone's stock search page does
(``plone.base.utils.munge_search_term``: every word AND-ed with a trailing
``*``) and sorted by relevance.

``pytest -s tests/search/test_recall.py`` prints the recall of both per
class and every query that misses a document.
"""

from collections import defaultdict
from plone import api
from plone.base.utils import munge_search_term
from plone.indexer.interfaces import IIndexableObject
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.PipelineFactory import element_factory
from Products.ZCTextIndex.ZCTextIndex import PLexicon
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex
from solna.intranet.search import engine
from tests.search.collection import CLASSES
from tests.search.collection import QUERIES
from tests.search.demo_site import load_demo
from types import SimpleNamespace
from zope.component import getMultiAdapter

import pytest
import time


#: Who searches: a preschool teacher (Medarbetare), demo account.
USER = "anna.lindqvist"
TOP = 10
#: The recall the whole collection must reach.
REQUIRED = 0.9


def visible_documents(portal):
    """{path from the site root: brain} of everything the current user can
    find (what both searches search in)."""
    catalog = api.portal.get_tool("portal_catalog")
    root = "/".join(portal.getPhysicalPath())
    brains = catalog(portal_type=engine.searchable_types())
    return {brain.getPath()[len(root) :]: brain for brain in brains}


def resolve(documents):
    """{name in the collection: path} for every expected document: a path
    ("/…") or a title that only one visible document has."""
    by_title = defaultdict(list)
    for path, brain in documents.items():
        by_title[brain.Title].append(path)
    found, problems = {}, []
    for name in {name for query in QUERIES for name in query.expected}:
        if name.startswith("/"):
            paths = [name] if name in documents else []
        else:
            paths = by_title.get(name, [])
        if len(paths) == 1:
            found[name] = paths[0]
        else:
            problems.append(f"{name!r}: {len(paths)} documents")
    return found, sorted(problems)


class StockIndex:
    """Plone's stock SearchableText index over the given documents."""

    def __init__(self, documents):
        lexicon = PLexicon(
            "plone_lexicon",
            "",
            element_factory.instantiate("Word Splitter", "Unicode Whitespace splitter"),
            element_factory.instantiate(
                "Case Normalizer", "Unicode Ignoring Accents Case Normalizer"
            ),
        )
        self.index = ZCTextIndex(
            "SearchableText",
            caller=SimpleNamespace(plone_lexicon=lexicon),
            index_factory=OkapiIndex,
            field_name="SearchableText",
            lexicon_id="plone_lexicon",
        )
        catalog = api.portal.get_tool("portal_catalog")
        self.paths = {}
        for docid, (path, brain) in enumerate(sorted(documents.items()), 1):
            obj = brain._unrestrictedGetObject()
            wrapper = getMultiAdapter((obj, catalog), IIndexableObject)
            self.index.index_object(docid, wrapper)
            self.paths[docid] = path

    def search(self, text):
        """The paths of the first ten results, best first."""
        query = munge_search_term(text)
        if not query:
            return []
        try:
            best, _total = self.index.query(query, nbest=TOP)
        except ParseError:
            return []
        return [self.paths[docid] for docid, _score in best]


def swedish_search(portal, text):
    """The paths of the first ten results of Sök."""
    root = portal.absolute_url()
    return [item["@id"][len(root) :] for item in engine.search(text, size=TOP).items]


def recall(results, paths, kind=None):
    """Found / expected over the queries (of one class)."""
    expected = found = 0
    for query in QUERIES:
        if kind is not None and query.kind != kind:
            continue
        wanted = [paths[name] for name in query.expected if name in paths]
        expected += len(wanted)
        found += sum(1 for path in wanted if path in results[query.text])
    return found / expected if expected else 0.0


def misses(results, paths):
    """[(class, query, [expected titles not in the first ten])]."""
    missing = []
    for query in QUERIES:
        lost = [
            name
            for name in query.expected
            if name in paths and paths[name] not in results[query.text]
        ]
        if lost:
            missing.append((query.kind, query.text, lost))
    return missing


def report(swedish, stock, paths, documents):
    lines = ["", f"Recall@{TOP} as {USER} ({len(QUERIES)} queries)"]
    lines.append(f"{'class':16} {'queries':>7} {'Swedish':>8} {'stock':>8}")
    for kind in CLASSES:
        count = sum(1 for q in QUERIES if q.kind == kind)
        lines.append(
            f"{kind:16} {count:7d} {recall(swedish, paths, kind):8.3f} "
            f"{recall(stock, paths, kind):8.3f}"
        )
    lines.append(
        f"{'all':16} {len(QUERIES):7d} {recall(swedish, paths):8.3f} "
        f"{recall(stock, paths):8.3f}"
    )
    lines.append("Missed by the Swedish search:")
    for kind, text, lost in misses(swedish, paths):
        first = [documents[path].Title for path in swedish[text][:3]]
        lines.append(f"  {kind:15} {text!r}: {', '.join(lost)}")
        lines.append(f"  {'':15} (first found: {' | '.join(first) or 'nothing'})")
    print("\n".join(lines))


class TestRecall:
    """One demo site for the class; every query runs once in each search."""

    @pytest.fixture(scope="class")
    def measured(self, portal_class):
        started = time.perf_counter()
        load_demo(portal_class)
        loaded = time.perf_counter()
        with api.env.adopt_user(username=USER):
            documents = visible_documents(portal_class)
            paths, problems = resolve(documents)
            stock_index = StockIndex(documents)
            swedish, stock = {}, {}
            for query in QUERIES:
                swedish[query.text] = swedish_search(portal_class, query.text)
                stock[query.text] = stock_index.search(query.text)
        print(
            f"\nDemo loaded in {loaded - started:.1f} s, "
            f"{2 * len(QUERIES)} searches in {time.perf_counter() - loaded:.1f} s"
        )
        report(swedish, stock, paths, documents)
        return SimpleNamespace(
            swedish=swedish, stock=stock, paths=paths, problems=problems
        )

    def test_the_collection_names_documents_staff_can_find(self, measured):
        assert len(QUERIES) >= 150
        assert len({q.text for q in QUERIES}) == len(QUERIES)
        assert {q.kind for q in QUERIES} == set(CLASSES)
        assert measured.problems == []

    def test_recall_at_10_over_the_collection(self, measured):
        found = recall(measured.swedish, measured.paths)
        assert found >= REQUIRED, misses(measured.swedish, measured.paths)

    @pytest.mark.parametrize("kind", CLASSES)
    def test_each_class_finds_more_than_the_stock_index(self, measured, kind):
        swedish = recall(measured.swedish, measured.paths, kind)
        stock = recall(measured.stock, measured.paths, kind)
        assert swedish > stock, (kind, swedish, stock)
