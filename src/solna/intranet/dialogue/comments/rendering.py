"""A comment's text rendered once, not on every view (issue 21).

plone.app.discussion's ``Comment.getText`` runs the comment's text through
``portal_transforms`` (finding a path through the transform graph, then
text → HTML and the safe-HTML filter) each time a page, REST or the
moderation queue shows it: 45 % of a news item's page with 50 comments.
What comes out depends only on the text, its MIME type, the wanted type and
the safe-HTML filter's settings (Site Setup, HTML-filtrering), so
``getText`` is patched (patches.zcml) to keep the result in memory (an LRU
cache of 2,000 texts per process, ``functools.lru_cache``: plone.memoize's
RAM cache turned each key into a string and hashed it, 1 % of a news
item's page with ten comments shown) under exactly those.
An edited comment has a new text and so a new entry; a changed filter
setting makes new entries for every comment. Only the plain-text types
comments are written in are cached: HTML may hold links resolved against
the comment's place (resolveuid), which a cache keyed by text alone must not
share.
"""

from plone.app.discussion.comment import Comment
from plone.base.interfaces import IFilterSchema
from plone.registry.interfaces import IRegistry
from Products.CMFCore.utils import getToolByName
from solna.intranet.tools import kept_on
from zope.component import queryUtility
from zope.component.hooks import getSite
from zope.globalrequest import getRequest

import functools


#: The source types whose rendering depends on the text alone.
PLAIN = ("text/plain", "text/x-web-intelligent")
#: Where a request keeps the filter settings it read (read once per request).
_REQUEST_KEY = "_solna_comment_filters"

_original_getText = Comment.getText


def filter_settings():
    """The safe-HTML filter's settings as a hashable tuple (``()`` without
    a registry), read once per request."""
    request = getRequest()
    found = kept_on(request, _REQUEST_KEY)
    if found is not None:
        return found
    registry = queryUtility(IRegistry)
    found = ()
    if registry is not None:
        settings = registry.forInterface(IFilterSchema, prefix="plone", check=False)
        found = (
            bool(getattr(settings, "disable_filtering", False)),
            tuple(getattr(settings, "nasty_tags", None) or ()),
            tuple(getattr(settings, "valid_tags", None) or ()),
            tuple(getattr(settings, "custom_attributes", None) or ()),
        )
    if request is not None:
        setattr(request, _REQUEST_KEY, found)
    return found


def _rendered(comment, text, source, target, filters):
    """The comment's ``text`` of MIME type ``source`` as ``target`` (a str),
    or None without a transform path, kept per what it depends on (the
    module's docstring); not kept outside a site (a script)."""
    if getSite() is None:
        return _convert(comment, text, source, target)
    return _kept(text, source, target, filters)


def _convert(context, text, source, target):
    transforms = getToolByName(context, "portal_transforms")
    result = transforms.convertTo(target, text, context=context, mimetype=source)
    return result.getData() if result else None


@functools.lru_cache(maxsize=2000)
def _kept(text, source, target, filters):
    """``_rendered`` without the comment: the site's transforms, in the
    site's context (what comes out depends on the key alone)."""
    return _convert(getSite(), text, source, target)


def getText(self, targetMimetype=None):
    """``Comment.getText`` from the cache (the module's docstring): the
    comment's text as ``targetMimetype`` (default "text/x-html-safe"), a
    str; "" without a text."""
    text = self.text
    if text is None:
        return ""
    source = getattr(self, "mime_type", None)
    if source not in PLAIN or not isinstance(text, str):
        return _original_getText(self, targetMimetype)
    target = targetMimetype or "text/x-html-safe"
    found = _rendered(self, text, source, target, filter_settings())
    if found is None:  # no transform path: Plone's own logging and answer
        return _original_getText(self, targetMimetype)
    return found
