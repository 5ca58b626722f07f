"""Chefens sida: the page and its quick news form."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from solna.intranet import _
from solna.intranet.crisis.state import may_raise
from solna.intranet.interfaces import IToolPage
from solna.intranet.manager.page import ManagerPage
from solna.intranet.manager.quicknews import publish
from solna.intranet.manager.quicknews import validate
from zope.interface import implementer

import datetime


@implementer(IToolPage)
class ManagerView(BrowserView):
    """@@chefens-sida"""

    def __call__(self):
        self.page = ManagerPage(self.request)
        self.errors = {}
        self.values = {}
        if self.request.method == "POST" and self.page.units:
            CheckAuthenticator(self.request)
            self.values, self.errors = validate(self.request.form, self.page.units)
            if not self.errors:
                item = publish(self.values, self.page.units)
                api.portal.show_message(
                    _(
                        "Published: ${title}",
                        mapping={"title": item.Title()},
                    ),
                    self.request,
                )
                return self.request.response.redirect(
                    f"{self.context.absolute_url()}/@@chefens-sida"
                )
            api.portal.show_message(
                self.errors.get("priority")
                or _("Please correct the indicated errors."),
                self.request,
                type="error",
            )
        self.data = self.page.data()
        return self.index()

    def value(self, name, default=""):
        return self.values.get(name, default)

    def may_follow_crises(self):
        """Krisledning: the link to Krisläge."""
        return may_raise(self.context)

    def today(self):
        return datetime.date.today().isoformat()
