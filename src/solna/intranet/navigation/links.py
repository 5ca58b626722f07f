"""Länk (the Link type): its address is a link or an e-mail address, or
the form says so in Swedish.

Plone's link widget (plone.app.z3cform's LinkWidget: Intern, Extern,
E-post) stores whatever is typed in the Link's ``remoteUrl``, a plain text
line: "inte en länk" became a link to nowhere and "fel@@" a mailto: that
no mail program opens (issue 18). This validator, for every link widget on
our layer, accepts a page on the site (Intern, or a path from the site),
a web address with a host (http, https), a tel: number, and a mailto:
with a real-looking address; anything else is refused at the field.
"""

from plone.app.z3cform.interfaces import ILinkWidget
from solna.intranet import _
from solna.intranet.interfaces import ISolnaIntranetLayer
from solna.intranet.validators import EMAIL
from solna.intranet.validators import InvalidEmail
from urllib.parse import unquote
from urllib.parse import urlsplit
from z3c.form import validator
from zope.schema import ValidationError

import re


class InvalidLink(ValidationError):
    __doc__ = _(
        "error_invalid_link",
        default="Enter the whole address, starting with https://, for example "
        "https://www.solna.se, or choose a page on the intranet.",
    )


#: What the site itself fills in (Intern) and paths from the site's root.
INTERNAL = ("${portal_url}", "${navigation_root_url}", "/")
HOST = re.compile(r"^(localhost|[^\s.]+(\.[^\s.]+)+)(:\d+)?$", re.IGNORECASE)


def link_error(value):
    """Why ``value`` (what the link widget stored) is no link, as a
    ValidationError to raise, or None when it is one."""
    value = (value or "").strip()
    if not value or value.startswith(INTERNAL):
        return None
    if value.lower().startswith("mailto:"):
        address = unquote(value[7:].partition("?")[0]).strip()
        return None if EMAIL.match(address) else InvalidEmail(value)
    if value.lower().startswith("tel:"):
        return None if re.search(r"\d", value) else InvalidLink(value)
    if re.search(r"\s", value):
        return InvalidLink(value)
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https") and HOST.match(parts.netloc):
        return None
    return InvalidLink(value)


class LinkValidator(validator.SimpleFieldValidator):
    """The link widget's value: a link or an e-mail address (``link_error``)."""

    def validate(self, value, force=False):
        super().validate(value, force)
        error = link_error(value)
        if error is not None:
            raise error


validator.WidgetValidatorDiscriminators(
    LinkValidator, request=ISolnaIntranetLayer, widget=ILinkWidget
)
