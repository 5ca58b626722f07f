"""The content browser's shortcuts (related items, a link's target, a
collection's path), which plone.app.z3cform writes into the page as
untranslated message ids (swedish/widgets.py)."""

from plone import api
from plone.app.z3cform.widgets import contentbrowser
from plone.app.z3cform.widgets import querystring
from plone.app.z3cform.widgets import relateditems
from Products.CMFPlone.patterns import settings

import json
import pytest


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (contentbrowser, "get_contentbrowser_options"),
        (relateditems, "get_relateditems_options"),
        (querystring, "get_relateditems_options"),
        (settings, "get_contentbrowser_options"),
    ],
    ids=["contentbrowser", "relateditems", "querystring", "tinymce"],
)
def test_the_shortcuts_are_swedish(portal, module, name):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", title="Mapp")
        page = api.content.create(container=folder, type="Document", title="Sida")
    options = getattr(module, name)(
        page, "", ";", "plone.app.vocabularies.Catalog", "@@getVocabulary"
    )
    # As the page's JSON carries them: plain text, in Swedish.
    titles = json.loads(json.dumps([f["title"] for f in options["favorites"]]))
    assert titles == ["Aktuell mapp", "Startsidan"]
