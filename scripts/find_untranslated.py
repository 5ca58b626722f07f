"""List the English strings a page shows that Plone's Swedish catalogs lack.

    .venv/bin/python scripts/find_untranslated.py [--user USER:PASSWORD] URL...

It reads the Swedish catalogs of the plone domain (plone.app.locales and ours)
and prints, per page, each untranslated message the page shows, as a ready
entry for src/solna/intranet/locales/sv/LC_MESSAGES/plone.po.
"""

from html import unescape
from pathlib import Path

import plone.app.locales
import re
import requests
import sys


LOCALES = Path(plone.app.locales.__file__).parent / "locales"
OURS = Path(__file__).resolve().parents[1] / "src/solna/intranet/locales"
ENTRY = re.compile(
    r'((?:#\. Default: "(?P<default>(?:[^"\\]|\\.)*)"\n)?(?:#.*\n)*)'
    r'msgid "(?P<msgid>(?:[^"\\]|\\.)*)"\nmsgstr "(?P<msgstr>(?:[^"\\]|\\.)*)"'
)


def entries(po):
    for match in ENTRY.finditer(po.read_text(encoding="utf-8")):
        yield match["msgid"], match["default"] or match["msgid"], match["msgstr"]


def missing():
    """English text -> msgid of what Swedish lacks in the plone domain."""
    translated = {
        msgid
        for po in (OURS / "sv/LC_MESSAGES").glob("plone.po")
        for msgid, _, msgstr in entries(po)
        if msgstr
    }
    result = {}
    for msgid, english, msgstr in entries(LOCALES / "sv/LC_MESSAGES/plone.po"):
        if not msgstr and msgid and msgid not in translated and len(english) > 2:
            result[unescape(english)] = msgid
    return result


def visible_texts(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    texts = re.findall(r'(?:placeholder|title|aria-label|alt|value)="([^"]+)"', html)
    texts += re.sub(r"<[^>]+>", "\n", html).splitlines()
    return {unescape(t).strip() for t in texts if t.strip()}


def main(argv):
    auth = None
    if argv[:1] == ["--user"]:
        auth = tuple(argv[1].split(":", 1))
        argv = argv[2:]
    lacking = missing()
    for url in argv:
        shown = visible_texts(requests.get(url, auth=auth, timeout=60).text)
        for english in sorted(shown & lacking.keys()):
            print(f"#: {url}")
            print(f'#. Default: "{english}"')
            print(f'msgid "{lacking[english]}"')
            print('msgstr ""\n')


if __name__ == "__main__":
    main(sys.argv[1:])
