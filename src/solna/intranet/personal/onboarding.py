"""Onboarding: the member's choice of unit and profession (what Mitt
intranät's feed goes by), or "Hoppa över" on this device.

The choice is stored in the member's profile (properties ``unit``, a unit
UID, and ``profession``, an id of the Professions vocabulary); skipping is
a cookie, so it needs no write.
"""

from plone import api
from solna.intranet import _
from solna.intranet.organisation.vocabularies import units
from solna.intranet.vocabularies import professions


#: The cookie that remembers "Hoppa över" on this device (no write needed).
SKIP_COOKIE = "solna_onboarding"
SKIP_SECONDS = 365 * 24 * 3600


def skipped(request):
    """Has the member skipped choosing unit and profession on this device?"""
    return bool(request.cookies.get(SKIP_COOKIE))


def skip(request):
    """Remember "Hoppa över" on this device for a year (an HttpOnly
    cookie, Secure over HTTPS)."""
    request.response.setCookie(
        SKIP_COOKIE,
        "1",
        path="/",
        max_age=SKIP_SECONDS,
        secure=request.get("SERVER_URL", "").startswith("https"),
        http_only=True,
        same_site="Lax",
    )


def validate(unit, profession):
    """The errors of a choice: {field name ("unit" or "profession"): i18n
    message in Swedish}, {} when both are valid. Both are needed (the
    feed goes by both; "Övrigt yrke" is there for whoever fits no other)."""
    errors = {}
    if not unit:
        errors["unit"] = _("Choose your unit.")
    elif unit not in units().by_value:
        errors["unit"] = _("Choose a unit from the list.")
    if not profession:
        errors["profession"] = _("Choose your profession.")
    elif profession not in professions().by_value:
        errors["profession"] = _("Choose a profession from the list.")
    return errors


def save_choice(unit, profession):
    """Store the current member's unit (UID) and profession (id); returns
    the errors as ``validate`` gives them, if any (then nothing is
    stored)."""
    errors = validate(unit, profession)
    if not errors:
        api.user.get_current().setMemberProperties(
            {"unit": unit, "profession": profession}
        )
    return errors
