"""An e-form over REST, the same form as the page: what it asks (with the
member's prefilled answers) and sending it in through collective.easyform's
own form, so the validators, prefill, the action "Spara som ärende" (the
case, its mails) and every error message are the page's.

Answers come as JSON ``{"field": value}``: text as a string, a date as
"YYYY-MM-DD", a choice as the value shown in ``choices``, several choices
as a list, a checkbox as true/false, a file as ``{"filename": …,
"data": <base64>, "content-type": …}``.
"""

from collective.easyform.api import get_schema
from collective.easyform.browser.view import EasyFormForm
from collective.easyform.interfaces import IFieldExtender
from plone.namedfile.interfaces import INamedField
from plone.protect.authenticator import createToken
from solna.intranet import _
from solna.intranet.forms.validators import max_length
from types import SimpleNamespace
from z3c.form.interfaces import IDataConverter
from zope.component import queryMultiAdapter
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
from ZPublisher.HTTPRequest import FileUpload

import base64
import binascii
import datetime
import io
import re


PREFIX = "form.widgets."
BAD_FILE = _(
    "error_bad_file_answer",
    default='Send a file as {"filename": "intyg.pdf", "data": "<base64>"}.',
)
UNKNOWN_FIELDS = _(
    "error_unknown_form_fields",
    default="This form has no question ${names}.",
)


def _kind(field, widget):
    """What kind of input the question is, for an app: text, textarea,
    email, tel, date, datetime, select, multiselect, checkbox, file."""
    if INamedField.providedBy(field):
        return "file"
    if IBool.providedBy(field):
        return "checkbox"
    if ICollection.providedBy(field):
        return "multiselect"
    if IChoice.providedBy(field):
        return "select"
    if IDatetime.providedBy(field):
        return "datetime"
    if IDate.providedBy(field):
        return "date"
    kind = (getattr(widget, "attributes", {}) or {}).get("type")
    if kind in ("tel", "email"):
        return kind
    # (A one-line TextLine is a kind of Text in zope.schema.)
    if IText.providedBy(field) and not ITextLine.providedBy(field):
        return "textarea"
    return "text"


def _vocabulary(field):
    if ICollection.providedBy(field):
        field = field.value_type
    return getattr(field, "vocabulary", None)


def _default(widget, field):
    """The answer the page fills in (the member's name, unit, e-mail)."""
    if not widget.value:
        return None
    if IChoice.providedBy(field) or ICollection.providedBy(field):
        vocabulary = _vocabulary(field)
        tokens = widget.value if isinstance(widget.value, list) else [widget.value]
        values = [vocabulary.getTermByToken(t).value for t in tokens if t]
        return values if ICollection.providedBy(field) else (values or [None])[0]
    converter = queryMultiAdapter((field, widget), IDataConverter)
    try:
        value = converter.toFieldValue(widget.value) if converter else widget.value
    except Exception:
        value = widget.value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _form(context, request):
    form = EasyFormForm(context, request)
    form.update()
    return form


def _widgets(form):
    found = dict(form.widgets.items())
    for group in getattr(form, "groups", ()):
        found.update(group.widgets.items())
    return found


def questions(context, request):
    """The form's questions in order: [{"name", "title", "description",
    "required", "input", "default", "choices"?, "max_length"? (text),
    "validators"}]. Call it on a GET (the page's empty form, prefilled)."""
    widgets = _widgets(_form(context, request))
    found = []
    for name, field in getFieldsInOrder(get_schema(context)):
        widget = widgets.get(name)
        if widget is None:
            continue  # hidden or server-side only
        item = {
            "name": name,
            "title": translate(field.title, context=request),
            "description": translate(field.description or "", context=request),
            "required": bool(field.required),
            "input": _kind(field, widget),
            "default": _default(widget, field),
            "validators": list(getattr(IFieldExtender(field), "validators", ()) or ()),
        }
        if IText.providedBy(field):
            # The longest answer the form takes (forms/validators.py).
            item["max_length"] = max_length(field)
        vocabulary = _vocabulary(field)
        if vocabulary is not None:
            item["choices"] = [
                {
                    "value": term.value,
                    "title": translate(term.title or str(term.value), context=request),
                }
                for term in vocabulary
            ]
        found.append(item)
    return found


def _tokens(field, value):
    vocabulary = _vocabulary(field)
    values = value if isinstance(value, list) else [value]
    tokens = []
    for one in values:
        try:
            tokens.append(vocabulary.getTerm(one).token)
        except LookupError:
            tokens.append(str(one))  # refused by the form, in Swedish
    return tokens


def _upload(name, value, request):
    if not isinstance(value, dict) or "data" not in value:
        raise ValueError(translate(BAD_FILE, context=request))
    try:
        data = base64.b64decode(value["data"], validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise ValueError(translate(BAD_FILE, context=request)) from None
    content_type = value.get("content-type") or "application/octet-stream"
    return FileUpload(
        SimpleNamespace(
            file=io.BytesIO(data),
            headers={"content-type": content_type},
            filename=str(value.get("filename") or "bilaga"),
            name=f"{PREFIX}{name}",
        )
    )


WRONG_TEXT = _("error_answer_text", default="Write the answer as text.")
WRONG_CHOICE = _(
    "error_answer_choice",
    default="Choose one of: ${choices}.",
)
WRONG_DATE = _(
    "error_answer_date",
    default="Write the date as YYYY-MM-DD, for example 2027-01-31.",
)
WRONG_YES_NO = _("error_answer_yes_no", default="Answer true or false.")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _choice_error(field, value, request):
    """Why ``value`` is no answer to a choice question, or None."""
    vocabulary = _vocabulary(field)
    values = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not ICollection.providedBy(field):
        values = [None]  # one choice only
    offered = [term.value for term in vocabulary or ()]
    if all(isinstance(v, (str, int)) and v in offered for v in values):
        return None
    choices = ", ".join(str(v) for v in offered)
    return translate(
        Message(WRONG_CHOICE, mapping={"choices": choices}), context=request
    )


def _answer_error(field, value, request):
    """Why ``value`` cannot be an answer to ``field``, or None (the form's
    own validators then check what it says)."""
    if INamedField.providedBy(field):
        return None  # _upload says it
    if IBool.providedBy(field):
        ok = isinstance(value, bool) or str(value).lower() in ("true", "false")
        return None if ok else translate(WRONG_YES_NO, context=request)
    if IChoice.providedBy(field) or ICollection.providedBy(field):
        return _choice_error(field, value, request)
    if IDate.providedBy(field) and not IDatetime.providedBy(field):
        ok = isinstance(value, str) and DATE.match(value.strip())
        return None if ok else translate(WRONG_DATE, context=request)
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return translate(WRONG_TEXT, context=request)
    return None


def _encode(request, answers, context):
    """Put the JSON answers into the request as the page's form sends them.
    Returns {question: Swedish message} of answers that are no answer to
    their question (a list for a text, an unknown choice, a date that is no
    date). Raises ValueError (a Swedish message) for a bad file or an
    unknown question."""
    fields = dict(getFieldsInOrder(get_schema(context)))
    unknown = sorted(set(answers) - set(fields))
    if unknown:
        raise ValueError(
            translate(
                Message(UNKNOWN_FIELDS, mapping={"names": ", ".join(unknown)}),
                context=request,
            )
        )
    errors = {}
    for name, value in answers.items():
        field, key = fields[name], f"{PREFIX}{name}"
        if value is None:
            continue
        if refused := _answer_error(field, value, request):
            errors[name] = refused
            continue
        if INamedField.providedBy(field):
            request.form[key] = _upload(name, value, request)
        elif IBool.providedBy(field):
            request.form[f"{key}-empty-marker"] = "1"
            if value is True or str(value).lower() == "true":
                request.form[key] = ["selected"]
        elif IChoice.providedBy(field) or ICollection.providedBy(field):
            request.form[f"{key}-empty-marker"] = "1"
            request.form[key] = _tokens(field, value)
        else:
            request.form[key] = str(value)
    return errors


def _prefilled(context, request):
    """The answers the page fills in for this member (its fields' defaults:
    name, unit, e-mail), for the questions the member may leave as they
    are."""
    fields = dict(getFieldsInOrder(get_schema(context)))
    found = {}
    for name, widget in _widgets(_form(context, request)).items():
        if name in fields:
            value = _default(widget, fields[name])
            if value not in (None, "", []):
                found[name] = value
    return found


def submit(context, request, answers):
    """Send the form in with ``answers`` (and, for questions not answered,
    what the page prefills); returns (case id or None, errors {question:
    Swedish message}). Raises ValueError for a bad file or an unknown
    question."""
    answers = {**_prefilled(context, request), **answers}
    refused = _encode(request, answers, context)
    if refused:
        return None, refused
    request.form["form.buttons.submit"] = "1"
    # easyform checks the page's CSRF token itself; a REST call has none
    # (its own protection is the REST API's: an authenticated JSON call).
    request.form["_authenticator"] = createToken()
    form = _form(context, request)
    errors = {}
    for error in form.widgets.errors + tuple(
        e for group in getattr(form, "groups", ()) for e in group.widgets.errors
    ):
        name = error.widget.__name__ if error.widget is not None else ""
        errors[name] = translate(error.message, context=request)
    if not errors and form.status and not form.thanksPage:
        errors[""] = translate(form.status, context=request)
    return request.get("solna.intranet.case"), errors
