"""The app's static files and their version.

``version()`` names the release of the static files the phones keep: a
hash of every file in ``static/app/`` and ``static/push/`` and of the
package's version, computed once per process. Our scripts, icons and
styles are linked with ``?v=<version>``; the service worker carries it too,
so a new release is a new worker (the browser compares the script byte for
byte, Service Workers spec, "Update"), which deletes the old static caches
when it activates and the phone fetches the new files on its next visit.
"""

from importlib.metadata import version as distribution_version
from pathlib import Path

import functools
import hashlib


STATIC = Path(__file__).parents[1] / "static"
#: The folders of static files the phones keep (app/'s and push/'s).
FOLDERS = ("app", "push")
#: The public address of the static files, after the site's URL.
PREFIX = "++plone++solna.intranet"
#: push/'s service worker part, imported by ours (the contract in README).
PUSH_WORKER = "push/push-sw.js"


@functools.cache
def version():
    """12 hex digits naming this release of the static files (str)."""
    digest = hashlib.sha256(distribution_version("solna.intranet").encode())
    for folder in FOLDERS:
        for path in sorted((STATIC / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(STATIC)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def url(portal_url, path):
    """The versioned public URL of ``path`` (under static/, e.g.
    "app/app.js")."""
    return f"{portal_url}/{PREFIX}/{path}?v={version()}"


def has_push_worker():
    """Has push/ written its part of the service worker?"""
    return (STATIC / PUSH_WORKER).is_file()


def read(path):
    """A static file's text (UTF-8)."""
    return (STATIC / path).read_text(encoding="utf-8")
