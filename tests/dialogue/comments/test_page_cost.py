"""A news item's page does not do more per comment than it must (issue 21):
the permission checks, user lookups and translations of the comments
viewlet are made once per kind of comment and per author, not once per
comment, so a thread of 30 comments asks Zope no more than one of 3 by the
same people. Counted on the live page as a member gets it; no timing."""

from AccessControl.ImplPython import ZopeSecurityPolicy
from lxml import html
from Products.PluggableAuthService.PluggableAuthService import PluggableAuthService
from tests.dialogue.comments.test_writes import add_comments
from tests.fixtures.http import browser
from tests.fixtures.news import set_profile

import contextlib
import transaction


@contextlib.contextmanager
def counted():
    """Zope's permission checks and PAS user lookups made meanwhile, in any
    thread (the site is served in this process): {"checks": n, "users": n}."""
    found = {"checks": 0, "users": 0}
    check, user = ZopeSecurityPolicy.checkPermission, PluggableAuthService.getUserById

    def checkPermission(self, *args, **kwargs):
        found["checks"] += 1
        return check(self, *args, **kwargs)

    def getUserById(self, *args, **kwargs):
        found["users"] += 1
        return user(self, *args, **kwargs)

    ZopeSecurityPolicy.checkPermission = checkPermission
    PluggableAuthService.getUserById = getUserById
    try:
        yield found
    finally:
        ZopeSecurityPolicy.checkPermission = check
        PluggableAuthService.getUserById = user


def view(login, item):
    """The item's page as ``login`` sees it, the work it took, and the
    comments shown: (counts, [(author, unit, text)])."""
    session = browser(login)
    session.get(item.absolute_url())  # caches warm, as for every later view
    with counted() as counts:
        page = html.fromstring(session.get(item.absolute_url()).text)
    shown = [
        (
            c.xpath('string(.//*[@class="comment-author"]/a)').strip(),
            c.xpath('string(.//*[contains(@class, "comment-unit")])')
            .strip("· ")
            .strip(),
            c.xpath('string(.//*[@class="comment-text"])').strip(),
        )
        for c in page.xpath('//div[contains(@class, "comment ")]')
    ]
    return counts, shown


def test_thirty_comments_cost_what_three_do(news, site):
    transaction.begin()
    set_profile("olle.medarbetare", site["a"].UID(), "forskollarare")
    set_profile("red.b", site["b"].UID(), "barnskotare")
    transaction.commit()
    authors = ["olle.medarbetare", "red.b", "chef.a"]
    for n, author in enumerate(authors):
        add_comments(news, author, [f"Inlägg {n}"])
    few, shown = view("red.b", news)
    assert [row[2] for row in shown] == ["Inlägg 0", "Inlägg 1", "Inlägg 2"]
    # Each author with the unit of their own profile (none for chef.a here).
    units = {row[2]: row[1] for row in shown}
    assert units["Inlägg 0"] == site["a"].Title()
    assert units["Inlägg 1"] == site["b"].Title()

    for n in range(3, 30):
        add_comments(news, authors[n % 3], [f"Inlägg {n}"])
    many, shown = view("red.b", news)
    assert len(shown) == 30
    assert shown[29][2] == "Inlägg 29"
    assert many["checks"] <= few["checks"], (few, many)
    assert many["users"] <= few["users"], (few, many)
