"""The form editor's pages say which form they are about, and a field's
settings opened as a page are a page of the intranet (forms/fieldedit.py):
the site's look, Swedish, a title that says what it is."""

from lxml import html
from plone.app.testing import SITE_OWNER_NAME
from tests.fixtures.http import get


def title(url):
    page = html.fromstring(get(url, SITE_OWNER_NAME).text)
    return " ".join(page.xpath("/html/head/title")[0].text_content().split()), page


def test_the_fields_page_names_the_form(forms_site):
    form = forms_site["forslag-och-ideer"]
    text, _page = title(f"{form.absolute_url()}/fields")
    assert text == f"Formulärets fält — {form.Title()} — Solna intranät"


def test_a_fields_settings_opened_as_a_page_are_a_page_of_the_site(forms_site):
    form = forms_site["forslag-och-ideer"]
    url = f"{form.absolute_url()}/@@fields/rubrik"
    text, page = title(url)
    assert text.startswith("Redigera fältet")
    assert text.endswith(f"— {form.Title()} — Solna intranät")
    (root,) = page.xpath("/html")
    assert root.get("lang") == "sv"
    # The site's page: the wordmark, the footer, the form in <main>.
    assert page.xpath('//a[@id="portal-logo"]')
    assert page.xpath('//footer//div[@id="solna-footer"]')
    assert page.xpath('//main//form[@id="edit-field-form"]')
    # In the form editor's modal (ajax_load), the form without the page.
    modal = html.fromstring(get(f"{url}?ajax_load=1", SITE_OWNER_NAME).text)
    assert modal.xpath('//form[@id="edit-field-form"]')
    assert not modal.xpath('//footer//div[@id="solna-footer"]')
