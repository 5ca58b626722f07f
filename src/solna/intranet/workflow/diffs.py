"""The differences History's Jämför (compare.py) shows, as an editor reads
them.

Products.CMFDiffTool compared the fields of the edit form and showed every
value but the text raw: "Prioritet: None → Crisis" (its vocabulary's
English msgid), publishing dates as "1969/12/31 00:00:00 UTC" (Plone's
"no date"), booleans as True/False, a unit's manager as "<Person at …>",
professions in English, login names, and it left out what the reader may
see but not change (a Redaktör never saw that a Kommunikatör had sent her
news to Alla medarbetare). Here:

- the fields are those of the item's form as the reader may see it: read
  permissions, not write permissions; a field the form hides or leaves out
  (technical ones, the change note) is not compared;
- each is named by its label, as the edit form names it;
- the text (RichText) keeps CMFDiffTool's difference in the text (its
  changed words in del/ins, without its English "insert: <p>") and as
  code; every other value, a summary or an address too, is shown as it
  reads in each revision: "Första revisionen: Normal", "Andra revisionen:
  Kris"; no value is "(tomt)" (also Plone's "no date", and the id an item
  has before its short name); dates as the site writes them ("1 dec. 2026
  kl. 14.49", Stockholm's time, see dates.py); "Ja"/"Nej"; a choice by its
  title in the reader's language; related items and units by their titles
  (one the reader may not see, or that is gone, "(inte tillgänglig)");
  people by their names; a file by its name ("image.jpg (ny fil)" when
  another file of the same name replaced it). In a list, what one
  revision has and the other not is marked (del/ins).

Relations (related items, a unit's manager) are not kept in revisions
(plone.app.versioningbehavior's modifier skips them; a revision shows the
item's relations of now), so they never differ between revisions.
"""

from Acquisition import aq_inner
from DateTime import DateTime
from plone.app.textfield import RichText
from plone.dexterity.browser.edit import DefaultEditForm
from plone.dexterity.content import CEILING_DATE
from plone.dexterity.content import FLOOR_DATE
from plone.namedfile.interfaces import INamedField
from plone.uuid.interfaces import IUUIDAware
from Products.CMFDiffTool.BaseDiff import _getValue
from Products.CMFDiffTool.CMFDTHtmlDiff import CMFDTHtmlDiff
from Products.CMFDiffTool.dexteritydiff import DexterityCompoundDiff
from Products.CMFDiffTool.dexteritydiff import EXCLUDED_FIELDS
from Products.CMFDiffTool.libs import htmldiff
from Products.CMFDiffTool.utils import html_safe
from solna.intranet import _
from solna.intranet.dates import display
from solna.intranet.dates import display_date
from solna.intranet.dates import typed
from solna.intranet.members import fullname
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import HIDDEN_MODE
from z3c.relationfield.interfaces import IRelationValue
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema import Bool
from zope.schema import Choice
from zope.schema.interfaces import ICollection

import datetime
import re


EMPTY = _("compare_value_empty", default="(empty)")
UNAVAILABLE = _("compare_value_unavailable", default="(not available)")
NEW_FILE = _("compare_new_file", default="${name} (new file)")
YES = _("Yes")
NO = _("No")

#: Fields whose values are login names: shown by the person's name.
PEOPLE = frozenset(
    ("creators", "contributors", "editors", "responsible", "members", "moderators")
)
#: A UID, or the id Plone gives an item before it has its short name.
UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
#: Plone's "no date" for a publishing date and an expiry date.
NO_DATES = (FLOOR_DATE, CEILING_DATE)


def shown_fields(context, request):
    """[(field, name)] of the edit form of ``context`` as the current user may
    read it, in the form's order ("IDublinCore.effective"; a field of the
    type's own schema without a prefix): not those it hides or omits, nor
    the change note (CMFDiffTool's EXCLUDED_FIELDS)."""
    form = DefaultEditForm(aq_inner(context), request)
    form.portal_type = context.portal_type
    # Display mode: the fields' read permissions decide, not write ones.
    form.mode = DISPLAY_MODE
    form.updateFields()
    found = []
    for fields in [form.fields] + [group.fields for group in form.groups]:
        for name in fields:
            if fields[name].mode == HIDDEN_MODE or name in EXCLUDED_FIELDS:
                continue
            found.append((fields[name].field, name))
    return found


def is_text(field):
    """Is the field a text with markup (RichText), shown with its
    differences in the text and as code? Every other field, a summary or an
    address included, is shown as each revision has it."""
    return isinstance(field, RichText)


class _WordsMatcher(htmldiff.NoTagHTMLMatcher):
    """CMFDiffTool's difference in the text without its English markers of
    changed tags ("insert: <p>"), the changed words in ``del`` and ``ins``
    (read by screen readers, struck out and underlined, not only coloured)."""

    def startInsertText(self):
        return '<ins class="insert">'

    def endInsertText(self):
        return "</ins> "

    def startDeleteText(self):
        return '<del class="delete">'

    def endDeleteText(self):
        return "</del> "


def _t(message, request):
    return translate(message, context=request)


def _moment(value, request):
    """A date or a moment as the site writes it."""
    if isinstance(value, DateTime):
        return display(value, request)
    if isinstance(value, datetime.datetime):
        # A naive date-time of a form is the site's local time.
        return display(typed(value) if value.tzinfo is None else value, request)
    return display_date(value, request)


def _empty(value):
    if value is None or value == "" or value == () or value == []:
        return True
    if isinstance(value, DateTime):
        return any(value.equalTo(no_date) for no_date in NO_DATES)
    return False


class Reader:
    """Values of the fields of ``context`` as texts an editor reads, in the
    language of ``request``; each vocabulary is built once."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self._vocabularies = {}

    def readable(self, field, value):
        """The value of ``field`` as a list of texts (empty for no value):
        one for a single value, one for each of a list."""
        name = field.getName()
        if _empty(value) or (name == "id" and UUID.match(str(value))):
            return []
        if ICollection.providedBy(field) and not isinstance(value, str):
            unordered = isinstance(value, (set, frozenset))
            values = sorted(value, key=str) if unordered else value
            inner = field.value_type or field
            return [
                self.title(None) if item is None else self.one(inner, name, item)
                for item in values
                if item is None or not _empty(item)  # None: a related item gone
            ]
        return [self.one(field, name, value)]

    def one(self, field, name, value):
        """One value as the edit form would show it."""
        if isinstance(field, Bool) or isinstance(value, bool):
            return _t(YES if value else NO, self.request)
        if IRelationValue.providedBy(value):
            return self.title(value.to_object)
        if IUUIDAware.providedBy(value):
            return self.title(value)
        if isinstance(value, (DateTime, datetime.date)):
            return _moment(value, self.request)
        if isinstance(field, Choice):
            return self.choice(field, value)
        if hasattr(value, "filename"):
            return value.filename or self.title(None)
        if name in PEOPLE and isinstance(value, str):
            return fullname(value)
        if isinstance(value, Message):
            return _t(value, self.request)
        return str(value)

    def title(self, obj):
        """An item's title, or "(inte tillgänglig)" for none (gone, or not
        the reader's to see)."""
        if obj is None:
            return _t(UNAVAILABLE, self.request)
        title = obj.Title() if hasattr(obj, "Title") else ""
        return title or obj.getId()

    def vocabulary(self, field):
        """The bound vocabulary (or source) of a choice, or None."""
        key = id(field)
        if key not in self._vocabularies:
            try:
                found = field.bind(self.context).vocabulary
            except (LookupError, TypeError, ValueError, AttributeError):
                found = None
            self._vocabularies[key] = found
        return self._vocabularies[key]

    def choice(self, field, value):
        """A choice by its title ("Kris", "Förskollärare", "Barn och
        utbildning › Solgläntan")."""
        vocabulary = self.vocabulary(field)
        term = None
        if vocabulary is not None:
            try:
                term = vocabulary.getTerm(value)
            except (LookupError, ValueError, TypeError, AttributeError):
                term = None
        if term is not None and term.title:
            return _t(term.title, self.request)
        if isinstance(value, str) and UUID.match(value):
            from plone.app.uuid.utils import uuidToObject

            return self.title(uuidToObject(value))
        return str(value)


class Difference:
    """One field that differs between two revisions: its ``label``; a text
    with markup (``text`` true) has CMFDiffTool's ``diff`` for
    ``inline_diff``, ``html_diff`` and ``ndiff``; any other value has
    ``before`` and ``after``: [(text, only in this revision)], see
    ``readable``."""

    def __init__(self, diff, field, old, new, reader):
        self.diff = diff
        request = reader.request
        self.label = _t(diff.label if field is None else field.title, request)
        self.text = field is None or is_text(field)
        if self.text:
            self.same = diff.same
            return
        name = field.getName()
        before = reader.readable(field, _getValue(old, name, name, False))
        after = reader.readable(field, _getValue(new, name, name, False))
        self.same = before == after
        if self.same and not diff.same and INamedField.providedBy(field):
            # Another file of the same name.
            after = [_t(Message(NEW_FILE, mapping={"name": f}), request) for f in after]
            self.same = False
        self.empty = _t(EMPTY, request)
        self.before = [(text, text not in after) for text in before]
        self.after = [(text, text not in before) for text in after]

    def inline_diff(self):
        """The difference in the text (HTML): the words."""
        if isinstance(self.diff, CMFDTHtmlDiff):
            old, new = (
                html_safe("\n".join(self.diff._parseField(value)))
                for value in (self.diff.oldValue, self.diff.newValue)
            )
            return _WordsMatcher(old, new).htmlDiff()
        found = getattr(self.diff, "inline_diff", None)
        return found() if found is not None else ""

    def html_diff(self):
        """The difference as code, side by side (HTML), or ""."""
        found = getattr(self.diff, "html_diff", None)
        return found(wrapcolumn=80) if found is not None else ""

    def ndiff(self):
        """The difference as code, line by line (text), or ""."""
        found = getattr(self.diff, "ndiff", None)
        return found() if found is not None else ""


class Differences(DexterityCompoundDiff):
    """CMFDiffTool's comparison of two revisions of a Dexterity item over
    the ``fields`` of ``shown_fields``, each a ``Difference``."""

    def __init__(self, old, new, fields, reader, id1=None, id2=None):
        self._fields = fields
        self._reader = reader
        super().__init__(old, new, "any", id1=id1, id2=id2)

    def _compute_fields_order(self, obj):
        return self._fields

    def _diff_field(self, obj1, obj2, field, schema_name):
        diff = super()._diff_field(obj1, obj2, field, schema_name)
        return Difference(diff, field, obj1, obj2, self._reader)


def differences(context, old, new, request, id1=None, id2=None):
    """The fields that differ from revision ``old`` to ``new`` of the
    Dexterity item ``context``, as ``Difference``s in the form's order."""
    fields = shown_fields(context, request)
    reader = Reader(context, request)
    found = Differences(old, new, fields, reader, id1=id1, id2=id2)
    return [change for change in found if not change.same]
