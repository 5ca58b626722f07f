"""A Zope process that serves pages does not hold the libraries only a
job uses (issue 21: peak RSS): loading our package and its views imports
neither the push library nor the feed parser; they are imported when a
push is encrypted or a feed read. (The spreadsheet library, openpyxl, is
easyform's import at its start.)"""

import subprocess
import sys


def test_serving_pages_imports_no_push_or_feed_library():
    code = (
        "import sys\n"
        "import solna.intranet.push.sender, solna.intranet.push.subscriptions\n"
        "import solna.intranet.dialogue.feeds.feeds\n"
        "import solna.intranet.dialogue.feeds.views, solna.intranet.push.views\n"
        "print(sorted(m for m in ('pywebpush', 'feedparser')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
