"""Chefens sida: the page, its quick news form and REST @chefens-sida."""

from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five import BrowserView
from solna.intranet import _
from solna.intranet.interfaces import IToolPage
from solna.intranet.manager.page import ManagerPage
from solna.intranet.manager.quicknews import publish
from solna.intranet.manager.quicknews import validate
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from zope.i18n import translate
from zope.interface import alsoProvides
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
                _("Please correct the indicated errors."), self.request, type="error"
            )
        self.data = self.page.data()
        return self.index()

    def value(self, name, default=""):
        return self.values.get(name, default)

    def today(self):
        return datetime.date.today().isoformat()


class ManagerGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@chefens-sida",
            **ManagerPage(self.request).data(),
        }


class ManagerPost(Service):
    """Quick news: {"title", "text", "unit": UID, "must_read", "deadline"}."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        page = ManagerPage(self.request)
        values, errors = validate(json_object(self.request), page.units)
        if errors:
            return error(
                self.request,
                next(iter(errors.values())),
                errors={
                    field: translate(message, context=self.request)
                    for field, message in errors.items()
                },
            )
        item = publish(values, page.units)
        self.request.response.setStatus(201)
        return {"@id": item.absolute_url(), "title": item.Title()}
