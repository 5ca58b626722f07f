"""REST: the directory search, for a future app (GET @hitta-kontakt)."""

from plone.restapi.services import Service
from solna.intranet.organisation.directory import search_directory
from solna.intranet.organisation.directory import serialize
from solna.intranet.rest import listing


class DirectoryGet(Service):
    def reply(self):
        form = self.request.form
        results = search_directory(
            (form.get("q") or "").strip(), form.get("profession") or "", limit=50
        )
        items = [serialize(brain) for brain in results]
        return listing(self.context, "@hitta-kontakt", items)
