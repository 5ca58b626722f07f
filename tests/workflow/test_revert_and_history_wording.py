"""History and Återför as editors read them (issue 18's third trial): after
"Ja, återför" the message and the new revision's change note name the
revision by its time and who saved it (CMFEditions said "… har återförts
till revision 0."), and a line of History reads "Red A: Redigerad", with no
space before the colon."""

from lxml import html
from tests.fixtures.http import browser
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.workflow.test_history_and_confirmations import _two_revisions
from tests.workflow.test_history_and_confirmations import current_text
from tests.workflow.test_history_and_confirmations import history

import re


def test_revert_names_the_revision_by_time_and_person(site, smtp):
    page = _two_revisions(site)
    url = page.absolute_url()
    _, history_page = history("red.a", page)
    forms = [
        f
        for f in history_page.cssselect("#history-list form")
        if "Återför till denna revision" in text(f)
    ]
    s = browser("red.a")
    version = forms[-1].cssselect("input[name=version_id]")[0].get("value")
    (row,) = [
        r for r in history_page.cssselect("#history-list tr") if forms[-1] in r.iter()
    ]
    (shown_time,) = re.findall(r"\d{1,2} \S+ \d{4} kl\. \d{2}\.\d{2}", text(row))
    done = s.post(
        f"{url}/revertversion",
        data={
            "version_id": version,
            "form.buttons.revert": "1",
            "_authenticator": token(s, url),
        },
    )
    assert done.status_code == 200
    assert "06.30" in current_text(page)
    said = text(html.fromstring(done.text))
    assert (
        f"Öppettider har återförts till revisionen som Red A sparade {shown_time}."
        in said
    ), said
    assert "revision 0" not in said
    assert f"revision {version}" not in said
    # History's newest revision says the same in its change note.
    _, after = history("red.a", page)
    notes = text(after.cssselect("#history-list")[0])
    assert f"Återförd till revisionen som Red A sparade {shown_time}" in notes
    assert "Reverted to revision" not in notes


def test_a_history_line_has_no_space_before_its_colon(site, smtp):
    page = _two_revisions(site)
    _, history_page = history("red.a", page)
    lines = [text(line) for line in history_page.cssselect(".historyByLine")]
    assert lines
    for line in lines:
        assert " :" not in line, line
    assert any("Red A: " in line for line in lines), lines
