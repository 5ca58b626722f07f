"""What installing push gives a site, and what uninstalling takes away.

The permission ``solna.intranet: Send push notifications`` comes from
profiles/default/rolemap.xml and the personal menu's "Aviseringar" from
actions.xml; subscriptions, settings and the queue are annotations made by
their first write. Here: the site's VAPID key (vapid.py).
"""

from solna.intranet.push import queue
from solna.intranet.push import settings
from solna.intranet.push import subscriptions
from solna.intranet.push import vapid
from zope.annotation.interfaces import IAnnotations


def install(site):
    """Idempotent: the site's VAPID key, when it has none."""
    vapid.install(site)


def uninstall(site):
    """Forget every subscription, member setting and waiting notice, and
    the site's VAPID key."""
    annotations = IAnnotations(site)
    for key in (subscriptions.KEY, settings.KEY, queue.KEY):
        if key in annotations:
            del annotations[key]
    vapid.uninstall(site)
