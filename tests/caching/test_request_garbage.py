"""What a request keeps for itself while it is served (its annotations:
plone.memoize's view memos and others; the caches Plone's packages and
ours hang on it) is dropped when it ends (memory.drop_request_caches):
otherwise a served request stays referenced (by its thread's security
manager until the thread's next request, then by reference cycles until
Python's next full garbage collection, some 30 pages later) and keeps all
of it: 24 MB of one process's peak at 20,000 news (issue 21)."""

from Acquisition import aq_base
from solna.intranet import memory
from solna.intranet.memory import drop_request_caches
from solna.intranet.memory import REQUEST_CACHE_PREFIX
from solna.intranet.memory import REQUEST_CACHES
from tests.fixtures.http import get
from urllib.parse import urlsplit
from zope.publisher.interfaces import EndRequestEvent
from ZPublisher.HTTPRequest import HTTPRequest

import gc


def served(urls):
    """Serve these pages (HTTP GETs as a member, each answered 200); return
    the requests that served them still in memory, reachable or left to the
    garbage collector (a list)."""
    paths = {urlsplit(url).path for url in urls}
    gc.collect()
    gc.disable()
    try:
        for url in urls:
            answer = get(url)
            assert answer.status_code == 200, url
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        return [
            found
            for found in gc.get_objects() + gc.garbage
            if isinstance(found, HTTPRequest)
            and found.environ.get("PATH_INFO", "").replace("/VirtualHostBase", "")
            in paths
        ]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def kept(request):
    return sorted(
        name
        for name in vars(request)
        if name in REQUEST_CACHES or name.startswith(REQUEST_CACHE_PREFIX)
    )


def wrapped(request):
    """The names of the request's attributes that hold an object wrapped
    for acquisition (which leads back to a request)."""
    return sorted(
        name for name, value in vars(request).items() if aq_base(value) is not value
    )


def test_a_served_page_keeps_none_of_its_caches(site, functional_portal, monkeypatch):
    portal = functional_portal.absolute_url()
    urls = [
        portal,
        site["a"].absolute_url(),
        site["news"].absolute_url(),
        f"{portal}/hitta-kontakt",
        f"{portal}/@@search",
    ]
    requests = served(urls)
    assert requests  # the pages' requests are still in memory
    assert [kept(request) for request in requests] == [[]] * len(requests)
    assert [wrapped(request) for request in requests] == [[]] * len(requests)
    # Dropping nothing, the same pages keep those caches: the names are
    # the ones the pages use.
    monkeypatch.setattr(memory, "REQUEST_CACHES", frozenset())
    monkeypatch.setattr(memory, "REQUEST_CACHE_PREFIX", "\x00")
    requests = served(urls)
    left = {name for request in requests for name in kept(request)}
    assert {"__annotations__", "_solna_tools"} <= left


def test_what_a_request_kept_for_itself_is_dropped():
    class Request:
        pass

    request = Request()
    request.__annotations__ = {"plone.memoize": "…"}
    request._solna_tools = {}
    request._catalog = object()
    request.environ = {"REMOTE_USER": "olle.medarbetare"}
    request.other = {}
    dropped = drop_request_caches(EndRequestEvent(None, request))
    assert sorted(dropped) == ["__annotations__", "_catalog", "_solna_tools"]
    assert vars(request) == {
        "environ": {"REMOTE_USER": "olle.medarbetare"},
        "other": {},
    }
