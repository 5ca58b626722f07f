"""Dialogue over HTTP: the workplace (units A and B with their managers, a
Kommunikatör, HR), a published news item in unit A, a real SMTP server."""

from lxml import html
from plone import api
from tests.conftest import PASSWORD
from tests.workflow.conftest import site  # noqa: F401 - fixture
from tests.workflow.conftest import smtp  # noqa: F401 - fixture

import pytest
import requests
import transaction


@pytest.fixture
def news(site):  # noqa: F811
    """A published news item in Solgläntan (unit A)."""
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=site["a"],
            type="News Item",
            id="utflykt",
            title="Utflykt till Igelbäcken",
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    return item


def browser(login):
    s = requests.Session()
    s.auth = (login, PASSWORD)
    return s


def comment(login, item, text):
    """Comment as a member does: the comment form under the item."""
    s = browser(login)
    page = html.fromstring(s.get(item.absolute_url()).text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.comment"]]')
    data = dict(form.form_values())
    data["form.widgets.text"] = text
    data["form.buttons.comment"] = "Kommentera"
    return s.post(form.get("action") or item.absolute_url(), data=data)


def comments_on_page(login, item):
    """The comments a member sees under the item: [(id, text)]."""
    page = html.fromstring(browser(login).get(item.absolute_url()).text)
    return [
        (
            c.get("id"),
            " ".join(c.xpath('.//*[@class="comment-body"]')[0].text_content().split()),
        )
        for c in page.xpath('//div[contains(@class, "comment ")]')
    ]


def set_moderation(unit, value):
    unit.comment_moderation = value
    transaction.commit()


def token(session, url):
    """The CSRF token a page gives this member (plone.protect)."""
    page = html.fromstring(session.get(url).text)
    (script,) = page.xpath('//script[@id="protect-script"]')
    return script.get("data-token")
