"""The form editor (plone.schemaeditor, an e-form's Fält): a field's title
and its Kortnamn have a length (issue 18, fourth trial, finding 12: a
400-character title was taken and gave a 400-character Kortnamn).

- A field's title (Titel, adding a field and editing it): at most
  ``FIELD_TITLE_MAX`` characters, or a Swedish message at the field.
- Its Kortnamn: at most ``NAME_MAX`` characters. The editor's script
  derives it from the title as the editor types; a derived one that is too
  long is shortened here before the form reads it (a name the editor typed
  herself gets the message instead: it is hers to choose).
"""

from plone.schemaeditor.browser.field.edit import IFieldTitle
from plone.schemaeditor.browser.schema.add_field import FieldAddForm
from plone.schemaeditor.interfaces import INewField
from solna.intranet import _
from solna.intranet.validators import TooLong
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators

import re


FIELD_TITLE_MAX = 200
NAME_MAX = 50

#: What plone.schemaeditor's script (``plone_schemaeditor_normalize_string``)
#: does to a title to make a Kortnamn.
_LETTERS = (
    ("a", "[àáâãäå]"),
    ("ae", "[æ]"),
    ("c", "[ç]"),
    ("e", "[èéêë]"),
    ("i", "[ìíîï]"),
    ("n", "[ñ]"),
    ("o", "[òóôõö]"),
    ("oe", "[œ]"),
    ("u", "[ùúûü]"),
    ("y", "[ýÿ]"),
    ("th", "[ðþ]"),
    ("ss", "[ß]"),
    ("_", r"[\s\\]+"),
)


class FieldTitleTooLong(TooLong):
    __doc__ = _(
        "error_field_title_too_long",
        default="A field's title can be at most ${max} characters; this one is "
        "${length}. Shorten it, and put the rest in the help text.",
    )
    MAX = FIELD_TITLE_MAX


class FieldNameTooLong(TooLong):
    __doc__ = _(
        "error_field_name_too_long",
        default="The short name can be at most ${max} characters; this one is "
        "${length}. Choose a shorter one, for example the field's first words.",
    )
    MAX = NAME_MAX


def derived_name(title):
    """The Kortnamn the editor's script makes of ``title``."""
    name = (title or "").lower()
    for letters, pattern in _LETTERS:
        name = re.sub(pattern, letters, name)
    return re.sub(r"[^a-z0-9_]", "_", name)


def shortened(name):
    """``name`` cut to NAME_MAX characters, at a word ("_") when there is
    one in the second half, without a trailing "_"."""
    if len(name) <= NAME_MAX:
        return name
    cut = name[:NAME_MAX]
    if "_" in cut[NAME_MAX // 2 :]:
        cut = cut[: cut.rindex("_")]
    return cut.rstrip("_") or name[:NAME_MAX]


def shorten_derived_name(event):
    """IPubAfterTraversal: before "Lägg till fält" reads its form, a
    Kortnamn derived from the title and longer than NAME_MAX is
    shortened."""
    request = event.request
    published = request.get("PUBLISHED")
    form = getattr(published, "form_instance", published)
    if not isinstance(form, FieldAddForm):
        return
    prefix = f"{form.prefix}widgets."
    name = request.form.get(f"{prefix}__name__")
    title = request.form.get(f"{prefix}title")
    if (
        isinstance(name, str)
        and isinstance(title, str)
        and len(name) > NAME_MAX
        and name == derived_name(title)
    ):
        request.form[f"{prefix}__name__"] = shortened(name)


class FieldTitleLength(SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        if value and len(value) > FIELD_TITLE_MAX:
            raise FieldTitleTooLong(value)


class NewFieldTitleLength(FieldTitleLength):
    """Adding a field."""


class FieldNameLength(SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        if value and len(value) > NAME_MAX:
            raise FieldNameTooLong(value)


WidgetValidatorDiscriminators(NewFieldTitleLength, field=INewField["title"])
WidgetValidatorDiscriminators(FieldTitleLength, field=IFieldTitle["title"])
WidgetValidatorDiscriminators(FieldNameLength, field=INewField["__name__"])
