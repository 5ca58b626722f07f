"""History and Återför as editors read them (issue 18's third trial): after
"Ja, återför" the message and the new revision's change note name the
revision by its time and who saved it (CMFEditions said "… har återförts
till revision 0."), and a line of History reads "Red A: Redigerad", with no
space before the colon."""

from lxml import html
from plone import api
from tests.fixtures.http import browser
from tests.fixtures.http import session
from tests.fixtures.http import text
from tests.fixtures.http import token
from tests.workflow.test_history_and_confirmations import _two_revisions
from tests.workflow.test_history_and_confirmations import current_text
from tests.workflow.test_history_and_confirmations import history

import re
import transaction


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


def test_the_newest_revision_offers_no_revert(site, smtp):
    """The newest revision is what the page says now: History offers
    "Återför till denna revision" only on older ones, @@revertversion
    sends the newest back to History with a reason, and REST's @history
    agrees (issue 18's third trial: the newest offered it too)."""
    page = _two_revisions(site)
    url = page.absolute_url()
    # Its modification date moves on after the newest revision, as a
    # workflow step's does: Plone then offered the newest too.
    transaction.begin()
    api.content.get(UID=page.UID()).notifyModified()
    transaction.commit()
    _, history_page = history("red.a", page)
    notes = [
        text(row)
        for row in history_page.cssselect("#history-list tr")
        if "Ändringsanteckning" in text(row)
    ]
    # Newest first: "Andra" is what the page says now.
    assert "Andra" in notes[0], notes
    assert "Återför till denna revision" not in notes[0]
    offered = ["Återför till denna revision" in note for note in notes[1:]]
    assert all(offered), "\n".join(notes)

    # A revision's "Visa" (CMFEditions' versions_history_form) agrees.
    shown = browser("red.a").get(f"{url}/versions_history_form")
    assert shown.status_code == 200
    offered = {
        form.cssselect("input[name=version_id]")[0].get("value")
        for form in html.fromstring(shown.text).cssselect(
            "form[action$='/@@revertversion']"
        )
    }
    history_meta = api.portal.get_tool("portal_repository").getHistoryMetadata(
        api.content.get(UID=page.UID())
    )
    versions = {
        str(history_meta.getVersionId(i, countPurged=False))
        for i in range(history_meta.getLength(countPurged=False))
    }
    newest_id = max(versions, key=int)
    assert offered == versions - {newest_id}, offered

    # Asked for anyway: History again, with the reason; nothing changed.
    rest = session("red.a").get(f"{url}/@history").json()
    revisions = [h for h in rest if h["type"] == "versioning"]
    newest = max(revisions, key=lambda h: h["version"])
    s = browser("red.a")
    asked = s.post(
        f"{url}/revertversion",
        data={
            "version_id": str(newest["version"]),
            "form.buttons.revert": "1",
            "_authenticator": token(s, url),
        },
    )
    assert asked.url.endswith("/@@historyview"), asked.url
    said = text(html.fromstring(asked.text))
    assert "Det här är den senaste revisionen" in said, said
    assert len(session("red.a").get(f"{url}/@history").json()) == len(rest)

    # REST: may_revert only on the older revisions; the newest is refused.
    assert [h["may_revert"] for h in revisions] == [
        h["version"] != newest["version"] for h in revisions
    ]
    refused = session("red.a").patch(
        f"{url}/@history", json={"version": newest["version"]}
    )
    assert refused.status_code == 400
    assert "senaste revisionen" in refused.text
    oldest = min(revisions, key=lambda h: h["version"])
    done = session("red.a").patch(
        f"{url}/@history", json={"version": oldest["version"]}
    )
    assert done.status_code == 200, done.text
    assert "har återförts till revisionen som Red A sparade" in done.json()["message"]
    # Staff who only read it may not revert it over REST either.
    assert session("olle.medarbetare").patch(
        f"{url}/@history", json={"version": oldest["version"]}
    ).status_code in (401, 403, 404)
