"""Attachments: a file of the wrong type or size is refused in Swedish and
everything else typed is kept; an accepted one is kept on the case, and only
the form's handlers can download it; it goes when the case is purged."""

from lxml import html
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.retention import purge_expired
from tests.fixtures.forms import errors
from tests.fixtures.forms import FilledForm
from tests.fixtures.forms import STAFF
from tests.fixtures.http import browser

import datetime
import pytest
import transaction


QUESTION = {"amne": "Lön", "fraga": "Stämmer OB-tillägget på lönebeskedet?"}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("program.exe", b"x" * 2000, "filer av typen EXE tas inte emot"),
        ("lonebesked.pdf", b"x" * 11 * 1024 * 1024, "högst 10 MB kan bifogas"),
        # A Windows program renamed to look like a certificate (the trial).
        ("intyg.pdf", b"MZ\x90\x00\x03" + b"\x00" * 2000, "filen är ett program"),
        ("intyg.jpg", b"\x7fELF\x02\x01" + b"\x00" * 2000, "filen är ett program"),
    ],
    ids=["type", "size", "windows-program", "linux-program"],
)
def test_a_refused_attachment_keeps_the_rest(forms_site, filename, content, message):
    form = forms_site["fraga-hr"]
    answer = FilledForm(browser(STAFF), form.absolute_url()).submit(
        QUESTION,
        files={"form.widgets.bilaga": (filename, content)},
    )
    shown = " ".join(errors(answer))
    assert message in shown
    assert "Allt annat du fyllt i finns kvar" in shown
    assert "Stämmer OB-tillägget på lönebeskedet?" in answer.text
    assert "Tack, vi har tagit emot" not in answer.text
    form._p_jar.sync()
    assert len(CaseStore(form)) == 0


def test_an_attachment_is_kept_for_the_handlers_only(forms_site):
    form = forms_site["fraga-hr"]
    url = form.absolute_url()
    answer = FilledForm(browser(STAFF), url).submit(
        QUESTION,
        files={"form.widgets.bilaga": ("lonebesked.pdf", PDF, "application/pdf")},
    )
    assert "Tack, vi har tagit emot" in answer.text, errors(answer)

    (case,) = (
        browser("hr.handlaggare")
        .get(f"{url}/@arenden", headers={"Accept": "application/json"})
        .json()["items"]
    )
    attachment = case["data"]["bilaga"]
    assert attachment["filename"] == "lonebesked.pdf"
    assert attachment["size"] == len(PDF)
    # The handler's page links it, with its size.
    page = browser("hr.handlaggare").get(f"{url}/@@arenden").text
    assert attachment["download"].replace("&", "&amp;") in page
    assert "lonebesked.pdf" in page

    download = browser("hr.handlaggare").get(attachment["download"])
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    # Not the submitter, not other staff, not another form's handler.
    for login in (STAFF, "eva.medarbetare", "it.handlaggare"):
        refused = browser(login).get(attachment["download"], allow_redirects=False)
        assert refused.status_code in (302, 401, 403), login
        assert PDF not in refused.content

    # Retention: the case goes, and its attachment with it.
    transaction.begin()
    form._p_jar.sync()
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=366)
    assert purge_expired(now=later) == {"/".join(form.getPhysicalPath()): 1}
    transaction.commit()
    gone = browser("hr.handlaggare").get(attachment["download"])
    assert gone.status_code == 404


def test_after_a_refused_attachment_she_can_choose_another_file(forms_site):
    """Issue 18: after "bad.exe" was refused, the form offered "Behåll filen"
    (preselected) under "File already uploaded: bad.exe" with the file picker
    disabled, and sending again refused the same file for ever. Now the
    refused file is forgotten: the Swedish reason, an enabled file picker,
    no keep/replace choice, and the next file she picks is taken."""
    form = forms_site["fraga-hr"]
    session = browser(STAFF)
    refused = FilledForm(session, form.absolute_url())
    answer = refused.submit(
        QUESTION, files={"form.widgets.bilaga": ("bad.exe", b"MZ" * 100)}
    )
    assert "filer av typen EXE tas inte emot" in " ".join(errors(answer))
    again = FilledForm(session, form.absolute_url())
    again.page, again.tree = answer, html.fromstring(answer.text)
    (picker,) = again.tree.xpath('//input[@type="file"][@name="form.widgets.bilaga"]')
    assert picker.get("disabled") is None
    assert "File already uploaded" not in answer.text
    assert "Filen är redan uppladdad" not in answer.text
    assert not again.tree.xpath('//input[@name="form.widgets.bilaga.action"]')
    assert not again.tree.xpath('//input[@name="form.widgets.bilaga.file_upload_id"]')
    assert "disabled=true" not in answer.text
    # What she typed is still there, and another file is taken.
    assert again.data({})["form.widgets.fraga"] == QUESTION["fraga"]
    accepted = again.submit(
        {}, files={"form.widgets.bilaga": ("lonebesked.pdf", PDF, "application/pdf")}
    )
    assert "Tack, vi har tagit emot" in accepted.text, errors(accepted)
    form._p_jar.sync()
    (case,) = CaseStore(form).all()
    assert case.data["bilaga"].filename == "lonebesked.pdf"


def test_a_good_file_is_kept_beside_another_fields_error(forms_site):
    """The other way round: the file is fine, the question is missing. The
    file stays (in Swedish: "Filen är redan uppladdad"), and is sent with
    the form once the question is written."""
    form = forms_site["fraga-hr"]
    session = browser(STAFF)
    first = FilledForm(session, form.absolute_url())
    answer = first.submit(
        {"amne": "Lön", "fraga": ""},
        files={"form.widgets.bilaga": ("lonebesked.pdf", PDF, "application/pdf")},
    )
    assert "Tack, vi har tagit emot" not in answer.text
    page = html.fromstring(answer.text)
    shown = " ".join(page.text_content().split())
    assert "Filen är redan uppladdad: lonebesked.pdf" in shown
    assert "File already uploaded" not in shown
    again = FilledForm(session, form.absolute_url())
    again.page, again.tree = answer, page
    accepted = session.post(
        form.absolute_url(), data=again.data({"fraga": QUESTION["fraga"]})
    )
    assert "Tack, vi har tagit emot" in accepted.text, errors(accepted)
    form._p_jar.sync()
    (case,) = CaseStore(form).all()
    assert case.data["bilaga"].filename == "lonebesked.pdf"
