"""Print the size and time of the pages staff open most, on a running site.

    .venv/bin/python scripts/benchmark_pages.py [BASE_URL] [USER:PASSWORD]

Load the large data set first (`make demo-large`), start the instance, then
run this: with 20,000 news the pages must stay small (navigation never lists
news). Figures are medians of 5 requests.
"""

import requests
import statistics
import sys
import time


BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/Plone"
USER = tuple((sys.argv[2] if len(sys.argv) > 2 else "admin:admin").split(":", 1))
PAGES = (
    "",
    "/barn-och-utbildningsforvaltningen/norra-forskoleomradet/solglantan",
    "/nyheter/nyhet-00001",
    "/@@hitta-kontakt?q=anna",
    "/@@organisation",
    "/@@fragor-och-svar",
)

session = requests.Session()
session.auth = USER
print(f"{'page':<72} {'bytes':>9} {'ms':>7}")
for page in PAGES:
    timings, size = [], 0
    for _ in range(5):
        started = time.perf_counter()
        response = session.get(BASE + page, timeout=120)
        timings.append((time.perf_counter() - started) * 1000)
        size = len(response.content)
    print(f"{page or '/':<72} {size:>9} {statistics.median(timings):>7.0f}")
