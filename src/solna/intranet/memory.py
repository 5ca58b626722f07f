"""The memory of a Zope process: glibc's malloc arenas capped.

glibc gives each new thread a malloc arena of its own, up to eight per
core, and an arena keeps what it once held: every waitress thread that
drew a large page keeps that page's peak. Python's lock (the GIL) lets one
thread run at a time anyway, so the extra arenas buy nothing but resident
memory. Measured on the 20,000-news site under ``make benchmark``'s load:
about 30 MB less per process with two arenas (issue 21). Odoo caps its
threaded server the same way (odoo/odoo pull request 42306); glibc's
manual, "Memory Allocation Tunables" (``glibc.malloc.arena_max``).
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
