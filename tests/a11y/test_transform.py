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


HANDMADE = """<html><head><title>Chefens sida — Solna intranät</title></head><body>
<div id="global_statusmessage"><div class="portalMessage statusmessage
 statusmessage-error alert alert-danger" role="alert">Rätta till de markerade
 felen.</div></div>
<main id="main-container"><article id="content"><h1>Chefens sida</h1>
<form method="post"><div class="mb-3">
 <label class="form-label" for="solna-quick-title">Rubrik</label>
 <input class="form-control is-invalid" id="solna-quick-title" name="title">
 <div class="invalid-feedback">Skriv en rubrik.</div></div>
<div class="mb-3"><label class="form-label" for="solna-quick-text">Text</label>
 <textarea class="form-control" id="solna-quick-text" name="text"></textarea>
 <div class="invalid-feedback">Skriv nyhetens text.</div></div>
<div class="mb-3"><label for="description">Ändringsanteckning</label>
 <div class="formHelp">Skriv vad som ändrats.</div>
 <textarea id="checkin_message" name="checkin_message"></textarea></div>
</form></article></main></body></html>"""


def test_a_hand_made_form_follows_z3c_forms_pattern():
    """Issue 18's fourth trial, 7: a form drawn by hand (Bootstrap's
    invalid-feedback at its fields) gets what z3c.form's get: each field
    aria-invalid and described by its message, the summary linking them in
    the page's order, "Error:" first in the title."""
    page = html.fromstring(HANDMADE)
    AccessibilityTransform(None, Request()).fix(page.getroottree())
    assert page.findtext(".//title") == "Error: Chefens sida — Solna intranät"
    for name, message in (
        ("solna-quick-title", "Skriv en rubrik."),
        ("solna-quick-text", "Skriv nyhetens text."),
    ):
        (field,) = page.xpath(f"//*[@id='{name}']")
        assert field.get("aria-invalid") == "true"
        assert "is-invalid" in field.get("class").split()
        (shown,) = page.xpath(f"//*[@id='{field.get('aria-describedby')}']")
        assert shown.text == message
    links = [(a.get("href"), a.text) for a in page.xpath("//*[@role='alert']//ul//a")]
    assert links == [
        ("#solna-quick-title", "Rubrik: Skriv en rubrik."),
        ("#solna-quick-text", "Text: Skriv nyhetens text."),
    ]


def test_a_label_with_help_before_its_field_is_tied_to_it():
    """Issue 18's fourth trial, 1: plone.app.iterate's check-in labels its
    message "for" an id no element has, with its help between the two."""
    page = html.fromstring(HANDMADE)
    AccessibilityTransform(None, Request()).fix(page.getroottree())
    (label,) = page.xpath("//label[contains(., 'Ändringsanteckning')]")
    assert label.get("for") == "checkin_message"
    (message,) = page.xpath("//textarea[@id='checkin_message']")
    (help_text,) = page.xpath(f"//*[@id='{message.get('aria-describedby')}']")
    assert help_text.text == "Skriv vad som ändrats."


def test_a_page_opened_with_an_error_message_is_not_titled_error():
    """A status message of type error on a page opened (GET, after a
    redirect) and no field in error: the title is left as it is."""
    page = html.fromstring(
        HANDMADE.replace("invalid-feedback", "form-text").replace(" is-invalid", "")
    )
    AccessibilityTransform(None, Request()).fix(page.getroottree())
    assert page.findtext(".//title") == "Chefens sida — Solna intranät"


def test_the_lock_notices_icon_is_decoration(portal, http_request):
    """plone.locking's notice titles its icon "locked" beside its own
    "Låst …": a screen reader read the English word first (issue 18's fifth
    trial). The icon is hidden from it, as the status messages' are."""
    from lxml import html
    from solna.intranet.swedish.transform import SwedishTransform

    root = html.fromstring(
        '<html><body><div class="portalMessage"><svg class="plone-icon bi-lock-fill"'
        ' aria-labelledby="title"><title>locked</title></svg>'
        "<strong>Låst</strong> Denna post låstes av Karin Berg.</div></body></html>"
    )
    SwedishTransform(None, http_request).icon_alts(root)
    (svg,) = root.xpath("//*[local-name()='svg']")
    assert svg.get("aria-hidden") == "true"
    assert "locked" not in root.text_content()
