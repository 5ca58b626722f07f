"""The page of the grants log (``@@behorighetslogg``)."""

from Products.Five.browser import BrowserView
from solna.intranet.security.log import log_data


class GrantsLogView(BrowserView):
    """Who changed which rights, when: for HR and Webbredaktörer."""

    def data(self):
        return log_data(self.request)
