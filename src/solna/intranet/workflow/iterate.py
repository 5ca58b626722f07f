"""Working copies (plone.app.iterate) go through review before check-in."""

from plone import api
from plone.app.iterate.browser.control import Control as IterateControl


class Control(IterateControl):
    """Iterate's own rules, plus: a working copy is checked in only once it
    has been sent for review (Granskning). The check-in form, the menu item
    and plone.restapi's @workingcopy all ask this view."""

    def checkin_allowed(self):
        if not super().checkin_allowed():
            return False
        return api.content.get_state(self.context, default=None) == "pending"
