"""REST @chefens-sida: the page's data (GET) and quick news (POST)."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet.manager.page import ManagerPage
from solna.intranet.manager.quicknews import publish
from solna.intranet.manager.quicknews import validate
from solna.intranet.rest import error
from solna.intranet.rest import json_object
from zope.i18n import translate
from zope.interface import alsoProvides


class ManagerGet(Service):
    """GET @chefens-sida: the page's data (manager.page.ManagerPage.data)."""

    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@chefens-sida",
            **ManagerPage(self.request).data(),
        }


class ManagerPost(Service):
    """POST @chefens-sida, quick news: {"title", "text", "unit": UID,
    "must_read": bool, "deadline": "YYYY-MM-DD"}; 201 with {"@id", "title"}
    of the published news item, or 400 with the first Swedish error and
    ``errors`` {field: message}; nothing is created then."""

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
