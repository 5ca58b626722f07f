"""Containers whose items come in numbers: units (news, pages, people) and
communities (discussions).

Plone treats an item added to or removed from a folder as a change of the
folder itself: plone.dexterity reindexes it on the container-modified event,
and reindexing sets its modification date. So every news item added to a
unit, and every discussion started in a community, wrote the unit or the
community (and its catalog record); two at the same moment collided. Here
adding or removing an item leaves the container's date, object and catalog
record as they were; editing the container itself still dates it.
"""


class ItemsChangeNothing:
    """Mixin for a dexterity container: see the module."""

    def _setObject(self, id, object, *args, **kwargs):
        self._v_items_changing = True
        try:
            return super()._setObject(id, object, *args, **kwargs)
        finally:
            self._v_items_changing = False

    def _delObject(self, id, *args, **kwargs):
        self._v_items_changing = True
        try:
            return super()._delObject(id, *args, **kwargs)
        finally:
            self._v_items_changing = False

    def notifyModified(self):
        if getattr(self, "_v_items_changing", False):
            return
        super().notifyModified()
