"""A form's messages that upstream raises as plain text, in Swedish.

z3c.form shows an ``Invalid`` error by its first argument as it is (its
``InvalidErrorViewSnippet``), so a message written as a plain string and
not as a message id is never translated: plone.schemaeditor's add-field
form (the form editor's "Lägg till fält", issue 18's third trial) answered
a short name already in use with "Please select a field name that is not
already used." Such a message is looked up in Plone's domain (plone.po),
where plone.schemaeditor keeps its texts; one we have no Swedish for stays
as it was.
"""

from z3c.form.error import InvalidErrorViewSnippet
from zope.i18nmessageid import Message


class SwedishInvalidErrorViewSnippet(InvalidErrorViewSnippet):
    """An ``Invalid`` error's message, translated in Plone's domain when it
    is plain text (registered for our layer, before z3c.form's)."""

    def createMessage(self):
        message = super().createMessage()
        if isinstance(message, str) and not isinstance(message, Message):
            return Message(message, domain="plone")
        return message
