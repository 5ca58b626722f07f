"""A Zope process that serves pages does not hold the libraries only a
job uses (issue 21: peak RSS): loading our package and its views imports
neither the push library, the feed parser nor the demo loader's progress
bar; they are imported when a push is encrypted, a feed read or the demo
loaded. (The spreadsheet library, openpyxl, is
easyform's import at its start.) Its request threads share glibc's malloc
arenas (memory.py)."""

import pytest
import re
import subprocess
import sys


#: Eight threads each allocate and keep large blocks (malloc, not Python's
#: small-object allocator), then glibc reports its arenas (malloc_info's
#: <heap nr=...>); ``cap`` first when asked.
ARENAS = """
import ctypes, os, sys, tempfile, threading
if sys.argv[1] == "cap":
    from solna.intranet.memory import cap_malloc_arenas
    print("cap", cap_malloc_arenas())
kept, ready = [], threading.Barrier(8)
def work():
    ready.wait()
    kept.extend(bytearray(60_000) for _ in range(50))
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
libc = ctypes.CDLL("libc.so.6")
libc.fopen.restype = ctypes.c_void_p
path = tempfile.mktemp()
f = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, ctypes.c_void_p(f))
libc.fclose(ctypes.c_void_p(f))
print(open(path).read())
os.unlink(path)
"""


def arenas(*args, env=None):
    """(cap printed, number of malloc arenas) of a Python process running
    ``ARENAS`` with ``args``."""
    done = subprocess.run(
        [sys.executable, "-c", ARENAS, *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    cap = re.search(r"^cap (\S+)", done.stdout, re.M)
    return cap and cap.group(1), len(re.findall(r"<heap nr=", done.stdout))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_request_threads_share_two_malloc_arenas():
    """Without the cap eight threads take arenas of their own; with it
    (what the Zope process does when its database opens) they share two,
    or as many as MALLOC_ARENA_MAX says; 0 leaves glibc's default."""
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MALLOC_ARENA_MAX", "GLIBC_TUNABLES")
    }
    assert arenas("plain", env=env)[1] > 2
    assert arenas("cap", env=env) == ("2", 2)
    assert arenas("cap", env={**env, "MALLOC_ARENA_MAX": "0"})[0] == "None"
    assert arenas("cap", env={**env, "MALLOC_ARENA_MAX": "zwei"})[0] == "None"


def test_serving_pages_imports_no_push_feed_or_progress_library():
    code = (
        "import sys\n"
        "import solna.intranet.push.sender, solna.intranet.push.subscriptions\n"
        "import solna.intranet.dialogue.feeds.feeds\n"
        "import solna.intranet.dialogue.feeds.views, solna.intranet.push.views\n"
        "import solna.intranet.demo.setuphandlers\n"
        "print(sorted(m for m in ('pywebpush', 'feedparser', 'tqdm')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
