"""The editor's toolbar says what its links open (WCAG 2.4.4)."""

from lxml import html
from tests.fixtures.http import get


def test_the_toolbars_history_says_historik(site, news):
    """Plone labels the toolbar's History with a <time> only (the item's
    last change, filled in by script: empty without it, a bare date and
    time with it): the link says "Historik"."""
    page = html.fromstring(get(news.absolute_url(), "red.a").text)
    (item,) = page.xpath("//li[@id='contentview-history']")
    assert " ".join(item.text_content().split()) == "Historik"
    assert not item.xpath(".//time")
