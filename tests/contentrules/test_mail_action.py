"""A content rule's "Skicka e-post" takes real addresses (or the rule's
substitutions) and says in Swedish what is wrong (validators.py): Plone
saved "fel@@", and the rule failed to send when it mattered."""

from lxml import html
from tests.fixtures.contentrules import add_content_rule
from tests.fixtures.http import browser
from tests.fixtures.http import form_post

import pytest


BASE = {
    "form.widgets.subject": "Ny rutin",
    "form.widgets.message": "En ny rutin: ${title}",
}


@pytest.mark.parametrize(
    ("source", "recipients", "field"),
    [
        ("", "fel@@", "recipients"),
        ("", "hr@solna.se, inte en adress", "recipients"),
        ("fel@@", "hr@solna.se", "source"),
    ],
)
def test_a_bad_address_is_refused_in_swedish(site, source, recipients, field):
    webbred = browser("webbred")
    rule = add_content_rule(webbred).url.removesuffix("/@@manage-elements")
    answer = form_post(
        webbred,
        f"{rule}/+action/plone.actions.Mail",
        {
            **BASE,
            "form.widgets.source": source,
            "form.widgets.recipients": recipients,
        },
        files=None,
    )
    page = html.fromstring(answer.text)
    error = page.xpath(
        f"string(//div[@id='formfield-form-widgets-{field}']"
        "//*[contains(@class, 'invalid-feedback')])"
    )
    assert "Ange en giltig e-postadress" in error, error
    # What was typed is still there.
    assert page.xpath(f"string(//*[@id='form-widgets-{field}']/@value)") in (
        source,
        recipients,
    )


def test_addresses_and_substitutions_are_saved(site):
    webbred = browser("webbred")
    rule = add_content_rule(webbred).url.removesuffix("/@@manage-elements")
    answer = form_post(
        webbred,
        f"{rule}/+action/plone.actions.Mail",
        {
            **BASE,
            "form.widgets.source": "intranat@solna.se",
            "form.widgets.recipients": "${user_email}; hr@solna.se",
        },
        files=None,
    )
    assert answer.url.split("#")[0].endswith("/@@manage-elements"), answer.url
    assert "hr@solna.se" in answer.text
