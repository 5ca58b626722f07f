"""What a form knows about the member filling it in, for its fields'
defaults (easyform's TDefault), e.g. ``here/@@solna-prefill/fullname``."""

from plone import api
from Products.Five.browser import BrowserView
from solna.intranet.forms.validators import MAX_LINE
from solna.intranet.members import unit_title
from solna.intranet.vocabularies import professions
from solna.intranet.vocabularies import title_of


class Prefill(BrowserView):
    def _member(self):
        return None if api.user.is_anonymous() else api.user.get_current()

    def _property(self, name):
        member = self._member()
        return (member.getProperty(name, "") or "") if member else ""

    def fullname(self):
        return self._property("fullname")

    def email(self):
        return self._property("email")

    def unit(self):
        """The title of the member's unit (their profile keeps its UID)."""
        member = self._member()
        return unit_title(member.getId()) if member else ""

    def profession(self):
        value = self._property("profession")
        return title_of(professions, value, self.request)

    def referer(self):
        """The page the member came from (for "where was the problem?"),
        without its query when the whole address is longer than a one-line
        answer may be (forms/validators.py MAX_LINE: a search with its
        filters), so that the prefilled answer is not refused."""
        referer = self.request.get("HTTP_REFERER", "") or ""
        portal_url = api.portal.get().absolute_url()
        if not referer.startswith(portal_url):
            return ""
        if len(referer) > MAX_LINE:
            referer = referer.split("?", 1)[0].split("#", 1)[0]
        return referer
