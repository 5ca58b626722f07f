"""A comment's text is rendered once (dialogue/comments/rendering.py), not
through the transform chain on every view: the second view of a thread
transforms nothing, yet an edited comment and a changed HTML filter show at
once."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from Products.PortalTransforms.TransformEngine import TransformTool
from solna.intranet.dialogue.comments.rendering import PLAIN
from tests.dialogue.comments.test_sanitise import comment_bodies
from tests.dialogue.comments.test_writes import add_comments

import contextlib
import transaction


@contextlib.contextmanager
def transforms():
    """What portal_transforms was asked to convert from the types comments
    are written in, in any thread (the site is served in this process):
    [MIME type]."""
    asked = []
    original = TransformTool.convertTo

    def convertTo(self, target_mimetype, orig, *args, **kwargs):
        if kwargs.get("mimetype") in PLAIN:
            asked.append(kwargs.get("mimetype"))
        return original(self, target_mimetype, orig, *args, **kwargs)

    TransformTool.convertTo = convertTo
    try:
        yield asked
    finally:
        TransformTool.convertTo = original


def texts(login, item):
    return [" ".join(b.text_content().split()) for b in comment_bodies(login, item)]


def test_a_thread_is_transformed_once_and_shows_edits_at_once(news):
    written = [f"Inlägg {n} <b>fet</b>" for n in range(20)]
    add_comments(news, "olle.medarbetare", written)
    first = texts("red.b", news)
    assert first == written
    with transforms() as asked:
        again = texts("red.b", news)
    assert again == first
    assert asked == []  # no comment went through the chain again

    # The author edits a comment: the new text shows on the next view.
    transaction.begin()
    (thread,) = [
        c for c in IConversation(news).getComments() if c.text == "Inlägg 3 <b>fet</b>"
    ]
    thread.text = "Inlägg 3, ändrat"
    transaction.commit()
    with transforms() as asked:
        edited = texts("red.b", news)
    assert edited[3] == "Inlägg 3, ändrat"
    assert len(asked) == 1


def test_a_changed_html_filter_renders_again(news):
    add_comments(news, "olle.medarbetare", ["Se https://www.solna.se"])
    texts("red.b", news)
    with api.env.adopt_roles(["Manager"]):
        tags = api.portal.get_registry_record("plone.nasty_tags")
        api.portal.set_registry_record("plone.nasty_tags", [*tags, "blink"])
    transaction.commit()
    with transforms() as asked:
        assert texts("red.b", news) == ["Se https://www.solna.se"]
    assert len(asked) == 1
