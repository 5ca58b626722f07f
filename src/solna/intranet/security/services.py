"""REST ``GET @behorighetslogg``: the grants log (see log.log_data)."""

from plone.restapi.services import Service
from solna.intranet.security.log import log_data


class GrantsLogGet(Service):
    def reply(self):
        data = log_data(self.request)
        data["@id"] = f"{self.context.absolute_url()}/@behorighetslogg"
        return data
