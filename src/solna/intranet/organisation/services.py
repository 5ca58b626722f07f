"""REST: the directory search, for a future app (GET @hitta-kontakt)."""

from plone.restapi.services import Service
from solna.intranet.organisation.directory import search_directory
from solna.intranet.organisation.directory import serialize


class DirectoryGet(Service):
    def reply(self):
        form = self.request.form
        results = search_directory(
            (form.get("q") or "").strip(), form.get("profession") or "", limit=50
        )
        items = [serialize(brain) for brain in results]
        return {
            "@id": f"{self.context.absolute_url()}/@hitta-kontakt",
            "items": items,
            "items_total": len(items),
        }
