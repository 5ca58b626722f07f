"""What a request keeps for itself while it is served (its annotations:
plone.memoize's view memos and others; the caches Plone's packages and
ours hang on it) is dropped when it ends (memory.drop_request_caches):
otherwise a served request stays referenced (by its thread's security
manager until the thread's next request, then by reference cycles until
Python's next full garbage collection, some 30 pages later) and keeps all
of it: 24 MB of one process's peak at 20,000 news (issue 21)."""

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


def test_a_served_page_keeps_none_of_its_caches(site, functional_portal):
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
