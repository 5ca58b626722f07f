"""Build the stock Plone 6.2.2 Classic reference site of `make benchmark`.

Run by ``scripts/benchmark.py`` with the **stock** venv's ``zconsole``
(``var/benchmark/stock/venv``, which does not have solna.intranet installed)::

    BENCH_NEWS_JSON=news.json BENCH_USER=anna.lindqvist BENCH_PASSWORD=... \\
        var/benchmark/stock/venv/bin/zconsole run SITE/etc/zope.conf \\
        scripts/benchmark_stock_site.py

Creates (or completes) the site ``Plone`` with plone.distribution's
``classic`` distribution (Swedish, Stockholm time, no example content), keeps
news out of the navigation (``plone.displayed_types`` without News Item, as
PITFALLS.md advises for any site with many news), adds one member account and
the published news items listed in ``BENCH_NEWS_JSON`` (the same ids, titles,
texts and dates as the project's data set) to the folder ``nyheter``.
Commits every 500 items; a second run continues where the first stopped.
Imports nothing from solna.intranet (it is not installed in this venv).
"""

from AccessControl.SecurityManagement import newSecurityManager
from DateTime import DateTime
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.distribution.api import site as site_api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import json
import os
import time
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
USER = os.environ["BENCH_USER"]
PASSWORD = os.environ["BENCH_PASSWORD"]
NEWS = json.loads(open(os.environ["BENCH_NEWS_JSON"], encoding="utf-8").read())  # noqa: SIM115

app = makerequest(app)  # noqa: F821 - zconsole gives us app
setRequest(app.REQUEST)
newSecurityManager(None, app.acl_users.getUser("admin").__of__(app.acl_users))
if SITE_ID not in app.objectIds():
    site_api.create(
        app,
        "classic",
        {
            "site_id": SITE_ID,
            "title": "Plone",
            "description": "",
            "default_language": "sv",
            "portal_timezone": "Europe/Stockholm",
            "setup_content": False,
        },
    )
    transaction.commit()
site = app[SITE_ID]
setSite(site)
displayed = api.portal.get_registry_record("plone.displayed_types")
api.portal.set_registry_record(
    "plone.displayed_types", tuple(t for t in displayed if t != "News Item")
)
if api.user.get(userid=USER) is None:
    api.user.create(
        username=USER,
        email=f"{USER}@example.org",
        password=PASSWORD,
        properties={"fullname": USER.replace(".", " ").title()},
    )
with api.env.adopt_roles(["Manager"]):
    if "nyheter" not in site.objectIds():
        folder = api.content.create(
            container=site, type="Folder", id="nyheter", title="Nyheter"
        )
        api.content.transition(folder, to_state="published")
    folder = site["nyheter"]
    transaction.commit()
    started, created = time.monotonic(), 0
    existing = set(folder.objectIds())
    for n, news in enumerate(NEWS, 1):
        if news["id"] in existing:
            continue
        item = api.content.create(
            container=folder,
            type="News Item",
            id=news["id"],
            title=news["title"],
            description=news["description"],
            safe_id=False,
        )
        item.text = RichTextValue(news["text"], "text/html", "text/x-html-safe")
        item.setEffectiveDate(DateTime(news["effective"]))
        api.content.transition(item, to_state="published")
        item.reindexObject()
        created += 1
        if created % 500 == 0:
            transaction.commit()
            site._p_jar.cacheGC()
            print(f"  stock: {n}/{len(NEWS)} news", flush=True)
    transaction.commit()
count = len(
    api.content.find(context=site, portal_type="News Item", review_state="published")
)
print(
    f"Stock site: {count} published news ({created} created in "
    f"{time.monotonic() - started:.0f} s)"
)
app._p_jar.db().close()
