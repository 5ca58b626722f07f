"""Data kept in annotations (notices, feeds, favourites, read
confirmations): created by the first write, so that reading never writes."""

from BTrees.OOBTree import OOBTree
from zope.annotation.interfaces import IAnnotations


def annotation(obj, key, create=False):
    """The OOBTree under ``key`` in the annotations of ``obj``; until the
    first write (``create``) an empty dict that is not stored."""
    annotations = IAnnotations(obj)
    if key not in annotations:
        if not create:
            return {}
        annotations[key] = OOBTree()
    return annotations[key]


def child(tree, key, factory=OOBTree):
    """``tree[key]``, created empty when missing (for a write)."""
    found = tree.get(key)
    if found is None:
        found = tree[key] = factory()
    return found
