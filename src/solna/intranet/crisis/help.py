"""Jag behöver hjälp: the member's manager is told at once.

Her manager is the manager of her unit (the unit's ``manager`` field,
organisation/managers.py), or when her unit has none, of the nearest unit
above it that has one (not herself: a manager who needs help reaches the
manager above her). The manager gets

- an e-mail (crisis mail: sent whatever the hour) with her name, unit,
  phone (from her entry in Hitta kontakt, when there is one) and the crisis;
- a notice "Behöver hjälp" (dialogue/notices reads ``requests_for``);
- an urgent push to her phones, when she has push on (push/, kind "help";
  the text names no one: a lock screen is public).

The mail and the push go at most once per member and crisis within
``TELL_AGAIN_AFTER`` (help, safe, help again a minute later tells the
manager once; the notice shows her current answer all the while). When the
manager was last told is kept in the member's answer record (``TOLD``),
only as long as it matters, and goes with the record (answers.py).
"""

from plone import api
from solna.intranet import _
from solna.intranet.crisis import answers
from solna.intranet.crisis.state import active_query
from solna.intranet.dates import site_language
from solna.intranet.mail import send
from solna.intranet.members import fullname
from solna.intranet.members import member
from solna.intranet.members import profile
from solna.intranet.organisation.managers import managed_units
from solna.intranet.organisation.managers import manager_userid
from solna.intranet.organisation.tree import chain
from solna.intranet.organisation.tree import uids_under
from zope.i18n import translate
from zope.i18nmessageid import Message

import datetime
import logging


logger = logging.getLogger(__name__)
PERSON = "solna.Person"
#: The manager is told again about the same member and crisis only after this.
TELL_AGAIN_AFTER = datetime.timedelta(minutes=15)
#: The answer record's key for when the manager was last told (aware, UTC).
TOLD = "manager_told"


def told_recently(found, now):
    """When the manager was told about this answer record (``found``)
    within TELL_AGAIN_AFTER before ``now``, else None."""
    told = (found or {}).get(TOLD)
    if told is not None and now - told < TELL_AGAIN_AFTER:
        return told
    return None


def keep_told(uid, userid, told):
    """Write ``told`` (or nothing, for None) into the member's current
    answer record of the crisis ``uid`` (answers.record replaces the
    record: the caller carries it over)."""
    people = answers._tree().get(uid)
    current = people.get(userid) if people is not None else None
    if current is None or current.get(TOLD) == told:
        return
    updated = {k: v for k, v in current.items() if k != TOLD}
    if told is not None:
        updated[TOLD] = told
    people[userid] = updated


def manager_of(userid):
    """The user id of the member's manager (see the module), or None."""
    unit_uid, _profession = profile(userid)
    for brain in chain(unit_uid):
        found = manager_userid(brain._unrestrictedGetObject())
        if found and found != userid:
            return found
    return None


def phone_of(userid):
    """The member's phone (mobile first) from her entry in her unit in
    Hitta kontakt, or ""."""
    unit_uid, _profession = profile(userid)
    units = chain(unit_uid)
    if not units:
        return ""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type=PERSON, path=units[0].getPath()
    ):
        if getattr(brain._unrestrictedGetObject(), "userid", None) == userid:
            return brain.mobile or brain.phone or ""
    return ""


def alert_manager(item, userid):
    """She answered Jag behöver hjälp to the crisis ``item``: mail her
    manager (and push, when possible). Returns the manager's user id, or
    None when nobody was found to tell."""
    manager = manager_of(userid)
    person = member(manager)
    if person is None:
        logger.warning("a help answer found no manager to tell (%s)", item.UID())
        return None
    language = site_language()
    name = fullname(userid)
    phone = phone_of(userid)
    unit_uid, _profession = profile(userid)
    units = chain(unit_uid)
    portal_url = api.portal.get().absolute_url()
    phone_line = translate(
        Message(
            _("crisis_help_mail_phone", default="Phone: ${phone}"),
            mapping={"phone": phone},
        )
        if phone
        else _("crisis_help_mail_no_phone", default="No phone number is on record."),
        target_language=language,
    )
    mapping = {
        "name": name,
        "unit": units[0].Title if units else "",
        "title": item.Title(),
        "url": item.absolute_url(),
        "phone": phone_line,
        "notices": f"{portal_url}/@@notiser",
    }
    send(
        [person],
        Message(
            _("crisis_help_mail_subject", default="Needs help: ${name}"),
            mapping=mapping,
        ),
        Message(
            _(
                "crisis_help_mail_body",
                default="${name} (${unit}) answered Jag behöver hjälp to the "
                "crisis information ${title}.\n\n${phone}\n\n"
                "The crisis information: ${url}\nYour notices: ${notices}",
            ),
            mapping=mapping,
        ),
        crisis=True,
    )
    _push(item, manager, language)
    return manager


def _push(item, manager, language):
    try:
        from solna.intranet.push.queue import enqueue
        from solna.intranet.push.settings import SWITCH_OF

        if "help" not in SWITCH_OF:
            return
        enqueue(
            "help",
            item=item,
            recipients=[manager],
            title=translate(
                _("crisis_help_push_title", default="Needs help"),
                target_language=language,
            ),
            text=translate(
                Message(
                    _(
                        "crisis_help_push_text",
                        default="Someone in your unit needs help: ${title}",
                    ),
                    mapping={"title": item.Title()},
                ),
                target_language=language,
            ),
            url="@@notiser",
            urgent=True,
            about=f"help:{item.UID()}:{manager}",
        )
    except Exception:  # the mail and the notice have gone: never fail on push
        logger.exception("could not queue the help push")


def requests_for(manager, since):
    """The members who answered Jag behöver hjälp to an active crisis (and
    still do) since
    ``since`` (seconds) whose manager is ``manager``: [(crisis brain,
    userid, record)], for the manager's notices. One catalog query for the
    units she manages, one for the crises; each help answer costs a profile
    lookup."""
    tree = answers._tree()
    if not tree:  # no answers at all (asked first: every page asks)
        return []
    units = managed_units(manager)
    if not units:
        return []
    under = set(uids_under([b.getPath() for b in units]))
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    # Only crises under way: once ended, her call for help is history.
    for brain in catalog.unrestrictedSearchResults(
        **active_query(UID=list(tree.keys()))
    ):
        for userid, record in tree.get(brain.UID, {}).items():
            if record.get("answer") != answers.HELP:
                continue
            moment = record.get("answered")
            if moment is None or moment.timestamp() < since:
                continue
            if profile(userid)[0] in under and manager_of(userid) == manager:
                found.append((brain, userid, record))
    return found
