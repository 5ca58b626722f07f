"""20261201004 → 20261201005: Arkivera asks "Vill du arkivera …?" first (the
archive transition's action is ``@@arkivera``, workflow/archive.py), and
"Skicka tillbaka" is offered only when the item has another author to send
it to (the reject guard, workflow/guards.py), in the publication, person and
rule workflows; the shipped forms and Blanketter are no longer signed "av
admin" (forms/shipped.py)."""

from plone import api
from solna.intranet.forms.shipped import FOLDER_ID
from solna.intranet.forms.shipped import FORMS
from solna.intranet.forms.shipped import unsigned
from solna.intranet.upgrades import import_steps


def upgrade(context):
    import_steps("workflow")
    folder = api.portal.get().get(FOLDER_ID)
    if folder is None:
        return
    unsigned(folder)
    for shipped in FORMS:
        if shipped.id in folder:
            unsigned(folder[shipped.id])
