"""Deleting one's own comment asks first (issue 18, destructive actions
confirmed): "Ta bort…" opens "Vill du ta bort kommentaren?" with a POST form
(no JavaScript needed); "Nej, behåll den" keeps it, "Ja, ta bort
kommentaren" deletes it. Only the author, with the CSRF token."""

from lxml import html
from tests.fixtures.comments import comment
from tests.fixtures.comments import comments_on_page
from tests.fixtures.http import browser

import pytest


@pytest.fixture
def own(news, site):
    """olle's comment on the news item: (its URL, olle's session)."""
    assert comment("olle.medarbetare", news, "Vi ses klockan tio.").status_code == 200
    olle = browser("olle.medarbetare")
    page = html.fromstring(olle.get(news.absolute_url()).text)
    (link,) = page.xpath('//a[contains(@href, "@@ta-bort-min-kommentar")]')
    assert " ".join(link.text_content().split()) == "Ta bort…"
    # No form deletes it at once any more.
    assert not page.xpath('//form[contains(@action, "delete-own-comment")]')
    return link.get("href"), olle


def shown(item):
    """The comments under the item, as its moderator sees them."""
    return " | ".join(text for _id, text in comments_on_page("chef.a", item))


def test_cancel_keeps_the_comment(own, news):
    url, olle = own
    page = html.fromstring(olle.get(url).text)
    (title,) = page.xpath("//h1")
    assert title.text_content().strip() == "Vill du ta bort kommentaren?"
    assert "Vi ses klockan tio." in page.xpath("//blockquote")[0].text_content()
    (keep,) = page.xpath('//a[normalize-space()="Nej, behåll den"]')
    # Back at the comment, which may be older than the ten shown at first.
    assert keep.get("href").startswith(news.absolute_url() + "?kommentarer=alla#")
    olle.get(keep.get("href"))
    assert "Vi ses klockan tio." in shown(news)


def test_confirm_deletes_the_comment(own, news):
    url, olle = own
    page = html.fromstring(olle.get(url).text)
    (form,) = page.xpath('//form[.//button[@name="form.buttons.delete"]]')
    assert form.get("method") == "post"
    data = dict(form.form_values())
    # Without the CSRF token: refused, the comment stays.
    refused = olle.post(
        form.get("action"), data={"form.buttons.delete": "1"}, allow_redirects=False
    )
    assert refused.status_code >= 400
    assert "Vi ses klockan tio." in shown(news)
    # Another member may not even see the question.
    other = browser("red.b").get(url, allow_redirects=False)
    assert other.status_code in (302, 401, 403, 404)
    assert "Vi ses klockan tio." in shown(news)
    data["form.buttons.delete"] = "1"
    done = olle.post(form.get("action"), data=data)
    assert done.status_code == 200
    assert done.url.startswith(news.absolute_url())
    assert "Vi ses klockan tio." not in shown(news)
