"""Field constraints with clear Swedish messages (translated from our domain)."""

from solna.intranet import _
from zope.interface import Invalid

import re


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
#: Swedish phone numbers: 08-123 456 78, 070-123 45 67, +46 8 123 456 78.
PHONE = re.compile(r"^(\+46|0)[\d\s-]{6,14}$")


def is_email(value):
    if value and not EMAIL.match(value.strip()):
        raise Invalid(
            _(
                "error_invalid_email",
                default="Enter a valid e-mail address, for example namn@solna.se.",
            )
        )
    return True


def is_phone(value):
    if value and not (
        PHONE.match(value.strip()) and 8 <= len(re.sub(r"\D", "", value)) <= 13
    ):
        raise Invalid(
            _(
                "error_invalid_phone",
                default="Enter a Swedish phone number, for example 08-746 10 00 or "
                "070-123 45 67.",
            )
        )
    return True
