"""List the English strings a page shows that Plone's Swedish catalogs lack.

    .venv/bin/python scripts/find_untranslated.py [--user USER:PASSWORD] URL...

It reads the catalogs of the domains staff and editors meet (plone, widgets,
z3c.form, collective.easyform, plone.schemaeditor, zope…: the .pot files of
the installed packages, their Swedish and ours; a fuzzy translation counts as
none) and prints, per page, each untranslated message the page shows, as a
ready entry for src/solna/intranet/locales/sv/LC_MESSAGES/<domain>.po. The
same check is the second half of tests/fixtures/english.py (``english_in``),
which the page tests use.
"""

from html import unescape
from pathlib import Path

import re
import requests
import sys


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def missing():
    """English text -> (domain, msgid) of what Swedish lacks."""
    from tests.fixtures.english import untranslated

    return untranslated()


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
            domain, msgid = lacking[english]
            print(f"#: {url} ({domain}.po)")
            print(f'#. Default: "{english}"')
            print(f'msgid "{msgid}"')
            print('msgstr ""\n')


if __name__ == "__main__":
    main(sys.argv[1:])
