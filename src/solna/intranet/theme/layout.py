"""The Solna page without Diazo: ``main_template`` (templates/
main_template.pt) draws the page the theme's Diazo rules used to make
(Barceloneta's page: header, ☰ menu, columns, footer; the rules and page
were removed in upgrade 20261201004) and asks ``@@solna-layout`` where each
of Plone's header, navigation and footer viewlets goes, as the rules did.

Why: Diazo turns every page into a tree and runs an XSLT of ~40 rules over
it; profiled with py-spy on Mitt intranät that was the largest single cost
of a page (14 % of its CPU; 40 → 33 ms per page with the theme off). The
theme stays a theme (its CSS, ``++theme++solna``), with no rules
(plone.app.theming's transform does nothing for a theme without rules).
"""

from plone.portlets.interfaces import IPortletManager
from plone.portlets.interfaces import IPortletManagerRenderer
from Products.CMFPlone.browser.main_template import MainTemplate as PloneMainTemplate
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import queryMultiAdapter
from zope.component import queryUtility
from zope.viewlet.interfaces import IViewletManager


#: Header viewlets placed apart (rules.xml's moves); the others go into
#: the header's ``#portal-top`` in their order.
SKIP_LINK = "solna.skiplink"
CRISIS_BANNER = "solna.crisis.banner"
LOGO = "plone.logo"
SEARCHBOX = "plone.searchbox"
GLOBAL_SECTIONS = "plone.global_sections"
#: Footer viewlets: Plone's footer portlets (the doormat) and Solna's footer.
FOOTER_PORTLETS = "plone.footer"
SOLNA_FOOTER = "solna.footer"


class MainTemplate(PloneMainTemplate):
    """Plone's ``main_template`` view with Solna's page (for pages loaded
    with ``ajax_load``, Plone's own ajax template, as before)."""

    main_template = ViewPageTemplateFile("templates/main_template.pt")


class Layout(BrowserView):
    """@@solna-layout: the viewlets of Plone's page managers, rendered once
    each and sorted into the places of Solna's page."""

    def _viewlets(self, manager_name, view):
        """[(viewlet name, viewlet)] of the manager ``manager_name`` for
        ``view``, updated and filtered as the manager does (hidden ones
        left out); [] without such a manager."""
        manager = queryMultiAdapter(
            (self.context, self.request, view), IViewletManager, name=manager_name
        )
        if manager is None:
            return []
        manager.update()
        return [(getattr(v, "__name__", ""), v) for v in manager.viewlets]

    def header(self, view):
        """plone.portalheader, sorted: {"skiplink", "crisis", "logo",
        "searchbox": HTML (or ""), "top": HTML of the others, in order}."""
        places = {"skiplink": "", "crisis": "", "logo": "", "searchbox": ""}
        top = []
        for name, viewlet in self._viewlets("plone.portalheader", view):
            html = viewlet.render()
            if name == SKIP_LINK:
                places["skiplink"] += html
            elif name == CRISIS_BANNER:
                places["crisis"] += html
            elif name == LOGO:
                places["logo"] += html
            elif name == SEARCHBOX:
                places["searchbox"] += html
            else:
                top.append(html)
        places["top"] = "".join(top)
        return places

    def navigation(self, view):
        """plone.mainnavigation: {"items": HTML of the menu's <li>s,
        "toggler": True when there is a menu to open (not for visitors
        not signed in)}. Its other viewlets are not shown (nor were they
        with rules.xml)."""
        for name, viewlet in self._viewlets("plone.mainnavigation", view):
            if name == GLOBAL_SECTIONS and viewlet.navtree:
                return {"items": viewlet.render_globalnav(), "toggler": True}
        return {"items": "", "toggler": False}

    def top(self, view):
        """plone.portaltop (the bottom bar on phones), at the end of the
        page: HTML."""
        return "".join(v.render() for _, v in self._viewlets("plone.portaltop", view))

    def footer(self, view):
        """plone.portalfooter: {"portlets": Plone's footer portlets (the
        doormat), "solna": Solna's footer, "after": any other viewlet's
        HTML (a statistics script), placed after the footer}."""
        places = {"portlets": "", "solna": "", "after": ""}
        for name, viewlet in self._viewlets("plone.portalfooter", view):
            if name == FOOTER_PORTLETS:
                places["portlets"] = self._footer_portlets(view)
            elif name == SOLNA_FOOTER:
                places["solna"] += viewlet.render()
            else:
                places["after"] += viewlet.render()
        return places

    def _footer_portlets(self, view):
        """The footer portlets a Webbredaktör added (the profile removes
        Plone's), each in a column of the doormat: HTML, "" for none."""
        manager = queryUtility(IPortletManager, name="plone.footerportlets")
        if manager is None:
            return ""
        renderer = queryMultiAdapter(
            (self.context, self.request, view, manager), IPortletManagerRenderer
        )
        if renderer is None or not renderer.visible:
            return ""
        renderer.update()
        html = renderer.render().strip()
        return f'<div class="col-12 col-md">{html}</div>' if html else ""
