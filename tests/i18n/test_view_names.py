"""The toolbar's "Välj vy" names every view by a Swedish name, never by its
id (issue 18, fourth trial, finding 9: the site root offered
"mitt-intranat"). Plone titles a view in that menu by its item in the
plone_displayviews menu, and by its id when it has none."""

from lxml import html
from plone import api
from plone.dexterity.utils import createContent
from solna.intranet.interfaces import ISolnaIntranetLayer
from tests.fixtures.http import browser
from tests.fixtures.http import text
from zope.i18n import translate
from zope.interface import alsoProvides


def test_the_start_page_is_mitt_intranat_in_valj_vy(site):
    page = html.fromstring(browser("webbred").get(api.portal.get().absolute_url()).text)
    (menu,) = page.cssselect("#plone-contentmenu-display")
    shown = text(menu)
    assert "Mitt intranät" in shown
    assert "mitt-intranat" not in shown


def test_every_view_of_every_type_has_a_swedish_name(site):
    portal = api.portal.get()
    request = portal.REQUEST
    alsoProvides(request, ISolnaIntranetLayer)
    types = api.portal.get_tool("portal_types")
    unnamed = {}
    for fti in types.objectValues():
        if not fti.getProperty("view_methods", None):
            continue
        if fti.getId() == "Plone Site":
            obj = portal
        else:
            obj = createContent(fti.getId(), title="Prov").__of__(portal)
        for view, title in obj.getAvailableLayouts():
            shown = translate(title, target_language="sv", context=request)
            if shown == view or shown.endswith("_title"):
                unnamed.setdefault(fti.getId(), []).append(view)
    assert unnamed == {}
