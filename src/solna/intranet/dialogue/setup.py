"""The place for communities: "Nätverk" at the site root."""

from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes


FOLDER_ID = "natverk"


def create_communities_folder():
    portal = api.portal.get()
    if FOLDER_ID in portal:
        return portal[FOLDER_ID]
    folder = api.content.create(
        container=portal,
        type="Folder",
        id=FOLDER_ID,
        title="Nätverk",
        description="Erfarenhetsutbyte med kollegor i hela Solna stad, över "
        "enhetsgränserna.",
    )
    constraints = ISelectableConstrainTypes(folder)
    constraints.setConstrainTypesMode(ENABLED)
    constraints.setLocallyAllowedTypes(["solna.Community"])
    constraints.setImmediatelyAddableTypes(["solna.Community"])
    api.content.transition(folder, to_state="published")
    return folder
