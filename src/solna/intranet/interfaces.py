"""Interfaces of solna.intranet."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISolnaIntranetLayer(IDefaultBrowserLayer):
    """Browser layer: views and resources of solna.intranet apply only where it
    is installed."""


class IToolPage(Interface):
    """A page of the intranet's own (a search, a report, a form), not the
    view of a content item: it shows no author byline of the item it is
    called on (usually the site root, written by the admin)."""
