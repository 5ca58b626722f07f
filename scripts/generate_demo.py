"""Load the demo data set, in any size, into an existing site, for load and
scale tests:

    DEMO_SIZE=large .venv/bin/zconsole run instance/etc/zope.conf \\
        scripts/generate_demo.py

``DEMO_SIZE`` is ``demo`` (what `make start` loads) or ``large`` (5,000
people, 20,000 news, 1,000 rules, 1,000 answers); ``DEMO_PEOPLE``,
``DEMO_NEWS``, ``DEMO_RULES`` and ``DEMO_ANSWERS`` override single counts.
It shows a progress bar and commits every 500 items, printing at each commit
its rate and memory (both should stay flat) and at the end its CPU minutes:
interrupt it at any time and run it again to continue. Stop the instance
first (FileStorage is single-process); `make demo-large` does all of this.
"""

from AccessControl.SecurityManagement import newSecurityManager
from dataclasses import replace
from plone import api
from solna.intranet.demo.generator import plan
from solna.intranet.demo.generator import SIZES
from solna.intranet.demo.loader import create_accounts
from solna.intranet.demo.loader import load_plan
from solna.intranet.demo.loader import resident_mb
from solna.intranet.site import scripted
from zope.component.hooks import setSite

import os
import time
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
sizes = SIZES[os.environ.get("DEMO_SIZE", "demo")]
for name in ("people", "news", "rules", "answers"):
    if value := os.environ.get(f"DEMO_{name.upper()}"):
        sizes = replace(sizes, **{name: int(value)})

# Links in mail use the address staff use (as scripts/create_site.py).
URL = os.environ.get("SITE_URL", f"http://localhost:8080/{SITE_ID}")
app = scripted(app, URL, SITE_ID)  # noqa: F821 - zconsole gives us app
newSecurityManager(None, app.acl_users.getUser("admin").__of__(app.acl_users))
site = app[SITE_ID]
setSite(site)
if "nyheter" not in site.objectIds():
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=site, type="Folder", id="nyheter", title="Nyheter"
        )
        api.content.transition(folder, to_state="published")
create_accounts()
transaction.commit()
print(f"Loading {sizes} into {SITE_ID!r}")
started = time.process_time(), time.monotonic()
created = load_plan(site, plan(sizes), commit_every=500, progress=True)
cpu, wall = time.process_time() - started[0], time.monotonic() - started[1]
print(
    f"Created {created} items in {wall:.0f} s ({cpu / 60:.1f} CPU minutes, "
    f"{created / max(cpu, 0.001):.1f} items per CPU second); "
    f"memory now {resident_mb():.0f} MB"
)
app._p_jar.db().close()
