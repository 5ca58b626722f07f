"""Next/previous navigation that reads a folder's order only when it is used.

plone.app.dexterity's ``NextPreviousBase.__init__`` (the adapter behind the
``plone.nextprevious`` viewlets) lists the ids of every item in the folder
(``getOrdering().idsInOrder()``) as soon as it is made, and the viewlets make
it on every view of every item only to ask ``enabled``, which is off by
default. In Nyheter, with 20,000 news, that is a list of 20,000 ids built and
thrown away on each news item's page: 13 % of its time (py-spy, issue 21;
stock Plone's news item pays it too). The order is now read the first time
``getNextItem``/``getPreviousItem`` needs it, so a folder with next/previous
switched on still gets its links, and one without pays nothing.
"""

from AccessControl import getSecurityManager
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def init(self, context):
    """``NextPreviousBase.__init__(context)`` without reading the order:
    keeps ``context``, the registry's "use view action in listings" types
    (``vat``) and the security manager, as the original does."""
    self.context = context
    registry = getUtility(IRegistry)
    self.vat = registry.get("plone.types_use_view_action_in_listings", [])
    self.security = getSecurityManager()


def _order(self):
    """The folder's ids in their order (a list), or None where the folder's
    ordering cannot list them (unordered folders): read once per adapter,
    as the original ``__init__`` did."""
    try:
        return self.__dict__["_order"]
    except KeyError:
        pass
    order = self.context.getOrdering()
    if not isinstance(order, list):
        order = order.idsInOrder()
    if not isinstance(order, list):
        order = None
    self.__dict__["_order"] = order
    return order


#: ``NextPreviousBase.order``, read on first use.
order = property(_order)
