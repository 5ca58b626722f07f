"""Swedish first: our catalogs are complete, loaded, and the pages show them."""

from html import unescape
from pathlib import Path
from zope.i18n import translate

import pytest
import re
import requests


LOCALES = Path(__file__).parents[2] / "src/solna/intranet/locales"
STRING = r'"(?:[^"\\]|\\.)*"'
ENTRY = re.compile(
    r'(?P<comments>(?:#.*\n)*)msgid "(?P<msgid>(?:[^"\\]|\\.)*)"\n'
    rf"msgstr (?P<msgstr>{STRING}(?:\n{STRING})*)"
)
DEFAULT = re.compile(r'#\. Default: "((?:[^"\\]|\\.)*)"')


def po_entries(path):
    """(msgid, English text, translation, comments) of a .po file."""
    for match in ENTRY.finditer(path.read_text(encoding="utf-8")):
        if not match["msgid"]:
            continue  # the header
        default = DEFAULT.search(match["comments"])
        english = default.group(1) if default else match["msgid"]
        # A long translation continues on the lines below: join the parts.
        msgstr = "".join(part[1:-1] for part in re.findall(STRING, match["msgstr"]))
        yield match["msgid"], english, msgstr, match["comments"]


PO_FILES = sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_message_is_translated(po):
    entries = list(po_entries(po))
    assert entries
    assert [e[0] for e in entries if not e[2]] == []
    assert [e[0] for e in entries if "fuzzy" in e[3]] == []


def test_pot_and_po_files_have_the_same_messages():
    pot = {e[0] for e in po_entries(LOCALES / "solna.intranet.pot")}
    for language in ("sv", "en"):
        po = LOCALES / language / "LC_MESSAGES" / "solna.intranet.po"
        assert {e[0] for e in po_entries(po)} == pot, language


@pytest.mark.parametrize(
    ("domain", "msgid", "swedish"),
    [
        # Our own domain
        ("solna.intranet", "Solna intranet", "Solna intranät"),
        # Gaps in Plone's Swedish, filled by our plone.po
        ("plone", "Draft", "Utkast"),
        ("plone", "In review", "Granskning"),
        ("plone", "trouble_logging_in", "Problem att logga in?"),
        ("plone", "heading_member_tools", "Personliga verktyg"),
        ("plone", "Moderate comments", "Moderera kommentarer"),
        (
            "plone",
            "The specified email is not valid.",
            "Skriv en giltig e-postadress, till exempel namn@solna.se.",
        ),
        # plone.namedfile's and CMFPlone's validation messages (issue 18's
        # fourth trial, 3 and 4)
        (
            "plone",
            "Invalid image file",
            "Filen är ingen bild. Välj en JPG-, PNG- eller GIF-bild.",
        ),
        (
            "plone",
            "Invalid file",
            "Filen är av en typ som inte tas emot här. Välj en annan fil.",
        ),
        (
            "plone",
            "Invalid email address.",
            "Skriv en giltig e-postadress, till exempel namn@solna.se.",
        ),
        # Plone's own Swedish answers where ours has no entry
        ("plone", "Published", "Publicerad"),
        ("plone", "Log in", "Logga in"),
    ],
)
def test_catalogs_are_loaded(integration, domain, msgid, swedish):
    assert translate(msgid, domain=domain, target_language="sv") == swedish


def english_texts_we_translate():
    """The English of every message our Swedish plone.po translates (where the
    Swedish differs), long enough not to be part of other words."""
    return {
        unescape(english)
        for _, english, swedish, _ in po_entries(LOCALES / "sv/LC_MESSAGES/plone.po")
        if english != swedish and len(english) > 5
    }


def visible_texts(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    texts = re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]+)"', html)
    texts += re.sub(r"<[^>]+>", "\n", html).splitlines()
    return {unescape(t).strip() for t in texts if t.strip()}


@pytest.fixture
def portal_url(functional_portal):
    return functional_portal.absolute_url()


@pytest.mark.parametrize(
    ("path", "swedish"),
    [
        ("/login", "Problem att logga in?"),
        ("/mail_password_form", "Glömt lösenord"),
        ("/@@login-help", "Byt ditt lösenord"),
        ("/@@login-help", "Behöver du hjälp?"),
    ],
)
def test_login_pages_are_swedish(portal_url, path, swedish):
    response = requests.get(portal_url + path, timeout=30)
    assert response.status_code == 200
    assert '<html lang="sv"' in response.text or 'lang="sv"' in response.text
    shown = visible_texts(response.text)
    assert swedish in shown
    assert shown & english_texts_we_translate() == set()


def test_editor_sees_swedish_workflow_states(functional_portal, portal_url):
    from plone import api
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    import transaction

    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=functional_portal, type="Document", id="utkast", title="Utkast 1"
        )
    transaction.commit()
    response = requests.get(
        f"{portal_url}/utkast",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    shown = visible_texts(response.text)
    assert "Utkast" in shown  # the state, in the workflow menu
    assert "Draft" not in shown
    assert shown & english_texts_we_translate() == set()


def test_the_profile_page_is_swedish(functional_portal, portal_url):
    """Mina inställningar: every field of ours in Swedish, the notice
    choice too (plone.app.users reads the profile in the plone domain)."""
    from tests.fixtures.staff import create_staff
    from tests.fixtures.staff import PASSWORD

    import transaction

    create_staff({"olle.medarbetare": ()})
    transaction.commit()
    response = requests.get(
        f"{portal_url}/@@personal-information",
        auth=("olle.medarbetare", PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    shown = visible_texts(response.text)
    assert "Skicka mina notiser via e-post" in shown
    assert "E-mail me my notices" not in shown
    assert shown & english_texts_we_translate() == set()


@pytest.mark.parametrize(
    "po", sorted(LOCALES.glob("sv/LC_MESSAGES/*.po")), ids=lambda p: p.name
)
def test_our_swedish_wins_over_plones(integration, po):
    """Zope answers from the first catalog that has a message; ours are put
    before plone.app.locales' (swedish/catalogs.py), so every message of ours
    is the one shown, also where Plone's Swedish has one of its own: its
    comment title "${creator} om ${content}" names a variable the code does
    not pass (every comment was titled "${creator} om …"), and it calls the
    add form of a file extension condition "Ändra villkor …"."""
    from tests.fixtures.english import po_entries as entries

    domain = po.stem
    shadowed = {
        msgid: (translate(msgid, domain=domain, target_language="sv"), msgstr)
        for msgid, _english, msgstr in entries(po)
        if msgstr and translate(msgid, domain=domain, target_language="sv") != msgstr
    }
    assert shadowed == {}


def test_a_comments_title_names_its_author(integration):
    from zope.i18nmessageid import MessageFactory

    title = MessageFactory("plone")(
        "comment_title", mapping={"author_name": "Anna Berg", "content": "Lönen"}
    )
    assert translate(title, target_language="sv") == "Anna Berg om Lönen"


def test_a_rules_transition_condition_names_the_transitions(integration):
    """The person workflow's protect/unprotect by their names, where a
    content rule lists transitions, not "[protect]" or their ids."""
    from plone.app.contentrules.conditions.wftransition import (
        WorkflowTransitionCondition,
    )

    condition = WorkflowTransitionCondition()
    condition.wf_transitions = ["protect", "unprotect"]
    summary = translate(condition.summary, target_language="sv")
    assert summary == "Arbetsflödesövergångar: Skydda identiteten, Häv skyddet"


def test_tinymces_image_sizes_are_swedish(integration):
    """TinyMCE's image dialog offers the registry's picture variants by
    their titles."""
    from plone import api

    import json

    variants = api.portal.get_registry_record("plone.picture_variants")
    assert sorted(v["title"] for v in variants.values()) == ["Liten", "Mellan", "Stor"]
    # and its editing area's name for screen readers, not "Rich Text Område"
    other = json.loads(api.portal.get_registry_record("plone.other_settings"))
    assert other["iframe_aria_text"] == "Textredigerare. Tryck Alt+0 för hjälp."
