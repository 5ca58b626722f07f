"""Plone's navigation portlet (the unit tree beside a unit's page) with its
tree drawn in Python instead of its recursive template.

plone.app.portlets' ``navigation_recurse.pt`` evaluates some twenty TALES
path expressions per item; profiled with py-spy on a unit page that was a
third of the page's CPU for a dozen items. The markup is the template's, item
for item (tests/navigation/test_portlet.py renders both and compares them),
as plone.app.layout did for the top navigation (GlobalSectionsViewlet's
``_item_markup_template``).

Its tree is found without Plone's ``effectiveRange`` (catalog.py says why:
it reads the publishing dates of every item of the site, on every page with
the portlet); items not in effect are left out by the tree's filter instead,
as the catalog would have left them out.

The tree's markup is kept in memory (``tree_key``) for the page it is drawn
on, the portlet's settings, the site's address and colleagues with the same
rights (``catalog.viewer_key``), until the catalog changes or the minute
does (what comes into effect): finding and drawing it was a tenth of a unit
page at 20,000 news (py-spy, issue 21).
"""

from Acquisition import aq_inner
from DateTime import DateTime
from html import escape
from plone.app.layout.navigation.interfaces import INavigationQueryBuilder
from plone.app.layout.navigation.interfaces import INavtreeStrategy
from plone.app.layout.navigation.navtree import buildFolderTree
from plone.app.portlets.portlets.navigation import Renderer
from plone.memoize import ram
from plone.memoize.instance import memoize
from Products.CMFCore.utils import getToolByName
from solna.intranet.catalog import catalog_counter
from solna.intranet.catalog import in_effect
from solna.intranet.catalog import viewer_key
from zope.component import getMultiAdapter

import time


#: The portlet's settings that change its tree.
SETTINGS = (
    "root_uid",
    "currentFolderOnly",
    "includeTop",
    "topLevel",
    "bottomLevel",
    "no_icons",
    "thumb_scale",
    "no_thumbs",
)


def tree_key(method, renderer):
    """What the tree's markup depends on: the page's item, the portlet's
    settings, the site's address (virtual hosting), who asks as far as the
    catalog's answers differ (``viewer_key`` for the tree's types), the
    catalog's counter (any change of it) and the minute (items coming into
    effect)."""
    context = aq_inner(renderer.context)
    query = getMultiAdapter((context, renderer.data), INavigationQueryBuilder)()
    types = query.get("portal_type") or ()
    if isinstance(types, str):
        types = (types,)
    portal_state = getMultiAdapter(
        (context, renderer.request), name="plone_portal_state"
    )
    # Without types to ask about, the member herself (no sharing).
    who = viewer_key(*types) if types else portal_state.member().getId()
    return (
        "/".join(context.getPhysicalPath()),
        tuple(getattr(renderer.data, name, None) for name in SETTINGS),
        portal_state.portal_url(),
        who,
        catalog_counter(),
        int(time.time() // 60),
    )


class InEffect:
    """A navtree strategy (plone.app.layout's ``INavtreeStrategy``) that
    also leaves out the items not in effect at ``now`` (a DateTime); every
    other question goes to ``strategy``."""

    def __init__(self, strategy, now):
        self._strategy = strategy
        self._now = now

    def __getattr__(self, name):
        return getattr(self._strategy, name)

    def nodeFilter(self, node):
        return in_effect(node["item"], self._now) and self._strategy.nodeFilter(node)


class NavigationRenderer(Renderer):
    """The navigation portlet, on our browser layer."""

    @memoize
    def getNavTree(self, _marker=None):
        """``Renderer.getNavTree``: the portlet's tree (plone.app.layout's
        ``buildFolderTree`` result, a dict with "children"), from a catalog
        query without ``effectiveRange`` for members who may not see
        inactive content; what is not in effect is filtered out of the tree
        (``InEffect``)."""
        context = aq_inner(self.context)
        query = getMultiAdapter((context, self.data), INavigationQueryBuilder)()
        strategy = getMultiAdapter((context, self.data), INavtreeStrategy)
        catalog = getToolByName(context, "portal_catalog")
        if not catalog.allow_inactive(query):
            query = {**query, "show_inactive": True}
            strategy = InEffect(strategy, DateTime())
        return buildFolderTree(context, obj=context, query=query, strategy=strategy)

    @property
    def available(self):
        """Plone's: a root, and a tree with children (from memory)."""
        if self.getNavRootPath() is None:
            return False
        if self.data.bottomLevel < 0:
            return True
        return self._tree()[0] > 0

    def createNavTree(self):
        """Plone's: the tree's ``<li>`` items (HTML), from memory."""
        return self._tree()[1]

    @memoize
    def _tree(self):
        return _tree_markup(self)

    def recurse(self, children=(), level=0, bottomLevel=0):
        """navigation_recurse.pt: the ``<li>`` of each node of ``children``
        (plone.app.layout's navtree nodes: dicts with "item" the brain,
        "children", "show_children", "getURL", "Title", "Description",
        "portal_type", "currentItem", "currentParent", "normalized_id",
        "normalized_review_state", ...) at ``level``, down to
        ``bottomLevel`` (0: all levels); HTML."""
        no_icons = self.data.no_icons
        thumb_scale = self.thumb_scale()
        icons = getMultiAdapter((self.context, self.request), name="iconresolver")
        normalize = getToolByName(self.context, "plone_utils").normalizeString
        icon_tags = {}

        def icon(name):
            if name not in icon_tags:
                icon_tags[name] = icons.tag(name)
            return icon_tags[name]

        parts = []
        for node in children:
            if not (bottomLevel <= 0 or level <= bottomLevel):
                continue
            show_children = node["show_children"]
            kids = node["children"]
            item = node["item"]
            item_type = node["portal_type"]
            is_current = node["currentItem"]
            li_class = " navTreeCurrentNode" if is_current else ""
            li_extr_class = " navTreeItemInPath" if node["currentParent"] else ""
            li_folder_class = " navTreeFolderish" if show_children else ""
            item_class = f"state-{node['normalized_review_state']}"
            if is_current:
                item_class += " navTreeCurrentItem"
            type_class = "" if no_icons else f"contenttype-{normalize(item_type)}"
            url = node["getRemoteUrl"] if node.get("useRemoteUrl") else node["getURL"]
            inner = []
            if not no_icons:
                if item_type == "File":
                    inner.append(icon(f"mimetype-{item.mime_type}"))
                else:
                    inner.append(icon(f"contenttype/{normalize(item_type)}"))
            if getattr(item, "getIcon", None) and thumb_scale:
                image_scale = getMultiAdapter(
                    (self.urltool.getPortalObject(), self.request), name="image_scale"
                )
                inner.append(
                    image_scale.tag(
                        item,
                        "image",
                        scale=thumb_scale,
                        css_class=f"float-end thumb-{thumb_scale}",
                    )
                )
            inner.append(escape(node["Title"] or "", quote=False))
            sub = ""
            if kids and (
                (show_children and bottomLevel and level < bottomLevel)
                or bottomLevel == 0
            ):
                below = self.recurse(
                    children=kids, level=level + 1, bottomLevel=bottomLevel
                )
                sub = f'<ul class="navTree navTreeLevel{level}">{below}</ul>'
            parts.append(
                f'<li class="navTreeItem visualNoMarker{li_class}{li_extr_class}'
                f'{li_folder_class} section-{escape(node["normalized_id"])}">'
                f'<a href="{escape(url)}" title="{escape(node["Description"] or "")}"'
                f' class="{item_class}{li_class}{li_extr_class}{li_folder_class}'
                f' {type_class}">{"".join(inner)}</a>{sub}</li>'
            )
        return "".join(parts)


@ram.cache(tree_key)
def _tree_markup(renderer):
    """(how many items the tree's first level has, its markup): Plone's
    ``createNavTree`` for ``renderer``."""
    children = renderer.getNavTree().get("children", [])
    bottom = renderer.data.bottomLevel or 0
    if bottom < 0:
        return len(children), renderer.recurse([], level=1, bottomLevel=bottom)
    return len(children), renderer.recurse(
        children=children, level=1, bottomLevel=bottom
    )
