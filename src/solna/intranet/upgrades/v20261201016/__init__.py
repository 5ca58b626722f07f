"""→ 20261201016: the object action ``cases`` (a form's Ärenden tab) asks
whether the item is a form through its interfaces. Its condition read
``object.portal_type``, which a comment does not let every member read: the
toolbar of a comment's own pages (Ta bort…, Anmäl…, Redigera) raised
Unauthorized for Webbredaktörer and the Zope administrator."""

from plone import api


#: The condition actions.xml gives the action.
AVAILABLE = (
    "python:object.restrictedTraverse('@@plone_interface_info')"
    ".provides('collective.easyform.interfaces.IEasyForm')"
)


def upgrade(context):
    """Set the action's condition (the only property changed)."""
    category = api.portal.get_tool("portal_actions").get("object")
    action = category.get("cases") if category is not None else None
    if action is not None:
        action._setPropValue("available_expr", AVAILABLE)
