"""What the comments tell the rest of the intranet: a comment was published
or held (``ICommentStateChanged``, fired by moderation.py), and which item
a comment belongs to. Other parts of the dialogue (the notices) subscribe
to the event in their own ZCML and import nothing else of the comments."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


def commented_item(comment):
    """The news item, page or topic a comment belongs to."""
    return aq_parent(aq_parent(aq_inner(comment)))


class ICommentStateChanged(IObjectEvent):
    """A comment was published or held (``state``): the notices record
    whom it concerns."""

    state = Attribute("The comment's new review state.")


@implementer(ICommentStateChanged)
class CommentStateChanged(ObjectEvent):
    def __init__(self, comment, state):
        super().__init__(comment)
        self.state = state
