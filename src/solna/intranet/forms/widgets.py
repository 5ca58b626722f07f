"""A phone number input: ``type="tel"`` brings up the phone's number pad."""

from plone.app.z3cform.widgets.text import TextWidget
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.interface import implementer


class TelWidget(TextWidget):
    klass = "tel-widget"

    @property
    def attributes(self):
        attributes = super().attributes
        attributes["type"] = "tel"  # overrides type="text" of text_input.pt
        attributes["autocomplete"] = "tel"
        return attributes


@implementer(IFieldWidget)
def TelFieldWidget(field, request):
    return FieldWidget(field, TelWidget(request))
