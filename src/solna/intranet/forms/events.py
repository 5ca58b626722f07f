"""What handling a case tells the rest of the intranet (push/ subscribes)."""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class ICaseStatusChanged(IObjectEvent):
    """A handler changed the status of a case of the form ``object``."""

    case = Attribute("The Case (forms/cases.py).")
    status = Attribute("The new status, a key of cases.STATUSES.")


@implementer(ICaseStatusChanged)
class CaseStatusChanged(ObjectEvent):
    """``CaseStatusChanged(form, case, status)``: notified by
    handling.change_status after the status is set, in its transaction."""

    def __init__(self, form, case, status):
        super().__init__(form)
        self.case, self.status = case, status
