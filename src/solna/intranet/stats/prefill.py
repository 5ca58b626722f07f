""" "Skriv svaret": the add form of a Fråga och svar with its title filled
in from ``?titel=`` (the searched text that found nothing).

Plone fills no add form from a GET request (Products.CMFPlone's
z3c.form patch, PloneHotfix20160830): a link cannot prefill fields. The
title's default value on the add form of solna.Answer is therefore read
from the request here; the editor still reads it and saves it herself.
"""

from plone.app.dexterity.behaviors.metadata import IBasic
from z3c.form.interfaces import NO_VALUE
from z3c.form.widget import ComputedWidgetAttribute


#: The query parameter of the searched text.
PARAMETER = "titel"
ANSWER = "solna.Answer"
MAX_TITLE = 200


def _title(adapter):
    form = adapter.view
    if getattr(form, "portal_type", None) != ANSWER:
        return NO_VALUE
    value = adapter.request.form.get(PARAMETER)
    if not isinstance(value, str) or not value.strip():
        return NO_VALUE
    return " ".join(value.split())[:MAX_TITLE]


answer_title = ComputedWidgetAttribute(_title, field=IBasic["title"])
