"""Personlig information and a news item's lead image refuse bad input in
Swedish (issue 18's fourth trial, 3 and 4): a portrait or lead image that
is no image, an e-mail address that is not one, and an empty full name
(the directory shows people by it), each at its field and in the page's
summary, everything else typed kept."""

from lxml import html
from plone import api
from tests.fixtures.english import english_in
from tests.fixtures.http import browser
from tests.fixtures.http import form_post
from tests.fixtures.http import text

import pytest


NOT_AN_IMAGE = ("virus.exe", b"MZ\x90\x00 not an image", "application/octet-stream")


def field_errors(answer):
    """{widget id: its message} of the page sent back with errors."""
    tree = html.fromstring(answer.text)
    return {
        field.get("id").removeprefix("formfield-"): text(
            field.xpath(".//*[contains(@class, 'invalid-feedback')]")[0]
        )
        for field in tree.xpath("//div[starts-with(@id, 'formfield-')]")
        if field.xpath(".//*[contains(@class, 'invalid-feedback')]")
    }


@pytest.fixture
def portal_url(site):
    return api.portal.get().absolute_url()


def test_personal_information_refuses_in_swedish_and_keeps_the_rest(portal_url):
    olle = browser("olle.medarbetare")
    answer = form_post(
        olle,
        f"{portal_url}/@@personal-information",
        {
            "form.widgets.fullname": "   ",
            "form.widgets.email": "olle@@solna",
            "form.widgets.location": "Solna stadshus",
        },
        {"form.widgets.portrait": NOT_AN_IMAGE},
    )
    assert answer.status_code == 200
    errors = field_errors(answer)
    assert errors == {
        "form-widgets-fullname": (
            "Skriv ditt fullständiga namn: det är så kollegorna hittar dig i "
            "Hitta kontakt."
        ),
        "form-widgets-email": (
            "Skriv en giltig e-postadress, till exempel namn@solna.se."
        ),
        "form-widgets-portrait": (
            "Filen är ingen bild. Välj en JPG-, PNG- eller GIF-bild."
        ),
    }, errors
    tree = html.fromstring(answer.text)
    (location,) = tree.xpath("//input[@name='form.widgets.location']")
    assert location.get("value") == "Solna stadshus"
    assert tree.xpath("//title")[0].text.startswith("Fel: ")
    # The name is marked required, for the eye and for the browser.
    (fullname,) = tree.xpath("//input[@name='form.widgets.fullname']")
    assert (
        fullname.get("required") is not None or fullname.get("aria-required") == "true"
    ), html.tostring(fullname)
    assert tree.xpath(
        "//*[@id='formfield-form-widgets-fullname']//label"
        "//*[contains(@class, 'required')]"
    )
    assert english_in(errors.values()) == []
    # Nothing was saved.
    member = api.user.get(username="olle.medarbetare")
    assert (member.getProperty("fullname") or "").strip()


def test_a_name_is_saved(portal_url):
    """A filled-in name passes (the field's usual checks still apply)."""
    olle = browser("olle.medarbetare")
    answer = form_post(
        olle,
        f"{portal_url}/@@personal-information",
        {"form.widgets.fullname": "Olle Medarbetare-Ek"},
        {},
    )
    assert answer.status_code == 200
    assert field_errors(answer) == {}
    import transaction

    transaction.begin()
    member = api.user.get(username="olle.medarbetare")
    assert member.getProperty("fullname") == "Olle Medarbetare-Ek"


def test_a_lead_image_that_is_no_image_is_refused_in_swedish(site):
    unit = site["a"].absolute_url()
    answer = form_post(
        browser("red.a"),
        f"{unit}/++add++News Item",
        {"form.widgets.IDublinCore.title": "Sommarfest"},
        {"form.widgets.ILeadImageBehavior.image": NOT_AN_IMAGE},
    )
    assert answer.status_code == 200
    errors = field_errors(answer)
    assert errors == {
        "form-widgets-ILeadImageBehavior-image": (
            "Filen är ingen bild. Välj en JPG-, PNG- eller GIF-bild."
        )
    }, errors
    tree = html.fromstring(answer.text)
    (title,) = tree.xpath("//input[@name='form.widgets.IDublinCore.title']")
    assert title.get("value") == "Sommarfest"
