"""A text saved with an image that has no alternative text gets a Swedish
warning, not a refusal (WCAG 1.1.1, issue 18's second trial): a decorative
image has alt="" on purpose (the image dialog's "Bilden är dekorativ",
WCAG technique H67) and is saved without one (security/richtext.py)."""

from html import unescape
from plone import api
from plone.app.textfield.value import RichTextValue
from solna.intranet.security.richtext import IMAGE_WITHOUT_ALT
from solna.intranet.security.richtext import images_without_alt
from tests.fixtures.http import form_post
from zope.i18n import translate

import pytest
import transaction


TEXT = "form.widgets.IRichTextBehavior.text"
IMAGE = '<img src="../resolveuid/{uid}/@@images/image/preview" class="image-richtext"'


def warning():
    """The warning, in Swedish (the catalogs are there once the layer is)."""
    return translate(IMAGE_WITHOUT_ALT, target_language="sv")


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ('<p><img src="a.png"></p>', 1),
        ('<p><img src="a.png" alt="  "></p>', 1),
        ('<p><img src="a.png"/><img src="b.png" alt="Två barn"></p>', 1),
        ('<img src="a.png" title="Bara titel"><img src="b.png">', 2),
        ('<p><img src="a.png" alt="Lekplatsen"></p>', 0),
        ('<p><img src="a.png" alt=""></p>', 0),
        ('<p><img src="a.png" alt></p>', 0),
        ("<p>Ingen bild, bara <b>text</b> om img</p>", 0),
        ('<![foo[ x ]]><img src="a.png">', 1),
    ],
    ids=[
        "no-alt",
        "spaces",
        "one-of-two",
        "title-is-no-alt",
        "described",
        "decorative",
        "bare-alt",
        "no-image",
        "marked-section",
    ],
)
def test_images_without_alt_are_counted(html, count):
    assert images_without_alt(html) == count


@pytest.fixture
def news(functional_portal):
    """A news item with text and an image in its folder; committed."""
    with api.env.adopt_roles(["Manager"]):
        image = api.content.create(
            container=functional_portal, type="Image", id="lek", title="Lekplatsen"
        )
        item = api.content.create(
            container=functional_portal, type="News Item", id="nyhet", title="Nyhet"
        )
        item.text = RichTextValue("<p>Gammal text</p>", "text/html", "text/x-html-safe")
    transaction.commit()
    return item, IMAGE.format(uid=image.UID())


def saved(item):
    item._p_jar.sync()
    return item.text.raw


def test_saving_an_image_without_alt_text_warns_in_swedish(news, browser):
    item, image = news
    text = f"<p>Sommarfest {image}></p>"
    page = form_post(browser, f"{item.absolute_url()}/@@edit", {TEXT: text}, files=None)
    assert page.status_code == 200
    assert page.url.rstrip("/") == item.absolute_url()
    shown = " ".join(unescape(page.text).split())
    assert warning() in shown
    assert warning().startswith("En bild i texten saknar alternativ text")
    assert "Ändringar sparade" in shown
    assert "resolveuid/" in saved(item)
    # Shown once, then gone.
    again = browser.get(item.absolute_url())
    assert warning() not in " ".join(unescape(again.text).split())


@pytest.mark.parametrize(
    "alt", [' alt="Barn på lekplatsen"', ' alt=""'], ids=["described", "decorative"]
)
def test_an_image_with_alt_text_or_marked_decorative_is_saved_quietly(
    news, browser, alt
):
    item, image = news
    text = f"<p>Sommarfest {image}{alt}></p>"
    page = form_post(browser, f"{item.absolute_url()}/@@edit", {TEXT: text}, files=None)
    assert page.status_code == 200
    assert page.url.rstrip("/") == item.absolute_url()
    assert warning() not in " ".join(unescape(page.text).split())
    assert alt.strip() in saved(item)


def test_rest_saves_without_a_warning(news, manager_request):
    """Over REST the text is saved as sent; no warning is kept for a page
    the client never shows."""
    item, image = news
    text = f"<p>{image}></p>"
    response = manager_request.patch("/nyhet", json={"text": text})
    assert response.status_code == 204, response.text[:500]
    assert "statusmessages" not in response.headers.get("Set-Cookie", "")
    assert saved(item) == text
