"""Interfaces of solna.intranet."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISolnaIntranetLayer(IDefaultBrowserLayer):
    """Browser layer: views and resources of solna.intranet apply only where it
    is installed."""
