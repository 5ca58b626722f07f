"""Phone links that say whom they call: "Ring Anna Lindqvist, mobil
070-123 45 67" as the link's accessible name (WCAG 2.4.4 Link Purpose: a
bare number in a list of people does not say whose it is; 2.5.3 Label in
Name: the visible number is part of the name). Their size and spacing
(44 px high, 8 px apart) are in theme/resources/scss/_navigation.scss."""

from solna.intranet import _
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
    message = Message(LABELS[kind], mapping={"name": name, "number": number or ""})
    return translate(message, context=request, target_language=language)


def call(self, name, number, kind="phone"):
    """A view's method (``call = call`` in its class): call_label for the
    view's request."""
    return call_label(self.request, name, number, kind)
