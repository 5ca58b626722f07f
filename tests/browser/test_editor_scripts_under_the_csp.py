"""Editor pages whose upstream behaviour was an inline script that our
Content-Security-Policy blocks (issue 18's third trial), in real Chromium:

- History's Jämför (@@history): its revisions named as History names them
  ("1 dec. 2026 kl. 14.49, Red A: Andra", the item now "Nuvarande"), not
  "0 (1 dec. 2026)"; "som kod" and "i texten" switch the difference shown;
  choosing other revisions and "Jämför" compares them.
- A file field with a file (a Fil's edit form): the file picker is off
  while "Behåll filen" is chosen and on with "Ersätt med ny fil", and the
  new file replaces the old on Spara.

Neither page leaves a Content-Security-Policy error in the console."""

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from solna.intranet.dates import display
from tests.fixtures.phone import login
from tests.fixtures.phone import mark_page
from tests.fixtures.phone import next_page
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap
from tests.fixtures.phone import WAIT
from tests.fixtures.staff import create_as

import pytest
import re
import tempfile
import transaction


pytestmark = pytest.mark.browser

#: Recorded from the start of every document, before its own scripts run.
RECORD_VIOLATIONS = """
window.solnaViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.solnaViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def watch_the_policy(phone):
    phone.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS}
    )
    phone.get_log("browser")  # what came before is not this test's


def policy_errors(phone):
    """Content-Security-Policy errors: in the console log, and as the page's
    own violation events."""
    logged = [
        entry["message"]
        for entry in phone.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]
    seen = phone.execute_script("return window.solnaViolations || []")
    return logged + seen


def sign_in_as(phone, user):
    phone.delete_all_cookies()
    login(phone, api.portal.get().absolute_url(), user)


def shown(phone, selector):
    """How many elements of ``selector`` are shown."""
    return phone.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".filter((el) => el.getClientRects().length).length",
        selector,
    )


def test_compare_names_revisions_and_switches_without_inline_script(site, phone):
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.ui import WebDriverWait

    page = create_as(
        "red.a",
        site["a"],
        "Document",
        "Öppettider",
        text=RichTextValue("<p>Vi öppnar 06.30.</p>", "text/html", "text/html"),
    )
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_user(username="red.a"):
        repository.save(page, comment="Första")
        page.text = RichTextValue("<p>Vi öppnar 07.00.</p>", "text/html", "text/html")
        page.notifyModified()
        repository.save(page, comment="Andra")
    history = repository.getHistoryMetadata(page)
    saved = {
        str(history.getVersionId(i, countPurged=False)): history.retrieve(
            i, countPurged=False
        )["metadata"]["sys_metadata"]
        for i in range(history.getLength(countPurged=False))
    }
    transaction.commit()
    first = min(saved, key=int)
    newest = max(saved, key=int)
    # The first revision's note is Plone's msgid for "Första versionen".
    notes = {"Första": "Första", "Andra": "Andra"}
    expected = {
        version: f"{display(meta['timestamp'], language='sv')}, Red A: "
        + notes.get(meta["comment"], "Första versionen")
        for version, meta in saved.items()
    }

    watch_the_policy(phone)
    sign_in_as(phone, "red.a")
    url = page.absolute_url()
    open_page(phone, f"{url}/@@history?one=current&two={first}", "diffTypeSelector")
    labels = phone.execute_script(
        "return [...document.querySelectorAll('#two option')]"
        ".map((o) => [o.value, o.textContent.trim()])"
    )
    assert labels[0] == ["current", "Nuvarande"], labels
    assert dict(labels[1:]) == expected, labels
    for _value, label in labels[1:]:
        assert re.match(r"\d{1,2} \S+ \d{4} kl\. \d{2}\.\d{2}, Red A", label), label
        assert not re.match(r"\d+ \(", label), label  # not "0 (1 dec. 2026)"
    # The legend is CMFEditions' own, in Swedish (it lost its domain once).
    legend = phone.find_element("id", "diff-legend").text
    assert "(+) Tillagt" in legend, legend
    assert "(-) Borttaget" in legend, legend
    # The difference in the text shows; "som kod" shows it as code instead.
    WebDriverWait(phone, WAIT).until(lambda b: shown(b, "#diffTypeSelector"))
    assert shown(phone, ".inline-diff")
    assert not shown(phone, ".code-diff")
    tap(phone.find_element("css selector", "label[for=diffstylecode]"))
    WebDriverWait(phone, WAIT).until(
        lambda b: shown(b, ".code-diff") and not shown(b, ".inline-diff")
    )
    assert "06.30" in phone.find_element("css selector", ".code-diff").text
    tap(phone.find_element("css selector", "label[for=diffstylevisual]"))
    WebDriverWait(phone, WAIT).until(
        lambda b: shown(b, ".inline-diff") and not shown(b, ".code-diff")
    )

    # Other revisions: the newest against the item now, the same text.
    Select(phone.find_element("id", "two")).select_by_value(newest)
    mark_page(phone)
    tap(phone.find_element("css selector", "#versionSelector button[type=submit]"))
    next_page(phone)
    shows(phone, "Det finns inga skillnader mellan de valda revisionerna.")
    assert f"two={newest}" in phone.current_url
    assert policy_errors(phone) == []


def test_the_file_picker_opens_with_ersatt_without_inline_script(site, phone):
    from selenium.webdriver.support.ui import WebDriverWait

    item = create_as(
        "red.a",
        site["a"],
        "File",
        "Schema vecka 49",
        file=NamedBlobFile(b"Vecka 49", filename="schema-v49.txt"),
    )
    transaction.commit()
    watch_the_policy(phone)
    sign_in_as(phone, "red.a")
    open_page(phone, f"{item.absolute_url()}/edit", "form-widgets-file-replace")

    def picker_enabled(browser):
        return browser.execute_script(
            "return !document.getElementById('form-widgets-file-input').disabled"
        )

    # "Behåll filen" is chosen: the picker is off.
    keep = phone.find_element("css selector", "label[for=form-widgets-file-nochange]")
    assert keep.text == "Behåll filen"
    WebDriverWait(phone, WAIT).until(lambda b: not picker_enabled(b))
    replace = phone.find_element("css selector", "label[for=form-widgets-file-replace]")
    tap(replace)
    WebDriverWait(phone, WAIT).until(picker_enabled)
    tap(keep)
    WebDriverWait(phone, WAIT).until(lambda b: not picker_enabled(b))

    # Ersätt, a new file, Spara: the new file is the item's.
    tap(replace)
    WebDriverWait(phone, WAIT).until(picker_enabled)
    with tempfile.NamedTemporaryFile(
        "wb", prefix="schema-v50-", suffix=".txt", delete=False
    ) as upload:
        upload.write(b"Vecka 50")
    phone.find_element("id", "form-widgets-file-input").send_keys(upload.name)
    mark_page(phone)
    tap(phone.find_element("id", "form-buttons-save"))
    next_page(phone)
    transaction.begin()
    assert api.content.get(UID=item.UID()).file.data == b"Vecka 50"
    assert policy_errors(phone) == []


def test_innehallsinstallningar_loads_the_chosen_type_without_inline_script(
    site, phone
):
    """Innehållsinställningar (issue 18, fourth trial, finding 5): choosing
    a content type loads its settings (Plone's inline onchange was blocked
    and the choice did nothing)."""
    from selenium.webdriver.support.ui import Select

    watch_the_policy(phone)
    sign_in_as(phone, "webbred")
    portal = api.portal.get().absolute_url()
    open_page(phone, f"{portal}/@@content-controlpanel", "type_id")
    assert not phone.find_elements("id", "addable")  # (Standardvärde): no type
    mark_page(phone)
    Select(phone.find_element("name", "type_id")).select_by_value("News Item")
    next_page(phone)
    chosen = Select(phone.find_element("name", "type_id")).first_selected_option
    assert chosen.get_attribute("value") == "News Item"
    assert chosen.text.strip() == "Nyhet"
    # The type's own settings: addable, versioning, its workflow.
    assert phone.find_elements("id", "addable")
    assert phone.find_elements("id", "workflows")
    assert not phone.find_elements("css selector", "select[onchange]")
    assert policy_errors(phone) == []
