"""Finish the project's data set for `make benchmark` and describe it.

Run by ``scripts/benchmark.py`` with the project venv's ``zconsole`` after
``scripts/create_site.py`` and ``scripts/generate_demo.py``::

    BENCH_COMMENTS=50 BENCH_COMMENTED=nyheter/nyhet-00002 BENCH_OUT=built.json \\
        .venv/bin/zconsole run SITE/etc/zope.conf scripts/benchmark_project_site.py

Adds ``BENCH_COMMENTS`` comments (made by the comment form's own code, as
members write them; published) to the news item ``BENCH_COMMENTED`` unless
it has them already, then writes ``BENCH_OUT`` (JSON): the number of
published news and people, the comments on that item, the largest
förvaltning (the one with most items below it) and the profile version.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone import api
from plone.app.discussion.browser.comments import CommentForm
from plone.app.discussion.interfaces import IConversation
from solna.intranet.demo.accounts import DEMO_ACCOUNTS
from solna.intranet.site import PROFILE
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import json
import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "50"))
COMMENTED = os.environ.get("BENCH_COMMENTED", "nyheter/nyhet-00002")

app = makerequest(app)  # noqa: F821 - zconsole gives us app
setRequest(app.REQUEST)
newSecurityManager(None, app.acl_users.getUser("admin").__of__(app.acl_users))
site = app[SITE_ID]
setSite(site)
item = site.unrestrictedTraverse(COMMENTED)
conversation = IConversation(item)
authors = [a.userid for a in DEMO_ACCOUNTS]
for n in range(len(conversation), COMMENTS):
    with api.env.adopt_user(username=authors[n % len(authors)]):
        form = CommentForm(item, item.REQUEST)
        data = {
            **dict.fromkeys(form.fields.keys()),
            "text": f"Kommentar {n + 1}: tack för informationen, "
            "vi tar upp det på nästa arbetsplatsträff.\nHälsningar",
        }
        comment = form.create_comment(data)
        conversation.addComment(comment)
with api.env.adopt_roles(["Manager"]):
    for comment in conversation.getComments():
        if api.content.get_state(comment) != "published":
            api.content.transition(comment, transition="publish")
transaction.commit()

catalog = api.portal.get_tool("portal_catalog")
largest, below = None, -1
for brain in catalog.unrestrictedSearchResults(portal_type="solna.Unit"):
    unit = brain._unrestrictedGetObject()
    if getattr(unit, "kind", None) != "forvaltning":
        continue
    count = len(catalog.unrestrictedSearchResults(path=brain.getPath())) - 1
    if count > below:
        largest, below = unit, count
site_path = "/".join(site.getPhysicalPath())
built = {
    "news": len(
        catalog.unrestrictedSearchResults(
            portal_type="News Item", review_state="published"
        )
    ),
    "people": len(catalog.unrestrictedSearchResults(portal_type="solna.Person")),
    "commented": COMMENTED,
    "comments": len(conversation),
    "largest_forvaltning": "/".join(largest.getPhysicalPath())[len(site_path) + 1 :],
    "largest_forvaltning_items": below,
    "profile_version": site.portal_setup.getLastVersionForProfile(PROFILE),
}
with open(os.environ["BENCH_OUT"], "w", encoding="utf-8") as out:
    json.dump(built, out, indent=1)
print(f"Project site: {built}")
app._p_jar.db().close()
