"""Sök: synonymer — a Webbredaktör edits the synonym list in Site Setup and
the documents concerned are found by the new words at once."""

from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import form_post
from tests.fixtures.http import get
from tests.fixtures.staff import create_staff

import pytest
import transaction


@pytest.fixture
def site(functional_portal):
    create_staff({"olle.medarbetare": (), "webbred": ("webbredaktorer",)})
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=functional_portal,
            type="Document",
            id="djur",
            title="Djurpassning under tjänsteresa",
        )
        api.content.transition(item, "publish")
    transaction.commit()
    return functional_portal.absolute_url()


def found(site, text):
    response = get(
        f"{site}/++api++/@search",
        params={"SearchableText": text},
        headers={"Accept": "application/json"},
    )
    return [i["title"] for i in response.json()["items"]]


def test_a_new_synonym_group_holds_at_once(site):
    assert found(site, "hundvakt") == []
    page = f"{site}/@@sok-synonymer"
    editor = browser("webbred")
    current = editor.get(page).text
    assert "vab, vård av barn" in current
    assert "En grupp per rad" in current  # the help, in Swedish
    lines = api.portal.get_registry_record("solna.intranet.search.synonyms")
    answer = form_post(
        editor,
        page,
        {"form.widgets.synonyms": "\n".join([*lines, "hundvakt, djurpassning"])},
        None,
    )
    assert answer.status_code == 200
    assert "Ändringar sparade." in answer.text
    assert found(site, "hundvakt") == ["Djurpassning under tjänsteresa"]


def test_staff_may_not_change_the_list(site):
    answer = browser("olle.medarbetare").get(f"{site}/@@sok-synonymer")
    assert "form.widgets.synonyms" not in answer.text
