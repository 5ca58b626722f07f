"""The feed links in every page's ``<head>``.

plone.app.layout's RSSViewlet titles each link ``f"{title} - {safe_bytes(
term.title)}"``, which prints the bytes' repr: "Solna intranät - b'RSS 2.0'"
(plone.app.layout 5.x, links/viewlets.py, ``getRssLinks``). Screen readers
and feed readers show that title.
"""

from plone.app.layout.links.viewlets import RSSViewlet as PloneRSSViewlet
from plone.base.interfaces.syndication import IFeedSettings
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


class RSSViewlet(PloneRSSViewlet):
    """Plone's feed links, titled "Solna intranät - RSS 2.0"."""

    def getRssLinks(self, obj):
        """[{"title": str, "url": str}], one per feed type ``obj`` offers
        (Plone's method, the type's title as text)."""
        settings = IFeedSettings(obj, None)
        if settings is None:
            return []
        vocabulary = getUtility(
            IVocabularyFactory, "plone.app.vocabularies.SyndicationFeedTypes"
        )(self.context)
        links = []
        for kind in settings.feed_types:
            try:
                term = vocabulary.getTerm(kind)
            except LookupError:
                continue
            links.append(
                {
                    "title": f"{obj.Title()} - {term.title}",
                    "url": f"{obj.absolute_url()}/{term.value}",
                }
            )
        return links
