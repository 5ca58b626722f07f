"""Site Setup is "Webbplatsinställningar" for Webbredaktörer, in its heading
and page title as in the user menu, the project's help texts and README
(issue 18, fourth trial: "Kontrollpanel"); the Webbplatsen panel is
"Webbplatsen", as Site Setup lists it."""

from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import text


def shown(url):
    page = html.fromstring(browser("webbred").get(url).text)
    return page, text(page.cssselect("h1")[0]), text(page.cssselect("title")[0])


def test_site_setup_is_webbplatsinstallningar(site):
    portal_url = api.portal.get().absolute_url()
    page, heading, title = shown(f"{portal_url}/@@overview-controlpanel")
    assert heading == "Webbplatsinställningar"
    assert title.startswith("Webbplatsinställningar — "), title
    assert "Kontrollpanel" not in text(page.cssselect("body")[0])
    links = [
        text(a) for a in page.xpath("//a[contains(@href, 'overview-controlpanel')]")
    ]
    assert "Webbplatsinställningar" in links, links
    # Its panel "Webbplatsen" is headed so (not also Webbplatsinställningar).
    assert "Webbplatsen Webbplatsen" in [text(a) for a in page.cssselect("#content a")]
    _page, heading, title = shown(f"{portal_url}/@@site-controlpanel")
    assert heading == "Webbplatsen"
    assert "Webbplatsen — " in title, title
