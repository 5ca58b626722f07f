"""How comments are moderated in a place (behaviour ``solna.moderation``):
open (published at once, removed afterwards if needed) or pre-moderated
(held for a moderator). The nearest place above an item that says decides."""

from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from solna.intranet import _
from zope import schema
from zope.interface import provider
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


OPEN, PREMODERATED = "open", "premoderated"
MODERATION = SimpleVocabulary(
    [
        SimpleTerm(
            OPEN,
            title=_("Open: comments are published at once, moderators remove them"),
        ),
        SimpleTerm(
            PREMODERATED,
            title=_("Pre-moderated: a moderator approves each comment first"),
        ),
    ]
)


@provider(IFormFieldProvider)
class IModeration(model.Schema):
    model.fieldset("dialogue", label=_("Dialogue"), fields=["comment_moderation"])
    comment_moderation = schema.Choice(
        title=_("Comments"),
        description=_(
            "Applies to everything in this place that has no setting of its own."
        ),
        vocabulary=MODERATION,
        required=True,
        default=OPEN,
    )
