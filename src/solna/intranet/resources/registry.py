"""The page's ``<script>`` and ``<link rel="stylesheet">`` tags (Plone's
resource viewlets), worked out once and kept, not on every page.

Plone's ``ResourceBase.update`` builds the whole resource registry on every
request: it reads every bundle record, makes a webresource object of each,
evaluates their expressions and hashes their files for the ``++webresource++``
URLs and ``integrity`` attributes. Profiled with py-spy on Mitt intranät that
was 8 % of the page's CPU, for tags that are the same on every page that
evaluates the bundles' expressions the same way.

So the tags are kept per (the site's URL, the theme, the custom CSS, the
bundles a request switched on or off, and the value of each bundle
expression on this page): the expressions are still evaluated on every
page (who edits here, is it a form), so an editor and a member never share
tags. The kept tags live in a volatile attribute of the site's registry
(each ZODB connection has its own) and are dropped when Plone says the
resource registry changed (``update_resource_registry_mtime``: a profile
import, the resource registry control panel, bundles.py) or the theme's
custom CSS changes. A changed file on disk is a new release: a restart.
"""

from plone.app.theming.utils import theming_policy
from plone.base.interfaces import IBundleRegistry
from plone.registry.interfaces import IRegistry
from Products.CMFCore.Expression import Expression
from Products.CMFCore.Expression import getExprContext
from Products.CMFPlone.resources.browser.resource import _RESOURCE_REGISTRY_MTIME
from Products.CMFPlone.resources.browser.resource import REQUEST_CACHE_KEY
from Products.CMFPlone.resources.browser.resource import ScriptsView
from Products.CMFPlone.resources.browser.resource import StylesView
from solna.intranet.tools import kept_on
from zope.component import getUtility


#: The volatile attribute of the registry the tags are kept in.
MEMO = "_v_solna_resource_tags"
#: At most this many sets of tags are kept (one per combination of
#: expression values: a handful on a real site).
MAX_KEPT = 64
CUSTOM_CSS = "plone.app.theming.interfaces.IThemeSettings.custom_css"


def _memo(registry):
    """{"mtime", "expressions": [(text, cooked Expression)], "tags": {key:
    rendered}} for the registry as Plone last changed it."""
    mtime = getattr(registry, _RESOURCE_REGISTRY_MTIME, None)
    memo = getattr(registry, MEMO, None)
    if memo is None or memo["mtime"] != mtime:
        records = registry.collectionOfInterface(
            IBundleRegistry, prefix="plone.bundles", check=False
        )
        texts = sorted({r.expression for r in records.values() if r.expression})
        memo = {
            "mtime": mtime,
            "expressions": [(text, Expression(text)) for text in texts],
            "tags": {},
        }
        setattr(registry, MEMO, memo)
    return memo


def expression_values(expressions, context):
    """The truth of each cooked bundle expression (a sequence of
    ``Expression``) on ``context``, as a tuple of bools.

    What Plone's ``evaluateExpression`` (Products.CMFPlone.resources.utils)
    gives one by one, but in the expression context CMF keeps per request
    and object (``getExprContext``, which the page's actions use too)
    instead of one made for each: the context (the member, the portal, the
    folder, the request) costs more to make than the expressions do to
    evaluate. ``context`` is set as Plone sets it, in a scope of its own
    (the kept context stays as CMF made it); an AttributeError reads as
    True, as there."""
    if context is None or not expressions:
        return tuple(True for _expression in expressions)
    try:
        econtext = getExprContext(context, context)
    except AttributeError:
        return tuple(True for _expression in expressions)
    values = []
    econtext.beginScope()
    try:
        econtext.setLocal("context", context)
        for expression in expressions:
            try:
                values.append(bool(expression(econtext)))
            except AttributeError:
                values.append(True)
    finally:
        econtext.endScope()
    return tuple(values)


class KeptResources:
    """ResourceBase.update, kept (see the module's docstring). Sets
    ``self.rendered`` = {"js": HTML, "css": HTML} as Plone's does."""

    def _key(self, registry, memo):
        request = self.request
        policy = theming_policy(request)
        theme = policy.get_theme() if policy.isThemeEnabled() else None
        enabled, disabled = self._request_bundles()
        return (
            self.context.portal_url(),
            getattr(theme, "__name__", None),
            registry.get(CUSTOM_CSS) or "",
            frozenset(enabled),
            frozenset(disabled),
            expression_values(
                [cooked for _text, cooked in memo["expressions"]], self.context
            ),
        )

    def update(self):
        kept = kept_on(self.request, REQUEST_CACHE_KEY)
        if kept is not None:
            self.rendered = kept
            return
        registry = getUtility(IRegistry)
        memo = _memo(registry)
        key = self._key(registry, memo)
        rendered = memo["tags"].get(key)
        if rendered is not None:
            self.rendered = rendered
            setattr(self.request, REQUEST_CACHE_KEY, rendered)
            return
        super().update()
        # Plone renders "" when a bundle is broken (and tells the site's
        # administrators): not kept, so the message shows again.
        if self.rendered.get("js") and self.rendered.get("css"):
            if len(memo["tags"]) >= MAX_KEPT:
                memo["tags"].clear()
            memo["tags"][key] = self.rendered


class KeptScripts(KeptResources, ScriptsView):
    """The page's scripts (viewlet plone.resourceregistries.scripts)."""


class KeptStyles(KeptResources, StylesView):
    """The page's stylesheets (viewlet plone.resourceregistries.styles)."""
