"""Build one item per type and state, and read off what each role may do
with it, the way the site decides (permissions, workflow guards, iterate)."""

from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from tests.workflow.conftest import build_workplace
from tests.workflow.conftest import create_as
from zope.component import getMultiAdapter

import transaction


#: Row in the table -> the account that plays it (see conftest.py).
ROLES = {
    "Medarbetare": "olle.medarbetare",
    "Redaktör A": "red.a",
    "Redaktör B": "red.b",
    "Chef A": "chef.a",
    "Chef B": "chef.b",
    "Granskare/Kommunikatör": "kommunikator",
    "HR-redaktör": "hr.red",
    "HR-granskare": "hr.gransk",
    "Formulärhandläggare": "handlaggare",
    "Webbredaktör": "webbred",
}

#: Table heading -> (portal type, where it lives, who writes it, fields)
TYPES = {
    "Nyhet": ("News Item", "a", "red.a", {}),
    "Sida": ("Document", "a", "red.a", {}),
    "Enhet": ("solna.Unit", "a", "webbred", {"kind": "avdelning"}),
    "Medarbetare": (
        "solna.Person",
        "a",
        "red.a",
        {"first_name": "Eva", "last_name": "Ek"},
    ),
    "Fråga och svar": ("solna.Answer", "hr", "hr.red", {"category": "ledighet"}),
    "Regel": ("solna.Rule", "hr", "hr.red", {"category": "ledighet"}),
}

STATES = {
    "Utkast": (),
    "Granskning": ("submit",),
    "Publicerad": ("publish",),
    "Arkiverad": ("publish", "archive"),
}
#: Working copies of a rule in force (the check-in column).
COPY_STATES = {"Arbetskopia, utkast": (), "Arbetskopia, granskning": ("submit",)}

ACTIONS = {
    "v": "view",
    "e": "edit",
    "s": "submit",
    "p": "publish",
    "r": "reject (send back)",
    "t": "retract",
    "a": "archive",
    "u": "restore",
    "o": "check out",
    "i": "check in",
    "c": "comment",
}
TRANSITIONS = {
    "s": "submit",
    "p": "publish",
    "r": "reject",
    "t": "retract",
    "a": "archive",
    "u": "restore",
}
#: The column of adding the type where it lives.
ADD = "Lägga till"


def _transition(obj, names):
    with api.env.adopt_roles(["Manager"]):
        for name in names:
            api.content.transition(obj, transition=name, comment="Matris")


def build_items(portal):
    """{(type heading, state heading): object}, and the containers."""
    places = build_workplace(portal)
    items = {}
    for heading, (portal_type, place, author, fields) in TYPES.items():
        for state, path in STATES.items():
            obj = create_as(
                author,
                places[place],
                portal_type,
                f"{heading} {state}",
                **fields,
            )
            _transition(obj, path)
            items[heading, state] = obj
    for state, path in COPY_STATES.items():
        baseline = create_as("hr.red", places["hr"], "solna.Rule", f"Regel {state}")
        _transition(baseline, ["publish"])
        with api.env.adopt_user(username="hr.red"):
            copy = ICheckinCheckoutPolicy(baseline).checkout(places["hr"])
        _transition(copy, path)
        items["Regel", state] = copy
    transaction.savepoint(optimistic=True)
    return items, places


def _can_comment(obj, request):
    if not api.user.has_permission("Reply to item", obj=obj):
        return False
    if not api.user.has_permission("View", obj=obj):
        return False
    return getMultiAdapter((obj, request), name="conversation_view").enabled()


def actions_of(login, obj, request):
    """The action letters that ``login`` may do with ``obj``. Who may not
    view an item cannot reach it to do anything else with it."""
    wf = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username=login):
        if not api.user.has_permission("View", obj=obj):
            return set()
        can = {
            "v": api.user.has_permission("View", obj=obj),
            "e": api.user.has_permission("Modify portal content", obj=obj),
            "c": _can_comment(obj, request),
        }
        transitions = {t["id"] for t in wf.getTransitionsFor(obj)}
        for letter, name in TRANSITIONS.items():
            can[letter] = name in transitions
        control = getMultiAdapter((obj, request), name="iterate_control")
        can["o"] = bool(control.checkout_allowed())
        can["i"] = bool(control.checkin_allowed())
    return {letter for letter, yes in can.items() if yes}


def may_add(login, portal_type, container):
    types = api.portal.get_tool("portal_types")
    with api.env.adopt_user(username=login):
        return bool(types.getTypeInfo(portal_type).isConstructionAllowed(container))
