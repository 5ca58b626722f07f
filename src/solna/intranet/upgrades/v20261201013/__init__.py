"""→ 20261201013: the shipped form Tillbud och arbetsskada checks that "När
hände det?" is not after today (forms/validators.py ``isNotInFuture``), as
a new site's form does. A form whose editors removed the field, or gave it
validators of their own, is left as it is."""

from lxml import etree
from plone import api
from solna.intranet.forms.shipped import FOLDER_ID

import logging


logger = logging.getLogger(__name__)

FORM_ID = "tillbud-och-arbetsskada"
FIELD = "datum"
VALIDATOR = "isNotInFuture"
SCHEMA = "http://namespaces.plone.org/supermodel/schema"
EASYFORM = "http://namespaces.plone.org/supermodel/easyform"


def with_validator(model):
    """The field model with the validator on the date field, or None when
    there is nothing to change."""
    root = etree.fromstring(model.encode("utf-8"))
    fields = root.xpath(f"//s:field[@name='{FIELD}']", namespaces={"s": SCHEMA})
    if len(fields) != 1 or fields[0].get(f"{{{EASYFORM}}}validators"):
        return None
    fields[0].set(f"{{{EASYFORM}}}validators", VALIDATOR)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8").decode("utf-8")


def upgrade(context):
    folder = api.portal.get().get(FOLDER_ID)
    form = folder.get(FORM_ID) if folder is not None else None
    model = getattr(form, "fields_model", None) if form is not None else None
    changed = with_validator(model) if model else None
    if changed:
        form.fields_model = changed
        logger.info("%s: the accident date is checked against today", FORM_ID)
