"""Dates in forms shown back in Swedish.

plone.app.z3cform shows a date or date-time field in display mode (an
e-form's thank-you page, a case) with the request's locale, which a phone
may not send: "29/12/26". These widgets show "29 dec 2026" and "29 dec 2026
kl. 18.11" (dates.py); entering dates is unchanged (the phone's date
picker)."""

from plone.app.z3cform.widgets.datetime import DatetimeWidget
from plone.app.z3cform.widgets.datetime import DateWidget
from solna.intranet.dates import display
from solna.intranet.dates import display_date
from solna.intranet.dates import typed
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import getMultiAdapter
from zope.interface import implementer


def _field_value(widget):
    converter = getMultiAdapter((widget.field, widget), IDataConverter)
    value = converter.toFieldValue(widget.value)
    return None if value is widget.field.missing_value else value


class SwedishDateWidget(DateWidget):
    def render(self):
        if self.mode != "display" or not self.value:
            return super().render()
        return display_date(_field_value(self), self.request)


class SwedishDatetimeWidget(DatetimeWidget):
    def render(self):
        if self.mode != "display" or not self.value:
            return super().render()
        value = _field_value(self)
        return display(typed(value), self.request) if value else ""


@implementer(IFieldWidget)
def DateFieldWidget(field, request):
    return FieldWidget(field, SwedishDateWidget(request))


@implementer(IFieldWidget)
def DatetimeFieldWidget(field, request):
    return FieldWidget(field, SwedishDatetimeWidget(request))
