"""Personlig information (``@@personal-information``, and IT's
``@@user-information`` of another member): the full name is required.

Plone's user data schema leaves it optional (plone.app.users'
``IUserDataSchema``), and a member who cleared it was saved without a word
(issue 18's fourth trial, 4); Hitta kontakt, the unit pages, the author of
every news item and comment show people by it. The field is marked
required (its label and the browser's check), and an empty or blank name
is refused with a message of its own, everything else typed kept.
"""

from plone.app.users.browser.userdatapanel import UserDataPanel
from plone.z3cform.fieldsets.extensible import FormExtender
from solna.intranet.interfaces import ISolnaIntranetLayer
from z3c.form import validator
from zope.component import adapter
from zope.i18nmessageid import MessageFactory
from zope.interface import Interface
from zope.interface import Invalid

import copy


_ = MessageFactory("solna.intranet")

FULLNAME = "fullname"
NAME_REQUIRED = _(
    "error_fullname_required",
    default="Write your full name: colleagues find you by it in Hitta kontakt.",
)


@adapter(Interface, ISolnaIntranetLayer, UserDataPanel)
class FullnameRequired(FormExtender):
    """Marks the form's full name required (a copy of the schema's field:
    the schema itself, shared with registration, is left as it is)."""

    def update(self):
        fields = self.form.fields
        if FULLNAME in fields and not fields[FULLNAME].field.required:
            required = copy.copy(fields[FULLNAME].field)
            required.required = True
            fields[FULLNAME].field = required


class FullnameValidator(validator.SimpleFieldValidator):
    """The form's text lines as z3c.form checks them, the full name not
    empty nor only spaces (NAME_REQUIRED)."""

    def validate(self, value, force=False):
        if self.field.__name__ == FULLNAME and not (value or "").strip():
            raise Invalid(NAME_REQUIRED)
        return super().validate(value, force)
