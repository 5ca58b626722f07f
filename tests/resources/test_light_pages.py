"""Light staff pages (resources/): staff who do not edit get no editor
bundles, editors keep theirs, static files are cached for as long as their
URL names their version (issue 18; RFC 8246 for ``immutable``)."""

from lxml import html
from plone import api
from solna.intranet.resources import bundles
from tests.fixtures.http import get
from urllib.parse import urljoin

import re
import transaction


#: What only the editing UI needs: mockup's bundle (it brings TinyMCE), the
#: fullscreen and event editors.
EDITOR_BUNDLES = ("plone", "plone-fullscreen", "eventedit")


def resources(page_url, user):
    """The page's stylesheets and scripts: {data-bundle or URL: URL}."""
    page = html.fromstring(get(page_url, user).text)
    found = {}
    for element in page.xpath("//head//script[@src] | //link[@rel='stylesheet']"):
        url = urljoin(page_url, element.get("src") or element.get("href"))
        found[element.get("data-bundle") or url] = url
    return found


def weight(urls, user):
    """Bytes of these files (uncompressed: the test server has no WSGI
    pipeline)."""
    return sum(len(get(url, user).content) for url in urls)


def test_staff_pages_have_no_editor_bundles_and_editors_keep_them(site, news):
    start = api.portal.get().absolute_url()
    staff_start = resources(start, "olle.medarbetare")
    staff_news = resources(news.absolute_url(), "olle.medarbetare")
    # red.a edits Solgläntan, where the news item is: the toolbar and
    # everything that edits are there for her.
    editor_news = resources(news.absolute_url(), "red.a")
    for found in (staff_start, staff_news):
        assert not set(EDITOR_BUNDLES) & set(found), found
        assert not [
            url for url in found.values() if re.search("tinymce|fullscreen|event", url)
        ]
        assert {"solna-bootstrap", "solna-light"} <= set(found)
    assert set(EDITOR_BUNDLES) <= set(editor_news)
    assert "solna-bootstrap" not in editor_news
    # An editor's scripts weigh several times a reader's (not counting the
    # chunks mockup loads later, TinyMCE's among them).
    staff = weight([u for u in staff_news.values() if ".js" in u], "olle.medarbetare")
    editor = weight([u for u in editor_news.values() if ".js" in u], "red.a")
    assert staff * 2 < editor, (staff, editor)
    # Where red.a edits nothing (the start page) she reads like everyone.
    assert not set(EDITOR_BUNDLES) & set(resources(start, "red.a"))


def test_the_editing_ui_is_where_the_toolbar_is(site, news):
    """A Webbredaktör edits everywhere: mockup on the start page too; the
    edit form of the news item has it for its editor."""
    start = api.portal.get().absolute_url()
    assert "plone" in resources(start, "webbred")
    assert "plone" in resources(f"{news.absolute_url()}/edit", "red.a")


def test_versioned_static_files_are_kept_a_year_others_an_hour(site, news):
    found = resources(news.absolute_url(), "olle.medarbetare")
    versioned = [u for u in found.values() if "++webresource++" in u or "?v=" in u]
    assert len(versioned) >= 4, found
    for url in versioned:
        answer = get(url, "olle.medarbetare")
        assert answer.status_code == 200, url
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Expires" not in answer.headers
    # Without its version a file is kept an hour.
    app_js = next(u for u in versioned if "/app/app.js?v=" in u)
    answer = get(app_js.split("?")[0], "olle.medarbetare")
    assert answer.headers["Cache-Control"] == "public, max-age=3600"
    protect = get(f"{site['a'].absolute_url()}/++resource++protect.js")
    assert protect.headers["Cache-Control"] == "public, max-age=3600"
    # Pages are not for caches; missing files are not cached for a year.
    page = get(news.absolute_url(), "olle.medarbetare")
    assert "public" not in page.headers.get("Cache-Control", "")
    missing = get(f"{site['a'].absolute_url()}/++plone++solna.resources/saknas.js?v=1")
    assert missing.status_code == 404
    assert "immutable" not in missing.headers.get("Cache-Control", "")
    # A page reached through a static folder (Zope resolves "..", a hand-made
    # request) is still a member's page: never public for a year.
    portal_url = api.portal.get().absolute_url()
    for path in ("/++plone++static/../@@mitt-intranat", "/++plone++static/%2e%2e/"):
        sneaked = get(f"{portal_url}{path}?v=1", "olle.medarbetare")
        assert "public" not in sneaked.headers.get("Cache-Control", ""), path


def test_install_is_what_the_profile_does(portal):
    """The upgrade step's install() writes what registry.xml gives new
    sites: nothing left to change after the profile."""
    assert bundles.install(portal) == []
    records = api.portal.get_tool("portal_registry")
    for name, values in bundles.STAFF_BUNDLES.items():
        for key, value in values.items():
            assert records[f"plone.bundles/{name}.{key}"] == value, (name, key)
    for name, expression in {**bundles.EDITORS_ONLY, **bundles.FORMS_ONLY}.items():
        assert records[f"plone.bundles/{name}.expression"] == expression


def test_uninstall_gives_mockup_back_to_everyone(portal):
    records = api.portal.get_tool("portal_registry")
    bundles.uninstall(portal)
    assert "plone.bundles/solna-light.expression" not in records
    assert "plone.bundles/solna-i18n-preload.expression" not in records
    assert not records["plone.bundles/plone.expression"]
    assert not records["plone.bundles/plone.depends"]
    assert bundles.install(portal) == [
        *bundles.EDITORS_ONLY,
        *bundles.FORMS_ONLY,
        *bundles.DEPENDS,
        *bundles.STAFF_BUNDLES,
        *bundles.EDITOR_BUNDLES,
    ]


def test_a_comments_own_pages_are_light_for_its_author(site, news):
    """The author of a comment may edit and delete it, but its pages are no
    editing UI: no toolbar (it showed "error while rendering
    plone.contentviews") and no mockup for her there."""
    from tests.fixtures.comments import comment

    transaction.commit()
    assert comment("olle.medarbetare", news, "Vi tar med matsäck.").ok
    transaction.begin()
    (reply,) = news.restrictedTraverse("++conversation++default").values()
    for view in ("@@edit-comment", "@@ta-bort-min-kommentar"):
        url = f"{reply.absolute_url()}/{view}"
        page = get(url, "olle.medarbetare")
        assert page.status_code == 200, url
        assert 'id="edit-zone"' not in page.text, url
        assert "error while rendering" not in page.text, url
        assert not set(EDITOR_BUNDLES) & set(resources(url, "olle.medarbetare")), url
