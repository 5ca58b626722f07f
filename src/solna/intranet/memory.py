"""The memory of a Zope process: glibc's malloc arenas capped, and what a
request kept for itself dropped when it ends.

glibc gives each new thread a malloc arena of its own, up to eight per
core, and an arena keeps what it once held: every waitress thread that
drew a large page keeps that page's peak. Python's lock (the GIL) lets one
thread run at a time anyway, so the extra arenas buy nothing but resident
memory. Measured on the 20,000-news site under ``make benchmark``'s load:
about 30 MB less per process with two arenas (issue 21). Odoo caps its
threaded server the same way (odoo/odoo pull request 42306); glibc's
manual, "Memory Allocation Tunables" (``glibc.malloc.arena_max``).

A request keeps caches on itself while it is served: its annotations
(``IAnnotations(request)``: plone.memoize's view memos, borg.localrole's
local roles, ours) and attributes (plone.dexterity's FTIs, plone.app.uuid's
catalog, Plone's resources, ours). What they hold is wrapped for the request
(acquisition up to a ``RequestContainer`` that holds the request), so the
request and everything the page made stay in reference cycles after it
ends: only Python's full garbage collection frees them, and that runs once
some 30 requests' worth has piled up (after ``gc.freeze``, each full
collection waits for a quarter as many new long-lived objects as the ZODB
caches already hold). Zope's ``request.close()`` clears the request's
``other`` and form, not these. ``drop_request_caches`` drops them when the
request ends, so its page is freed at once: measured on the 20,000-news site
with ``make benchmark``'s pages, one process's peak fell from 224 to 201 MB
(issue 21), the same as running a full collection every 0.2 s.
"""

import ctypes
import ctypes.util
import logging
import os
import sys


logger = logging.getLogger(__name__)

#: ``M_ARENA_MAX`` of glibc's <malloc.h>.
M_ARENA_MAX = -8
#: Arenas when the environment does not say: one for the main thread, one
#: shared by the request threads.
DEFAULT_ARENAS = 2


#: The request's caches ``drop_request_caches`` drops: its annotations and
#: the attributes Plone's packages keep wrapped objects in.
REQUEST_CACHES = frozenset(
    {
        "__annotations__",  # zope.annotation: IAnnotations(request)
        "__plone_dexterity_fti_cache__",  # plone.dexterity's FTIs
        "__plone_dexterity_assignable_cache__",  # and behaviour assignables
        "_catalog",  # plone.app.uuid: the catalog for uuidToObject
        "_WEBRESOURCE_CACHE_",  # Products.CMFPlone's resource viewlets
    }
)
#: Ours (solna.intranet.tools, patches.py and others).
REQUEST_CACHE_PREFIX = "_solna_"


def drop_request_caches(event):
    """Drop the caches the request of ``event`` (an ``IEndRequestEvent``:
    Zope's ``request.close()``, after the transaction and before the answer
    is sent) kept for itself (the module's docstring): ``REQUEST_CACHES``
    and the attributes whose names start with ``REQUEST_CACHE_PREFIX``.
    Returns the names dropped (a list)."""
    kept = getattr(event.request, "__dict__", None) or {}
    dropped = [
        name
        for name in kept
        if name in REQUEST_CACHES or name.startswith(REQUEST_CACHE_PREFIX)
    ]
    for name in dropped:
        del kept[name]
    return dropped


def cap_malloc_arenas(event=None):
    """Cap this process's malloc arenas (an ``IDatabaseOpenedWithRoot``
    subscriber: before waitress starts its threads).

    The cap is ``MALLOC_ARENA_MAX`` from the environment (zope.conf's
    ``<environment>`` too, which glibc itself never sees), else
    ``DEFAULT_ARENAS``; ``0`` leaves glibc's default. Returns the cap set,
    or None when nothing was set (not Linux with glibc, ``0``, or a value
    that is not a number: logged)."""
    if not sys.platform.startswith("linux"):
        return None
    value = os.environ.get("MALLOC_ARENA_MAX", "").strip()
    try:
        arenas = int(value) if value else DEFAULT_ARENAS
    except ValueError:
        logger.warning("MALLOC_ARENA_MAX=%r is not a number: not capped", value)
        return None
    if arenas <= 0:
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return None
    if mallopt(M_ARENA_MAX, arenas) != 1:
        logger.warning("glibc refused M_ARENA_MAX=%s", arenas)
        return None
    return arenas
