"""A workplace with two preschools, an HR section, the news folder and one
account for every role, for the workflow tests; a real SMTP server.

Users (password ``PASSWORD``, e-mail ``<login>@solna.example``):

==================  ===========================================================
olle.medarbetare    Medarbetare
red.a / red.b       Redaktör of Solgläntan (A) / Ekbacken (B) (the unit's editors)
chef.a / chef.b     Chef of Solgläntan / Ekbacken (the unit's manager)
kommunikator        Granskare/Kommunikatör (group granskare)
hr.red / hr.gransk  HR-redaktör / HR-granskare
handlaggare         Formulärhandläggare
webbred             Webbredaktör (group webbredaktorer)
==================  ===========================================================
"""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email import policy
from plone import api
from tests.conftest import create_staff
from tests.conftest import PASSWORD
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import requests
import socket
import time
import transaction


ACCOUNTS = {
    "olle.medarbetare": (),
    "red.a": (),
    "red.b": (),
    "chef.a": (),
    "chef.b": (),
    "kommunikator": ("granskare",),
    "hr.red": ("hr-redaktorer",),
    "hr.gransk": ("hr-granskare",),
    "handlaggare": ("formularhandlaggare",),
    "webbred": ("webbredaktorer",),
}


def _unit(container, id, title, kind="forskola", manager_login=None, editors=()):
    unit = api.content.create(
        container=container,
        type="solna.Unit",
        id=id,
        title=title,
        kind=kind,
        editors=list(editors),
    )
    if manager_login:
        appoint_manager(unit, manager_login)
    api.content.transition(unit, to_state="published")
    unit.reindexObjectSecurity()
    return unit


def appoint_manager(unit, login):
    """A published directory entry for ``login`` ("chef.a": Chef A) in the
    unit, chosen as its manager."""
    first, _dot, last = login.partition(".")
    chef = api.content.create(
        container=unit,
        type="solna.Person",
        title=f"{first} {last}".strip(),
        first_name=first.title(),
        last_name=last.title(),
        profession="chef",
        userid=login,
    )
    api.content.transition(chef, to_state="published")
    unit.manager = RelationValue(getUtility(IIntIds).getId(chef))
    return chef


def build_workplace(portal):
    """Create the accounts, units and folders; returns the containers."""
    create_staff(ACCOUNTS)
    with api.env.adopt_roles(["Manager"]):
        bou = _unit(portal, "bou", "Barn och utbildning", "forvaltning")
        places = {
            "a": _unit(
                bou,
                "solglantan",
                "Solgläntan",
                manager_login="chef.a",
                editors=["red.a"],
            ),
            "b": _unit(
                bou, "ekbacken", "Ekbacken", manager_login="chef.b", editors=["red.b"]
            ),
            "hr": _unit(portal, "hr", "HR-avdelningen", "avdelning"),
        }
        # HR's section: HR's groups write and review there (its sharing).
        api.group.grant_roles(
            groupname="hr-redaktorer", roles=["Contributor", "Editor"], obj=places["hr"]
        )
        api.group.grant_roles(
            groupname="hr-granskare", roles=["Reviewer"], obj=places["hr"]
        )
        news = api.content.create(
            container=portal, type="Folder", id="nyheter", title="Nyheter"
        )
        api.content.transition(news, to_state="published")
        places["news"] = news
    return places


def create_as(login, container, type, title, **fields):
    """Create an item the way that user would (they are its owner)."""
    with api.env.adopt_user(username=login):
        return api.content.create(container=container, type=type, title=title, **fields)


@pytest.fixture
def workplace(portal):
    """The workplace in the integration layer (no commit, no HTTP)."""
    return build_workplace(portal)


class Mailbox:
    """What a real SMTP server received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for rcpts, m in self.messages if address in rcpts]

    def clear(self):
        self.messages.clear()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    """A real local SMTP server (aiosmtpd) collecting what it receives."""
    mailbox = Mailbox()
    mailbox.port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    yield mailbox
    controller.stop()


@pytest.fixture
def site(functional_portal, smtp):
    """The workplace in the functional layer, served over HTTP, with the
    site's MailHost pointed at the test SMTP server; returns its places."""
    portal = functional_portal
    places = build_workplace(portal)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    transaction.commit()
    return places


def session(login):
    """An HTTP session of that user, asking for JSON (the REST API)."""
    s = requests.Session()
    s.auth = (login, PASSWORD)
    s.headers["Accept"] = "application/json"
    return s


def wait_for(predicate, timeout=5.0):
    """Mail is sent after the request's transaction commits: poll briefly."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
