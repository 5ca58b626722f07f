"""What signing in and out tells the rest of the intranet.

``DevicesSignedOut`` is notified by login/devices.py whenever device
records are forgotten: a member signs one device out (``@@mina-enheter``,
REST ``@enheter``), logs out on this device (Plone's logout), is signed
out everywhere (by themselves, HR or a deleted account) or everywhere but
here (after a password reset). Records that expire (90 days unused) are not
announced one by one: whoever keeps something per device checks that the
device still signs in (``devices.plugin().device``) when it uses it.
Subscribers (push/ removes the device's push subscriptions) import this
module only.
"""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface


class IDevicesSignedOut(Interface):
    """Devices of a member no longer sign in."""

    userid = Attribute("The member's user id.")
    device_ids = Attribute(
        "The device ids signed out (a tuple), or None for every device and "
        "app sign-in of the member."
    )
    apart = Attribute(
        "True when the records were forgotten in a transaction of their own "
        "(a logout, which is a GET): a subscriber that writes must do so "
        "apart too (devices.write_apart), not in the request's transaction."
    )


@implementer(IDevicesSignedOut)
class DevicesSignedOut:
    def __init__(self, userid, device_ids=None, apart=False):
        self.userid = userid
        self.device_ids = tuple(device_ids) if device_ids is not None else None
        self.apart = apart
