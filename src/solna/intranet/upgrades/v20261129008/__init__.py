"""20261129007 → 20261129008: each form names its handlers (behaviour
solna.handlers); Formulärhandläggare no longer handles every form; the
handler groups and the seven forms in "Blanketter och e-tjänster"."""

from plone import api
from solna.intranet import logger
from solna.intranet.forms.shipped import create_forms
from solna.intranet.upgrades import import_steps
from solna.intranet.workflow.groups import create_groups


def upgrade(context):
    import_steps("typeinfo")
    if api.group.get(groupname="formularhandlaggare") is not None:
        # Forms without handlers of their own keep this group (the field's
        # default), as handlers of that form only.
        api.group.revoke_roles(groupname="formularhandlaggare", roles=["Form Handler"])
    create_groups()
    create_forms()
    logger.info("Upgraded to 20261129008")
