"""Interfaces of solna.intranet."""

from plone.app.discussion.interfaces import IDiscussionLayer
from plone.app.z3cform.interfaces import IPloneFormLayer
from zope.interface import Interface


class ISolnaIntranetLayer(IDiscussionLayer, IPloneFormLayer):
    """Browser layer: views and resources of solna.intranet apply only where it
    is installed. It extends plone.app.discussion's and plone.app.z3cform's
    layers, so that our comment views and form widgets win over theirs."""


class IToolPage(Interface):
    """A page of the intranet's own (a search, a report, a form), not the
    view of a content item: it shows no author byline of the item it is
    called on (usually the site root, written by the admin)."""
