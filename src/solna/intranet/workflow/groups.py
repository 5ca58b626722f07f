"""The intranet's groups, created by the profile with Swedish titles.

Site-wide roles come from these groups; the unit-scoped ones (Chef,
Redaktör) are local roles on the unit (see localroles.py).
"""

from dataclasses import dataclass
from plone import api
from solna.intranet import logger


@dataclass(frozen=True)
class StaffGroup:
    id: str
    title: str
    description: str
    roles: tuple[str, ...] = ()


#: Every staff account is a member (new accounts join it when created).
STAFF_GROUP = "medarbetare"

GROUPS = (
    StaffGroup(
        STAFF_GROUP,
        "Medarbetare",
        "Alla anställda: läser det som är publicerat och kommenterar nyheter.",
    ),
    StaffGroup(
        "granskare",
        "Granskare/Kommunikatörer",
        "Skriver, granskar och publicerar nyheter och sidor i hela intranätet "
        "(inte HR:s regler) och skriver till alla medarbetare.",
        ("Contributor", "Editor", "Reviewer", "Communicator"),
    ),
    # Kris: raises, ends and follows up crises (Kommunikatörer may be
    # members); writes them in Krisinformation (crisis/setup.py).
    StaffGroup(
        "krisledning",
        "Krisledning",
        "Publicerar krisinformation till alla eller delar av organisationen, "
        "avslutar krisläget och följer upp vilka som har svarat.",
        ("Crisis Leader",),
    ),
    StaffGroup(
        "hr-redaktorer",
        "HR-redaktörer",
        "Skriver regler och frågor och svar, och reviderar regler genom arbetskopior.",
        ("HR Editor",),
    ),
    StaffGroup(
        "hr-granskare",
        "HR-granskare",
        "Granskar HR:s regler och sätter dem i kraft.",
        ("HR Reviewer",),
    ),
    # Form handlers: no site-wide role; each form names the groups that
    # handle its cases (forms/handlers.py).
    StaffGroup(
        "formularhandlaggare",
        "Formulärhandläggare",
        "Handlägger inskickade förslag och nya formulär som inte har egna handläggare.",
    ),
    StaffGroup(
        "hr-handlaggare",
        "HR-handläggare",
        "Handlägger ledighetsansökningar, ändrade personuppgifter och frågor till HR.",
    ),
    StaffGroup(
        "arbetsmiljo",
        "Arbetsmiljöhandläggare",
        "Handlägger anmälda tillbud och arbetsskador.",
    ),
    StaffGroup(
        "it-service",
        "IT-service",
        "Handlägger beställningar av IT-utrustning och behörigheter.",
    ),
    StaffGroup(
        "webbredaktorer",
        "Webbredaktörer",
        "Administrerar intranätet: inställningar, enheter, chefer och behörigheter.",
        ("Site Administrator",),
    ),
)


def create_groups():
    """Create the groups that are missing and give each its roles; add every
    existing account to Medarbetare. Running it again changes nothing."""
    for group in GROUPS:
        if api.group.get(groupname=group.id) is None:
            api.group.create(
                groupname=group.id,
                title=group.title,
                description=group.description,
            )
            logger.info("Group %s created", group.id)
        if group.roles:
            api.group.grant_roles(groupname=group.id, roles=list(group.roles))
    staff = {u.getId() for u in api.user.get_users(groupname=STAFF_GROUP)}
    for user in api.user.get_users():
        if user.getId() not in staff:
            api.group.add_user(groupname=STAFF_GROUP, user=user)


def join_staff_group(event):
    """A new account is a Medarbetare (PAS sends this for users only)."""
    if api.group.get(groupname=STAFF_GROUP) is not None:
        api.group.add_user(groupname=STAFF_GROUP, username=event.principal.getId())
