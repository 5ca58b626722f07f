"""Länk: what is typed as its address is a link or an e-mail address, or
the add form refuses it at the field in Swedish (issue 18: "inte en länk"
and "fel@@" were saved). Over HTTP, as an editor's browser sends the form."""

from lxml import html
from plone import api
from solna.intranet.navigation.links import link_error
from tests.fixtures.http import browser
from tests.fixtures.http import text

import pytest
import transaction


def add_link(login, container, title, **typed):
    """Post Plone's add form of a Link, its widget's part (``external``,
    ``email``) filled in as typed; returns the answer."""
    s = browser(login)
    url = f"{container.absolute_url()}/++add++Link"
    page = s.get(url)
    assert page.status_code == 200
    (form,) = html.fromstring(page.text).xpath(
        '//form[.//*[@name="form.buttons.save"]]'
    )
    data = dict(form.form_values())
    data["form.widgets.IDublinCore.title"] = title
    for part, value in typed.items():
        data[f"form.widgets.remoteUrl.{part}"] = value
    data["form.buttons.save"] = "Spara"
    return s.post(form.get("action") or url, data=data)


def field_errors(answer):
    page = html.fromstring(answer.text)
    return " ".join(
        text(e) for e in page.cssselect(".invalid-feedback, .fieldErrorBox")
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"external": "inte en länk"}, "Skriv hela adressen, som börjar med https://"),
        ({"external": "http://"}, "Skriv hela adressen, som börjar med https://"),
        (
            {"email": "fel@@"},
            "Ange en giltig e-postadress, till exempel namn@solna.se.",
        ),
    ],
    ids=["text", "empty-address", "e-mail"],
)
def test_no_link_is_refused_in_swedish(site, typed, message):
    answer = add_link("red.a", site["a"], "Schema", **typed)
    assert answer.status_code == 200
    assert message in field_errors(answer)
    transaction.begin()
    assert "schema" not in site["a"].objectIds()


def test_a_real_address_is_saved(site):
    answer = add_link(
        "red.a", site["a"], "Solna stad", external="https://www.solna.se/forskola"
    )
    assert answer.status_code == 200
    assert not field_errors(answer)
    transaction.begin()
    link = api.portal.get().unrestrictedTraverse(
        "/".join(site["a"].getPhysicalPath()) + "/solna-stad"
    )
    assert link.remoteUrl == "https://www.solna.se/forskola"


@pytest.mark.parametrize(
    "value",
    [
        "${portal_url}/resolveuid/0123456789abcdef",
        "/bou/solglantan",
        "https://www.solna.se",
        "http://localhost:8080/Plone",
        "mailto:forskola@solna.se?subject=Hej",
        "tel:08-746 10 00",
    ],
)
def test_what_is_a_link(value):
    assert link_error(value) is None


@pytest.mark.parametrize(
    "value", ["inte en länk", "www", "https://", "mailto:fel@@", "ftp//x"]
)
def test_what_is_not(value):
    assert link_error(value) is not None
