"""Issue 18, fourth trial, finding 11: a comment is at most 5,000
characters, on the page and in REST (POST and PATCH @comments), with a
Swedish message and nothing typed lost."""

from lxml import html
from plone.app.discussion.interfaces import IConversation
from tests.fixtures.comments import comment
from tests.fixtures.http import session

import transaction


TOO_LONG = "Ett långt inlägg. " * 1000  # 18,000 characters
MESSAGE = "En kommentar får vara högst 5000 tecken; den här har"


def test_the_page_refuses_a_long_comment_and_keeps_it(news):
    answer = comment("olle.medarbetare", news, TOO_LONG)
    assert answer.status_code == 200
    assert MESSAGE in answer.text
    page = html.fromstring(answer.text)
    (kept,) = page.xpath('//textarea[@name="form.widgets.text"]')
    assert kept.text_content().strip() == TOO_LONG.strip()
    transaction.begin()
    assert len(IConversation(news)) == 0
    # 5,000 characters are fine.
    comment("olle.medarbetare", news, "x" * 5000)
    transaction.begin()
    assert len(IConversation(news)) == 1


def test_rest_post_and_patch_refuse_a_long_comment(news):
    url = f"{news.absolute_url()}/@comments"
    refused = session("olle.medarbetare").post(url, json={"text": TOO_LONG})
    assert refused.status_code == 400
    assert MESSAGE in refused.json()["error"]["message"]
    added = session("olle.medarbetare").post(url, json={"text": "Kort."})
    assert added.status_code == 204, added.text
    comment_url = added.headers["Location"]
    patched = session("olle.medarbetare").patch(comment_url, json={"text": TOO_LONG})
    assert patched.status_code == 400
    assert MESSAGE in patched.json()["error"]["message"]
    transaction.begin()
    (only,) = IConversation(news).values()
    assert only.text == "Kort."
