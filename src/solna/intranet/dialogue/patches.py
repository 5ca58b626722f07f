"""A fix for plone.app.discussion, applied by ``configure.zcml``
(collective.monkeypatcher).

Every comment made the item's whole ``Conversation`` a write: DCWorkflow
updates a new comment's role mappings (``updateRoleMappingsFor``), and
AccessControl's ``Permission.setRoles`` then deletes ``__roles__`` from each
name the *View* permission protects on the comment. plone.app.discussion
protects the whole ``IComment`` interface with View, ``__parent__`` included,
so it ran ``del conversation.__roles__``: the attribute is not there, but a
persistent object marks itself changed before it deletes. Two comments on
one item at the same moment then wrote the same object and one of them
failed with a ConflictError (233 of 263 conflicts measured with
``scripts/benchmark_writes.py``, 58 of 200 comments lost).
"""

from persistent import Persistent


def conversation_delattr(self, name):
    """Deleting a ``__roles__`` the conversation does not have changes
    nothing, so it must not mark the conversation as changed."""
    if name == "__roles__":
        self._p_activate()
        if name not in self.__dict__:
            raise AttributeError(name)
    Persistent.__delattr__(self, name)
