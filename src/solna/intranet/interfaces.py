"""Interfaces of solna.intranet."""

from plone.app.discussion.interfaces import IDiscussionLayer
from plone.app.z3cform.interfaces import IPloneFormLayer
from zope.interface import Interface
from zope.viewlet.interfaces import IViewletManager


class ISolnaIntranetLayer(IDiscussionLayer, IPloneFormLayer):
    """Browser layer: views and resources of solna.intranet apply only where it
    is installed. It extends plone.app.discussion's and plone.app.z3cform's
    layers, so that our comment views and form widgets win over theirs."""


class IToolPage(Interface):
    """A page of the intranet's own (a search, a report, a form), not the
    view of a content item: it shows no author byline of the item it is
    called on (usually the site root, written by the admin)."""


class IStartPage(Interface):
    """Mitt intranät (personal/'s start view). Features add to it with
    viewlets registered for this view (``view="...IStartPage"``), so the page
    itself knows no feature (push/ offers notifications there)."""


class IUnitLinks(IViewletManager):
    """On a unit's page, under its kind: links that features add for those
    who may follow them (review/ adds "Inaktuellt innehåll (n)"). The unit
    page itself knows no feature."""


class ICommentCounts(Interface):
    """A utility that counts published comments: called with catalog paths
    of items, it returns {path: number of published comments}. The dialogue
    capability provides it; pages of other capabilities (the unit page's
    latest news) ask for it and show no counts without it."""

    def __call__(paths):
        """{path: int} for every path in ``paths``."""


class ISpellingCorrector(Interface):
    """A utility that corrects misspelled words from the site's own index
    (Sök's "Menade du …?"). The search capability provides it; Hitta kontakt
    asks for it and suggests nothing without it."""

    def __call__(text, portal_types=None):
        """``text`` with each word that finds nothing among ``portal_types``
        replaced by the nearest word that does, or None."""
