"""20261129013 → 20261129014: Mitt intranät as the start page, Chefens sida
and must-read confirmations (the reminder job's permission, the indexes of
read-by dates, unit managers and community members, the audience column)."""

from DateTime import DateTime
from plone import api
from solna.intranet import logger
from solna.intranet.setuphandlers import set_start_page
from solna.intranet.upgrades import import_steps


#: New indexes, and the types that have something in them.
NEW_INDEXES = {
    "read_by": "News Item",
    "unit_manager": "solna.Unit",
    "community_members": "solna.Community",
}


def published_at(obj):
    """When the item was last published, from its workflow history."""
    for history in (getattr(obj, "workflow_history", None) or {}).values():
        for entry in reversed(history):
            if entry.get("review_state") == "published" and entry.get("time"):
                return entry["time"]
    return None


def upgrade(context):
    import_steps("rolemap", "typeinfo", "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    for index, portal_type in NEW_INDEXES.items():
        for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
            obj = brain._unrestrictedGetObject()
            idxs = [index]
            if portal_type == "News Item":
                # The start page goes by the publishing date: news published
                # without one (by a script) gets the time it was published.
                if obj.effective_date is None and (when := published_at(obj)):
                    obj.setEffectiveDate(DateTime(when))
                    idxs += ["effective", "effectiveRange"]
                idxs.append("audience")  # and the new metadata columns
            obj.reindexObject(idxs=idxs)
    set_start_page(api.portal.get())
    logger.info("Upgraded to 20261129014")
