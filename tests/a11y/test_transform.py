"""The accessibility transform on a page as Plone draws it (no browser):
the title names the page, a field with an error is aria-invalid and
described by its message, the error alert links to the field, inputs Plone
leaves unlabelled get a name (WCAG 2.4.2, 3.3.1, 1.3.1, 4.1.2)."""

from lxml import html
from solna.intranet.accessibility_fixes.transform import AccessibilityTransform
from zope.i18n.interfaces import IUserPreferredLanguages
from zope.interface import implementer


PAGE = """<html><head><title>Solna intranät</title></head><body>
<button class="navbar-toggler"><span></span></button>
<main id="main-container"><article id="content"><h1>Förslag och idéer</h1>
<div class="portalMessage alert alert-danger" role="alert">Något behöver rättas</div>
<div class="field error mb-3" id="formfield-form-widgets-rubrik">
 <label class="form-label" for="form-widgets-rubrik">Rubrik</label>
 <input id="form-widgets-rubrik" name="form.widgets.rubrik" class="form-control">
 <div class="invalid-feedback">Du måste fylla i det här fältet.</div></div>
<label for="form-widgets-bilaga">Bilaga</label>
<input type="file" id="form-widgets-bilaga-input">
<select id="form-widgets-text_text_format"></select>
<table><thead><tr><th>Namn</th><th>Kan redigera</th></tr></thead>
<tbody><tr><td>Olle</td><td><input type="checkbox"></td></tr></tbody></table>
</article></main>
<aside><div class="portlet card portletNavigationTree">
<div class="card-header">Solgläntan</div><nav class="card-body"><ul></ul></nav></div>
<h3>Användare och grupper</h3><nav class="row"><ul></ul></nav></aside>
</body></html>"""


class Response:
    def getHeader(self, name):
        return "text/html"

    def getStatus(self):
        return 200


@implementer(IUserPreferredLanguages)
class Request(dict):
    """A request in English (no catalogs here: the default texts)."""

    response = Response()
    URL = "http://localhost/plone/blanketter/forslag"

    def getPreferredLanguages(self):
        return ["en"]


def fixed():
    page = html.fromstring(PAGE)
    AccessibilityTransform(None, Request()).fix(page.getroottree())
    return page


def test_title_names_the_page_and_says_error():
    assert fixed().findtext(".//title") == ("Error: Förslag och idéer — Solna intranät")


def test_field_error_linked_to_its_field_and_the_summary():
    page = fixed()
    (field,) = page.xpath("//input[@id='form-widgets-rubrik']")
    assert field.get("aria-invalid") == "true"
    (message,) = page.xpath(f"//*[@id='{field.get('aria-describedby')}']")
    assert message.text == "Du måste fylla i det här fältet."
    (link,) = page.xpath("//*[@role='alert']//a")
    assert link.get("href") == "#form-widgets-rubrik"
    assert link.text == "Rubrik: Du måste fylla i det här fältet."


def test_unlabelled_inputs_are_named():
    page = fixed()
    (upload,) = page.xpath("//input[@type='file']")
    (label,) = page.xpath(f"//*[@id='{upload.get('aria-labelledby')}']")
    assert label.text == "Bilaga"
    assert page.xpath("//select")[0].get("aria-label") == "Text format"
    assert page.xpath("//table//input")[0].get("aria-label") == "Kan redigera: Olle"
    assert page.xpath("//button")[0].get("aria-label") == "Menu"
    assert page.xpath("//main")[0].get("tabindex") == "-1"


def test_navigations_are_named():
    """Several navigations on a page: each has a name (WCAG 1.3.1, 2.4.1)."""
    page = fixed()
    names = []
    for nav in page.xpath("//nav"):
        (heading,) = page.xpath(f"//*[@id='{nav.get('aria-labelledby')}']")
        names.append(heading.text)
    assert names == ["Solgläntan", "Användare och grupper"]
