"""Swedish validators for e-forms, offered to editors in easyform's field
settings (named IFieldValidator utilities): each returns a Swedish message,
or None when the value is fine."""

from collective.easyform.fields import FieldExtenderValidator
from collective.easyform.interfaces import IEasyForm
from collective.easyform.interfaces import IEasyFormForm
from solna.intranet import _
from solna.intranet.dates import zone
from solna.intranet.validators import InvalidPhone
from solna.intranet.validators import is_phone
from z3c.form.error import ComputedErrorViewMessage
from z3c.form.interfaces import IGroup
from z3c.form.interfaces import IValidator
from zope.component import adapter
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import TooLong

import datetime
import re


PERSONNUMMER = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$")

BAD_FORMAT = _(
    "error_personnummer_format",
    default="Write the personal identity number as ÅÅÅÅMMDD-XXXX, for example "
    "19850412-1234.",
)
BAD_DATE = _(
    "error_personnummer_date",
    default="The personal identity number does not start with a real date of birth.",
)
BAD_CHECK = _(
    "error_personnummer_check",
    default="The last digit of the personal identity number does not match: "
    "check for a typing error.",
)
#: What an attachment may be: documents and photos a phone or office makes.
ATTACHMENT_TYPES = [
    "pdf",
    "jpg",
    "jpeg",
    "png",
    "heic",
    "heif",
    "gif",
    "txt",
    "rtf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
]
ATTACHMENT_MAX_MB = 10
ATTACHMENT_TYPE = _(
    "error_attachment_type",
    default="“${name}” cannot be attached: ${type} files are not accepted. "
    "Attach a PDF, a photo (JPG, PNG, HEIC) or an office document. Everything "
    "else you filled in is kept: choose a file again.",
)
ATTACHMENT_PROGRAM = _(
    "error_attachment_program",
    default="“${name}” cannot be attached: it is a program, not a document or "
    "a photo, whatever its name says. Attach a PDF, a photo (JPG, PNG, HEIC) or "
    "an office document. Everything else you filled in is kept: choose a file "
    "again.",
)
#: The first bytes of programs (their formats' magic numbers): Windows
#: (MZ: DOS and PE), Linux (ELF), macOS (Mach-O, and universal binaries and
#: Java classes, which share CAFEBABE) and scripts ("#!").
PROGRAM_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
ATTACHMENT_SIZE = _(
    "error_attachment_size",
    default="“${name}” is ${size} MB; at most ${max} MB can be attached. "
    "Everything else you filled in is kept: choose a smaller file.",
)
IN_FUTURE = _(
    "error_date_in_future",
    default="The date cannot be in the future: write the day it happened.",
)
END_BEFORE_START = _(
    "error_end_before_start",
    default="The end date cannot be before the start date.",
)


def luhn_ok(digits):
    """The Luhn check of the ten digits YYMMDDNNNC."""
    total = 0
    for position, digit in enumerate(int(d) for d in digits):
        product = digit * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return total % 10 == 0


def personnummer_error(value, today=None):
    """Why ``value`` is not a valid personnummer (or samordningsnummer, whose
    day is the day of birth + 60), or None."""
    match = PERSONNUMMER.match((value or "").strip().replace(" ", ""))
    if not match:
        return BAD_FORMAT
    century, yy, mm, dd, sign, rest = match.groups()
    today = today or datetime.date.today()
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    if century:
        years = [int(century + yy)]
    else:
        # Without the century: the latest year not in the future, or a
        # hundred years before that with "+".
        year = today.year // 100 * 100 + int(yy)
        if year > today.year:
            year -= 100
        years = [year - 100 if sign == "+" else year]
    try:
        born = datetime.date(years[0], int(mm), day)
    except ValueError:
        return BAD_DATE
    if born > today:
        return BAD_DATE
    if not luhn_ok(yy + mm + dd + rest):
        return BAD_CHECK
    return None


def isPersonnummer(value, **kwargs):
    if not value:
        return None  # "required" is the field's own setting
    return personnummer_error(value)


def isSwedishPhone(value, **kwargs):
    try:
        is_phone(value)
    except InvalidPhone as error:
        return error.__doc__
    return None


def isNotBeforeStartDate(value, REQUEST=None, **kwargs):
    """For an end date: not before the form's ``start_date`` field."""
    if not value or REQUEST is None:
        return None
    start = (REQUEST.form.get("form.widgets.start_date") or "").strip()
    try:
        start = datetime.date.fromisoformat(start) if start else None
    except ValueError:
        return None  # the start field reports its own error
    if start and value < start:
        return END_BEFORE_START
    return None


def isNotInFuture(value, **kwargs):
    """For the date something happened (Tillbud och arbetsskada's "När
    hände det?"): not after today, Stockholm time."""
    if not isinstance(value, datetime.date):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if value > datetime.datetime.now(zone()).date():
        return IN_FUTURE
    return None


def _head(value, size=8):
    """The first bytes of an uploaded file (a NamedFile or NamedBlobFile)."""
    if hasattr(value, "open"):
        with value.open("r") as stream:
            return stream.read(size)
    return (getattr(value, "data", b"") or b"")[:size]


def isAttachment(value, **kwargs):
    """For a file field: an accepted type by its name and no program by its
    content (PROGRAM_SIGNATURES), at most ATTACHMENT_MAX_MB. Returns None or
    a Swedish message."""
    filename = getattr(value, "filename", None)
    if not filename:
        return None
    _name, dot, extension = filename.rpartition(".")
    extension = extension.lower() if dot else ""
    if extension not in ATTACHMENT_TYPES:
        return Message(
            ATTACHMENT_TYPE,
            mapping={"name": filename, "type": extension.upper() or "–"},
        )
    if _head(value).startswith(PROGRAM_SIGNATURES):
        # A program renamed "intyg.pdf" is still a program: the handler
        # would open it from the case (issue 18's trial).
        return Message(ATTACHMENT_PROGRAM, mapping={"name": filename})
    size = value.getSize()
    if size > ATTACHMENT_MAX_MB * 1024 * 1024:
        megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        return Message(
            ATTACHMENT_SIZE,
            mapping={"name": filename, "size": megabytes, "max": ATTACHMENT_MAX_MB},
        )
    return None


# --- How long an answer may be --------------------------------------------

#: The longest answer to a one-line question (a name, an address, a
#: subject) and to a text area (a question, a description), in characters,
#: unless the question's own settings say less or more (its maximum
#: length). Issue 18's trial sent a 605-character name and a 24,406-
#: character question, shown whole in Ärenden and Mina ärenden.
MAX_LINE = 200
MAX_TEXT = 10_000
TOO_LONG = _(
    "error_answer_too_long",
    default="The answer is too long: ${length} characters, at most ${max} can be "
    "sent. Everything you wrote is kept: shorten it and send again.",
)


def max_length(field):
    """How many characters an answer to ``field`` (a TextLine or Text) may
    have: its own maximum length when the editor set one, else MAX_LINE
    for a line and MAX_TEXT for a text area."""
    own = getattr(field, "max_length", None)
    if own:
        return own
    return MAX_LINE if ITextLine.providedBy(field) else MAX_TEXT


def answer_length(value):
    """An answer's length as a person counts it: a line break is one
    character (browsers send two, CR LF)."""
    return len(value.replace("\r\n", "\n"))


def number(n):
    """A count as Swedish writes it: 10 000 (a no-break space)."""
    return f"{n:,}".replace(",", "\u00a0")


def too_long(length, longest):
    """The message for an answer of ``length`` characters where ``longest``
    may be sent."""
    return Message(TOO_LONG, mapping={"length": number(length), "max": number(longest)})


class LengthValidator(FieldExtenderValidator):
    """An e-form's text answers no longer than ``max_length`` (z3c.form
    validator of text and text-line questions on an e-form, in the main
    fieldset and in groups), on the page and over REST (@skicka fills in
    the same form), with a Swedish message under the question; what was
    typed stays in the field. Then the question's own validators, as
    collective.easyform's FieldExtenderValidator runs them."""

    def validate(self, value):
        if isinstance(value, str):
            longest = max_length(self.field)
            length = answer_length(value)
            if length > longest:
                raise Invalid(too_long(length, longest))
        return super().validate(value)


@implementer(IValidator)
@adapter(IEasyForm, Interface, IEasyFormForm, IText, Interface)
class TextLengthValidator(LengthValidator):
    """In the form's main fieldset."""


@implementer(IValidator)
@adapter(IEasyForm, Interface, IGroup, IText, Interface)
class GroupTextLengthValidator(LengthValidator):
    """In a fieldset of its own (easyform's groups)."""


def _too_long_message(adapter):
    """A question whose own maximum length the answer exceeds is refused
    by zope.schema before any validator (its ``fromUnicode`` checks the
    length as it converts): "Det du har fyllt i är för långt." It says how
    long, as the validator does."""
    value = adapter.widget.value if adapter.widget is not None else ""
    length = answer_length(value if isinstance(value, str) else "")
    return too_long(length, max_length(adapter.field))


#: zope.schema's TooLong on an e-form in the validator's words.
TooLongMessage = ComputedErrorViewMessage(
    _too_long_message, error=TooLong, content=IEasyForm
)
