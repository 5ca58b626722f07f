"""Field constraints with clear Swedish messages (translated from our domain).

Each raises a ``zope.schema.ValidationError`` whose doc is the message: forms
(z3c.form) show it at the field, plone.restapi answers 400 with it.
"""

from plone.app.contentrules.actions.mail import IMailAction
from plone.app.dexterity.behaviors.metadata import IBasic
from plone.app.discussion.interfaces import IComment
from solna.intranet import _
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from zope.i18nmessageid import Message
from zope.schema import ValidationError

import re


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
#: Swedish phone numbers: 08-123 456 78, 070-123 45 67, +46 8 123 456 78.
PHONE = re.compile(r"^(\+46|0)[\d\s-]{6,14}$")


class InvalidEmail(ValidationError):
    __doc__ = _(
        "error_invalid_email",
        default="Enter a valid e-mail address, for example namn@solna.se.",
    )


class InvalidPhone(ValidationError):
    __doc__ = _(
        "error_invalid_phone",
        default="Enter a Swedish phone number, for example 08-746 10 00 or "
        "070-123 45 67.",
    )


def is_email(value):
    if value and not EMAIL.match(value.strip()):
        raise InvalidEmail(value)
    return True


def is_phone(value):
    digits = len(re.sub(r"\D", "", value or ""))
    if value and not (PHONE.match(value.strip()) and 8 <= digits <= 13):
        raise InvalidPhone(value)
    return True


class UnknownLogin(ValidationError):
    __doc__ = _(
        "error_unknown_login",
        default="There is no account with that login name. Check the spelling, "
        "for example anna.lindqvist.",
    )


def is_login(value):
    """The value names an existing account (used where a field hands out
    rights or mail to a person)."""
    from solna.intranet.members import member

    if value and member(value.strip()) is None:
        raise UnknownLogin(value)
    return True


def text_of(data, name):
    """A text field of a form or a JSON body, stripped; "" when it is
    missing or not text (a JSON body may be anything)."""
    value = data.get(name) if hasattr(data, "get") else None
    return value.strip() if isinstance(value, str) else ""


def checked(data, name):
    """A checkbox of a form (``"1"``, ``"on"``) or a JSON boolean."""
    value = data.get(name) if hasattr(data, "get") else None
    return value is True or value in ("1", "on", "true", "True")


class RuleMailAddresses(SimpleFieldValidator):
    """A z3c.form validator for content rules' "Skicka e-post" action
    (plone.app.contentrules' IMailAction): its sender and recipients, each
    address of a comma- or semicolon-separated list either an e-mail
    address or one of the rule's substitutions (``${user_email}``), or
    InvalidEmail in Swedish. Plone accepts anything ("fel@@" was saved, and
    the rule then failed to send at the moment it mattered)."""

    def validate(self, value, force=False):
        super().validate(value, force)
        for part in re.split(r"[,;]", value or ""):
            part = part.strip()
            if not part or (part.startswith("${") and part.endswith("}")):
                continue
            is_email(part)


class RuleMailSender(RuleMailAddresses):
    """The mail action's sender (Från)."""


class RuleMailRecipients(RuleMailAddresses):
    """The mail action's recipients (Mottagare)."""


WidgetValidatorDiscriminators(RuleMailSender, field=IMailAction["source"])
WidgetValidatorDiscriminators(RuleMailRecipients, field=IMailAction["recipients"])


#: A title is a line, not a text (a heading on a phone, a tab's name, an
#: address): at most this many characters.
TITLE_MAX = 200


class TitleTooLong(ValidationError):
    __doc__ = _(
        "error_title_too_long",
        default="A title can be at most ${max} characters; this one is "
        "${length}. Shorten it, and put the rest in the summary or the text.",
    )

    def doc(self):
        return Message(
            self.__doc__, mapping={"max": TITLE_MAX, "length": len(self.args[0])}
        )


class TitleLength(SimpleFieldValidator):
    """The add and edit forms' title (plone.app.dexterity's IBasic): at
    most TITLE_MAX characters, or TitleTooLong in Swedish. Plone takes any
    length: a 639-character title filled three screens of a phone."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value and len(value) > TITLE_MAX:
            raise TitleTooLong(value)


WidgetValidatorDiscriminators(TitleLength, field=IBasic["title"])


class TooLong(ValidationError):
    """Longer than ``MAX`` characters: the message says how long it is and
    how long it may be (the form keeps what was typed)."""

    MAX = 0

    def doc(self):
        return Message(
            self.__doc__, mapping={"max": self.MAX, "length": len(self.args[0])}
        )


#: A comment is a few lines under a news item, read on a phone (issue 18,
#: fourth trial: a 30,000-character comment made the page metres long).
COMMENT_MAX = 5000


class CommentTooLong(TooLong):
    __doc__ = _(
        "error_comment_too_long",
        default="A comment can be at most ${max} characters; this one is "
        "${length}. Your text is still here: shorten it and send it again.",
    )
    MAX = COMMENT_MAX


class CommentLength(SimpleFieldValidator):
    """A comment's text (plone.app.discussion's IComment, which the page's
    comment form, its edit form and REST ``@comments`` POST and PATCH all
    use): at most COMMENT_MAX characters, or CommentTooLong in Swedish."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value and len(value) > COMMENT_MAX:
            raise CommentTooLong(value)


WidgetValidatorDiscriminators(CommentLength, field=IComment["text"])
