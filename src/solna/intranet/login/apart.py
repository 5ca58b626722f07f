"""Writing a few small records in a transaction of their own.

A failed login often ends in an aborted request (HTTP Basic with a wrong
password raises Unauthorized; plone.protect refuses a GET that wrote), and
what it counted must survive that. So the counters of failed attempts are
written through a connection of their own, committed at once, retried on a
conflict. Only failures write: a page view, and a login that did not fail
before, write nothing.
"""

from ZODB.POSException import ConflictError

import transaction


def write_apart(obj, change, attempts=3):
    """Call ``change(copy)`` with ``obj`` as a second connection sees it and
    commit that at once, in a transaction of its own (``obj``: a persistent
    object already stored). Returns True when it was committed, False when
    every attempt met a conflict (then nothing changed)."""
    manager = transaction.TransactionManager()
    connection = obj._p_jar.db().open(transaction_manager=manager)
    try:
        for _attempt in range(attempts):
            try:
                manager.begin()
                change(connection.get(obj._p_oid))
                manager.commit()
                return True
            except ConflictError:
                manager.abort()
        return False
    finally:
        manager.abort()
        connection.close()
