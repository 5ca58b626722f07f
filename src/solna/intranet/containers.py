"""Containers whose items come in numbers: units (news, pages, people) and
communities (discussions).

Plone treats an item added to or removed from a folder as a change of the
folder itself: plone.dexterity reindexes it on the container-modified event,
and reindexing sets its modification date. So every news item added to a
unit, and every discussion started in a community, wrote the unit or the
community (and its catalog record); two at the same moment collided. With
``items_change_nothing`` adding or removing an item leaves the container's
date, object and catalog record as they were; editing the container itself
still dates it.

(A class decorator, not a mixin base class: a plain base class in front of
plone.dexterity's would hide the specification that gives dexterity content
its behaviours' interfaces.)
"""


def items_change_nothing(cls):
    """Class decorator for a dexterity container class: see the module."""
    set_object, del_object = cls._setObject, cls._delObject
    notify_modified = cls.notifyModified

    def _setObject(self, id, object, *args, **kwargs):
        self._v_items_changing = True
        try:
            return set_object(self, id, object, *args, **kwargs)
        finally:
            self._v_items_changing = False

    def _delObject(self, id, *args, **kwargs):
        self._v_items_changing = True
        try:
            return del_object(self, id, *args, **kwargs)
        finally:
            self._v_items_changing = False

    def notifyModified(self):
        if not getattr(self, "_v_items_changing", False):
            notify_modified(self)

    cls._setObject, cls._delObject = _setObject, _delObject
    cls.notifyModified = notifyModified
    return cls
