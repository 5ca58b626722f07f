"""A news item's page does not grow with its comments (issue 21): it shows
the newest threads, up to 10 comments, and "Visa alla 30 kommentarer"
shows the rest; a link to an older comment shows it. Its permission checks
and user lookups are made once per kind of comment and per author, not once
per comment, so 30 comments ask Zope no more than 3 by the same people.
Counted on the live page as a member gets it; no timing."""

from AccessControl.ImplPython import ZopeSecurityPolicy
from lxml import html
from OFS.Image import Image
from plone import api
from plone.app.discussion.interfaces import IConversation
from Products.PluggableAuthService.PluggableAuthService import PluggableAuthService
from solna.intranet.dialogue.comments import views
from solna.intranet.dialogue.comments.views import CommentForm
from tests.dialogue.comments.test_writes import add_comments
from tests.fixtures.calls import spied
from tests.fixtures.http import browser
from tests.fixtures.news import set_profile
from urllib.parse import urlparse

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


def view(login, item, url=None):
    """The item's page (or ``url``) as ``login`` sees it, the work it took,
    and the comments shown: (counts, [(author, unit, text)]); the counts
    also hold the page's ``bytes`` and its ``link`` to all comments."""
    session = browser(login)
    url = url or item.absolute_url()
    session.get(url)  # caches warm, as for every later view
    with counted() as counts:
        response = session.get(url)
    page = html.fromstring(response.text)
    counts["bytes"] = len(response.content)
    counts["url"] = response.url
    counts["link"] = [
        (" ".join(a.text_content().split()), a.get("href"))
        for a in page.xpath('//*[@class="solna-earlier-comments"]/a')
    ]
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

    assert few["link"] == []

    for n in range(3, 10):
        add_comments(news, authors[n % 3], [f"Inlägg {n}"])
    ten, shown = view("red.b", news)
    assert len(shown) == 10
    assert ten["link"] == []

    for n in range(10, 30):
        add_comments(news, authors[n % 3], [f"Inlägg {n}"])
    many, shown = view("red.b", news)
    # The newest ten, and a way to all of them.
    assert [row[2] for row in shown] == [f"Inlägg {n}" for n in range(20, 30)]
    ((label, href),) = many["link"]
    assert label == "Visa alla 30 kommentarer"
    # The page weighs what it did with ten (its link and the numbers' digits).
    assert many["bytes"] - ten["bytes"] < 300, (ten["bytes"], many["bytes"])
    assert many["checks"] <= few["checks"], (few, many)
    assert many["users"] <= few["users"], (few, many)

    _counts, shown = view("red.b", news, href)
    assert [row[2] for row in shown] == [f"Inlägg {n}" for n in range(30)]

    # A comment's own address (search, moderation, notices) shows it, old
    # as it is.
    (oldest,) = [c for c in IConversation(news).getComments() if c.text == "Inlägg 0"]
    counts, shown = view("red.b", news, oldest.absolute_url())
    assert counts["url"].endswith(f"?kommentarer=alla#{oldest.getId()}")
    assert shown[0][2] == "Inlägg 0"


@contextlib.contextmanager
def unit_lookups():
    """The catalog searches by UID made meanwhile (how the commenters'
    units are found), in any thread: [query]."""
    from Products.CMFPlone.CatalogTool import CatalogTool

    asked = []
    original = CatalogTool.unrestrictedSearchResults

    def search(self, *args, **query):
        if "UID" in query:
            asked.append(query)
        return original(self, *args, **query)

    CatalogTool.unrestrictedSearchResults = search
    try:
        yield asked
    finally:
        CatalogTool.unrestrictedSearchResults = original


def test_commenters_units_are_looked_up_once_and_renames_show_at_once(news, site):
    transaction.begin()
    set_profile("olle.medarbetare", site["a"].UID(), "forskollarare")
    transaction.commit()
    add_comments(news, "olle.medarbetare", ["Vi tar med matsäck!"])
    _counts, shown = view("red.b", news)  # view() looks twice
    with unit_lookups() as asked:
        _counts, shown = view("red.b", news)
    assert shown[0][1] == site["a"].Title()
    assert asked == []  # the unit's title was kept from the first view

    # The unit is renamed: the next view says so.
    transaction.begin()
    site["a"].title = "Solgläntans förskola"
    site["a"].reindexObject()
    transaction.commit()
    _counts, shown = view("red.b", news)
    assert shown[0][1] == "Solgläntans förskola"

    # The commenter moves to another unit (her profile, not the catalog):
    # the next view says so too.
    transaction.begin()
    set_profile("olle.medarbetare", site["b"].UID(), "forskollarare")
    transaction.commit()
    _counts, shown = view("red.b", news)
    assert shown[0][1] == site["b"].Title()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01"
    b"\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_each_commenter_shows_her_own_portrait_or_the_default_and_her_page(news, site):
    """The portrait beside a comment is the commenter's own when she has
    uploaded one, the site's default picture otherwise; her name links to
    her page. (The site's address and the default picture are looked up
    once per page.)"""
    transaction.begin()
    memberdata = api.portal.get_tool("portal_memberdata")
    memberdata._setPortrait(Image("olle.medarbetare", "", PNG), "olle.medarbetare")
    transaction.commit()
    add_comments(news, "olle.medarbetare", ["Med porträtt"])
    add_comments(news, "red.b", ["Utan porträtt"])
    portal_url = api.portal.get().absolute_url()
    page = html.fromstring(browser("chef.a").get(news.absolute_url()).text)
    pictures = {
        " ".join(c.xpath("string(.//*[@class='comment-text'])").split()): (
            c.xpath(".//*[contains(@class, 'comment-image')]//img/@src")[0],
            c.xpath(".//*[@class='comment-author']/a/@href")[0],
        )
        for c in page.xpath('//div[contains(@class, "comment ")]')
    }
    assert pictures["Med porträtt"] == (
        f"{portal_url}/portal_memberdata/portraits/olle.medarbetare",
        f"{portal_url}/author/olle.medarbetare",
    )
    assert pictures["Utan porträtt"] == (
        f"{portal_url}/defaultUser.png",
        f"{portal_url}/author/red.b",
    )


#: The comment form of an item's page (lxml XPath).
COMMENT_FORM = '//form[.//*[@name="form.buttons.comment"]]'


def comment_form(login, item):
    """The comment form of ``item``'s page as ``login`` gets it: its HTML
    (lxml's, without the member's CSRF token) and its action."""
    page = html.fromstring(browser(login).get(item.absolute_url()).text)
    (form,) = page.xpath(COMMENT_FORM)
    for token in form.xpath('.//input[@name="_authenticator"]'):
        token.getparent().remove(token)
    return html.tostring(form, encoding=str), form.get("action")


def test_the_comment_form_is_drawn_once_and_shown_on_every_item_as_drawn(news, site):
    """z3c.form draws the comment form once per case (page, language,
    member's e-mail, settings); every item then shows that drawing with its
    own address in the action, the same markup the form draws itself."""
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(
            container=site["b"], type="News Item", id="loppis", title="Loppis"
        )
        api.content.transition(other, to_state="published")
    transaction.commit()
    views._DRAWN_FORMS.clear()
    drawn_here, action = comment_form("olle.medarbetare", news)  # drawn
    assert action == f"{news.absolute_url()}/@@kommentera"
    with spied(CommentForm, "update") as updates:
        kept_there, kept_action = comment_form("red.b", other)
    assert updates.call_count == 0  # not drawn again
    assert kept_action == f"{other.absolute_url()}/@@kommentera"
    views._DRAWN_FORMS.clear()
    with spied(CommentForm, "update") as updates:
        drawn_there, _action = comment_form("red.b", other)
    assert updates.call_count == 1
    assert kept_there == drawn_there
    assert 'name="form.widgets.text"' in kept_there
    assert kept_there.replace(other.absolute_url(), news.absolute_url()) == drawn_here


def test_a_refused_comment_is_shown_again_with_the_form_drawn_anew(news):
    """A comment sent empty: the page again with the form's own error,
    drawn for what was sent, not the kept drawing of an empty form."""
    comment_form("olle.medarbetare", news)  # the drawing kept
    s = browser("olle.medarbetare")
    page = html.fromstring(s.get(news.absolute_url()).text)
    (form,) = page.xpath(COMMENT_FORM)
    data = {**dict(form.form_values()), "form.widgets.text": " "}
    data["form.buttons.comment"] = "Kommentera"
    answer = s.post(form.get("action"), data=data)
    shown = html.fromstring(answer.text)
    (again,) = shown.xpath(COMMENT_FORM)
    assert again.xpath('.//*[contains(@class, "invalid-feedback")]')


def test_the_kept_form_writes_the_address_escaped_as_the_form_does(news):
    """The address in the kept form's action comes from the request (its
    Host, or the host of a virtual hosting path): written escaped, as
    z3c.form's template writes it, never as markup."""
    comment_form("olle.medarbetare", news)  # the drawing kept
    host = 'x"><b>injected</b>'
    path = urlparse(news.absolute_url()).path
    with spied(CommentForm, "update") as updates:
        answer = browser("olle.medarbetare").get(
            news.absolute_url(), headers={"Host": host}, allow_redirects=False
        )
    assert answer.status_code == 200, answer.status_code
    assert updates.call_count == 0  # the kept drawing
    (form,) = html.fromstring(answer.text).xpath(COMMENT_FORM)
    assert form.get("action") == f"http://{host}{path}/@@kommentera"
    assert not form.xpath(".//b")  # no markup from the address
