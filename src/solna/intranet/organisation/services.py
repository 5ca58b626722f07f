"""REST: the directory search, for a future app (GET @hitta-kontakt), and
the unit tree the page @@organisation shows (GET @organisation)."""

from plone import api
from plone.restapi.services import Service
from solna.intranet.organisation.directory import search_directory
from solna.intranet.organisation.directory import serialize
from solna.intranet.organisation.directory import suggestion
from solna.intranet.organisation.tree import nested
from solna.intranet.organisation.tree import UNIT
from solna.intranet.rest import listing


class DirectoryGet(Service):
    """GET @hitta-kontakt?q=…&profession=…: {"@id", "items", "items_total",
    "suggestion": "Menade du …?" as the page offers it when nothing is
    found ("Lindqvist" for "Lindkvist"), else null}."""

    def reply(self):
        form = self.request.form
        text = (form.get("q") or "").strip()
        profession = form.get("profession") or ""
        results = search_directory(text, profession, limit=50)
        items = [serialize(brain) for brain in results]
        found = suggestion(text, profession) if text and not items else None
        return listing(self.context, "@hitta-kontakt", items, suggestion=found)


def organisation_tree():
    """The units the current user may see as a forest, from one catalog
    query (no unit is woken; news and people are never in it):
    [{"@id": url, "UID": uid, "title": str, "description": str,
    "items": [the same, for the units under it]}], each level sorted by
    title (förvaltningar › avdelningar › enheter)."""
    brains = api.content.find(portal_type=UNIT, sort_on="sortable_title")

    def node(entry):
        brain = entry["brain"]
        return {
            "@id": brain.getURL(),
            "UID": brain.UID,
            "title": brain.Title,
            "description": brain.Description or "",
            "items": [node(child) for child in entry["children"]],
        }

    return [node(entry) for entry in nested(brains)]


class OrganisationGet(Service):
    """GET @organisation: {"@id", "items": the tree (organisation_tree),
    "items_total": the number of top units}."""

    def reply(self):
        return listing(self.context, "@organisation", organisation_tree())
