"""What signing in says, in the form and over REST."""

from solna.intranet import _

import math


FAILED = _(
    "login_failed",
    default="The login name or the password is wrong. Capital letters in the "
    "login name do not matter; in the password they do.",
)


def locked_message(seconds):
    """The message while locked, with the minutes left (rounded up)."""
    return _(
        "login_locked",
        default="Too many failed sign-ins. Try again in ${minutes} minutes.",
        mapping={"minutes": max(1, math.ceil(seconds / 60))},
    )
