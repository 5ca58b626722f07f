"""Phone links that say whom they call: "Ring Anna Lindqvist, mobil
070-123 45 67" as the link's accessible name (WCAG 2.4.4 Link Purpose: a
bare number in a list of people does not say whose it is; 2.5.3 Label in
Name: the visible number is part of the name). Their size and spacing
(44 px high, 8 px apart) are in theme/resources/scss/_navigation.scss."""

from functools import lru_cache
from solna.intranet import _
from zope.i18n import interpolate
from zope.i18n import translate
from zope.i18nmessageid import Message


LABELS = {
    "phone": _("call_phone", default="Call ${name}, phone ${number}"),
    "mobile": _("call_mobile", default="Call ${name}, mobile ${number}"),
}


def call_label(request, name, number, kind="phone", language=None):
    """The accessible name of a tel: link, translated for ``request`` (or
    into ``language``, when a list of people negotiated it once):
    "Ring ``name``, telefon ``number``" (``kind`` "phone") or "…, mobil …"
    (``kind`` "mobile"); just the number without a name."""
    if not name:
        return number or ""
    mapping = {"name": name, "number": number or ""}
    if language:
        # A list of people: the label translated once per kind and
        # language, filled in per person (a unit of a hundred people
        # translated it 200 times: 5 % of its page, issue 21).
        return interpolate(_label(kind, language), mapping)
    message = Message(LABELS[kind], mapping=mapping)
    return translate(message, context=request, target_language=language)


@lru_cache(maxsize=64)
def _label(kind, language):
    """The label of ``kind`` in ``language``, its ${name} and ${number}
    not yet filled in."""
    return translate(LABELS[kind], target_language=language)


def call(self, name, number, kind="phone"):
    """A view's method (``call = call`` in its class): call_label for the
    view's request."""
    return call_label(self.request, name, number, kind)
