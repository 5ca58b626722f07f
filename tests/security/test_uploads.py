"""An uploaded file's type comes from its content, not the client's claim
(security/uploads.py): an HTML file named rapport.pdf is stored and served
as application/octet-stream on every route (REST POST and PATCH, the add
form, folder contents' drag and drop, TUS, an e-form's answer kept as a
case); a real PDF and PNG keep their
type; a PNG claimed as JPEG is stored as PNG."""

from base64 import b64encode
from io import BytesIO
from lxml import html
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from solna.intranet.forms.cases import CaseStore
from solna.intranet.security.uploads import decide
from tests.fixtures.files import png_bytes
from tests.fixtures.forms import STAFF
from tests.fixtures.http import form_post
from tests.fixtures.staff import PASSWORD

import pytest
import requests
import transaction


HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OCTET = "application/octet-stream"


@pytest.mark.parametrize(
    ("data", "claimed", "stored"),
    [
        (HTML, "application/pdf", OCTET),
        (b"  \n<svg onload=alert(1)>", "image/png", OCTET),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "", OCTET),
        (b'<?xml version="1.0"?><rapport/>', "application/pdf", OCTET),
        (b"Hej!\n<script>alert(1)</script>", "text/plain", OCTET),
        (b"alert(1)", "image/png", OCTET),  # no image signature
        (HTML, "text/html", "text/html"),  # true: plone.namedfile downloads it
        (b"<svg/>", "image/svg+xml", "image/svg+xml"),
        (b'<?xml version="1.0"?><kml/>', "application/vnd.google-earth.kml+xml", None),
        (PDF, "application/pdf", "application/pdf"),
        (PDF, "image/png", "application/pdf"),
        (png_bytes(), "image/jpeg", "image/png"),
        (png_bytes(), "image/png", "image/png"),
        (b"PK\x03\x04" + b"\0" * 60, "application/vnd.oasis.opendocument.text", None),
        (b"PK\x03\x04" + b"\0" * 60, "application/pdf", "application/zip"),
        (b"Namn;Enhet\nMaja;Solgl\xc3\xa4ntan\n", "text/csv", "text/csv"),
        (b"BMW;Volvo\n", "text/csv", "text/csv"),  # "BM" is too short to say BMP
    ],
)
def test_decide(data, claimed, stored):
    assert decide(BytesIO(data), claimed) == (stored or claimed)


@pytest.fixture
def folder(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="filer", title="Filer"
        )
    transaction.commit()
    return folder


def base64_file(data, filename, content_type):
    return {
        "data": b64encode(data).decode(),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def served(browser, url, field="file"):
    """The download's and the inline display's Content-Type and disposition."""
    answers = []
    for view in ("@@download", "@@display-file"):
        response = browser.get(f"{url}/{view}/{field}")
        assert response.status_code == 200, response.text[:300]
        disposition = response.headers.get("Content-Disposition", "")
        answers.append((response.headers["Content-Type"], disposition.split(";")[0]))
    return answers


def stored(folder, item_id, field="file"):
    folder._p_jar.sync()
    return getattr(folder[item_id], field).contentType


def test_rest_post_of_html_named_pdf(folder, browser, manager_request):
    response = manager_request.post(
        "/filer",
        json={
            "@type": "File",
            "id": "rapport",
            "title": "Rapport",
            "file": base64_file(HTML, "rapport.pdf", "application/pdf"),
        },
    )
    assert response.status_code == 201, response.text
    assert stored(folder, "rapport") == OCTET
    assert served(browser, response.json()["@id"]) == [(OCTET, "attachment")] * 2


def test_rest_patch_of_html_named_pdf(folder, browser, manager_request):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=folder,
            type="File",
            id="rapport",
            file=NamedBlobFile(PDF, filename="rapport.pdf"),
        )
    transaction.commit()
    assert served(browser, folder["rapport"].absolute_url())[1] == (
        "application/pdf",
        "inline",
    )
    response = manager_request.patch(
        "/filer/rapport",
        json={"file": base64_file(HTML, "rapport.pdf", "application/pdf")},
    )
    assert response.status_code == 204, response.text
    assert stored(folder, "rapport") == OCTET
    assert (
        served(browser, folder["rapport"].absolute_url()) == [(OCTET, "attachment")] * 2
    )


def test_add_form_with_html_named_pdf(folder, browser):
    response = form_post(
        browser,
        f"{folder.absolute_url()}/++add++File",
        {"form.widgets.title": "Rapport", "form.widgets.IShortName.id": "rapport"},
        {"form.widgets.file": ("rapport.pdf", HTML, "application/pdf")},
    )
    assert response.status_code == 200, response.text[:300]
    assert stored(folder, "rapport") == OCTET
    assert (
        served(browser, folder["rapport"].absolute_url()) == [(OCTET, "attachment")] * 2
    )


def test_folder_contents_upload_of_html_named_pdf(folder, browser):
    page = browser.get(f"{folder.absolute_url()}/++add++File")
    (token,) = html.fromstring(page.text).xpath('//input[@name="_authenticator"]')
    response = browser.post(
        f"{folder.absolute_url()}/@@fileUpload",
        data={"_authenticator": token.get("value")},
        files={"file": ("rapport.pdf", HTML, "application/pdf")},
    )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["type"] == OCTET
    assert stored(folder, response.json()["name"]) == OCTET


def test_tus_upload_of_html_named_pdf(folder, manager_request):
    metadata = ",".join(
        f"{key} {b64encode(value.encode()).decode()}"
        for key, value in {
            "filename": "rapport.pdf",
            "content-type": "application/pdf",
            "@type": "File",
        }.items()
    )
    created = manager_request.post(
        "/filer/@tus-upload",
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(len(HTML)),
            "Upload-Metadata": metadata,
        },
    )
    assert created.status_code == 201, created.text
    done = manager_request.patch(
        created.headers["Location"],
        data=HTML,
        headers={
            "Tus-Resumable": "1.0.0",
            "Content-Type": "application/offset+octet-stream",
            "Upload-Offset": "0",
        },
    )
    assert done.status_code == 204, done.text
    folder._p_jar.sync()
    (item,) = folder.objectValues()
    assert item.file.contentType == OCTET


@pytest.mark.parametrize(
    ("portal_type", "field", "data", "filename", "claimed", "kept"),
    [
        ("File", "file", PDF, "rapport.pdf", "application/pdf", "application/pdf"),
        ("Image", "image", png_bytes(), "bild.png", "image/png", "image/png"),
        ("Image", "image", png_bytes(), "bild.jpg", "image/jpeg", "image/png"),
    ],
    ids=["pdf", "png", "png-claimed-as-jpeg"],
)
def test_rest_keeps_the_type_of_the_content(
    folder, browser, manager_request, portal_type, field, data, filename, claimed, kept
):
    response = manager_request.post(
        "/filer",
        json={
            "@type": portal_type,
            "id": "fil",
            "title": "Fil",
            field: base64_file(data, filename, claimed),
        },
    )
    assert response.status_code == 201, response.text
    assert stored(folder, "fil", field) == kept
    download = browser.get(f"{response.json()['@id']}/@@download/{field}")
    assert download.headers["Content-Type"] == kept
    assert download.content == data


def test_fields_of_behaviours_and_our_types(portal):
    """A news item's lead image (a behaviour) and a Person's portrait."""
    with api.env.adopt_roles(["Manager"]):
        news = api.content.create(
            container=portal,
            type="News Item",
            id="nyhet",
            title="Nyhet",
            image=NamedBlobImage(HTML, filename="bild.png"),
        )
        unit = api.content.create(
            container=portal, type="solna.Unit", id="enhet", title="Enhet"
        )
        person = api.content.create(
            container=unit,
            type="solna.Person",
            title="Maja Berg",
            first_name="Maja",
            last_name="Berg",
            portrait=NamedBlobImage(png_bytes(), filename="maja.jpg"),
        )
    assert news.image.contentType == OCTET
    assert person.portrait.contentType == "image/png"


def test_a_form_answer_kept_as_a_case(forms_site):
    """collective.easyform answers fire no content event: the form's own
    upload (NamedDataConverter) is corrected."""
    form = forms_site["fraga-hr"]
    sent = requests.post(
        f"{form.absolute_url()}/@skicka",
        auth=(STAFF, PASSWORD),
        headers={"Accept": "application/json"},
        json={
            "amne": "Lön",
            "fraga": "Intyget bifogat",
            "bilaga": base64_file(HTML, "intyg.pdf", "application/pdf"),
        },
        timeout=30,
    )
    assert sent.status_code == 201, sent.text
    transaction.begin()
    (case,) = CaseStore(form).all()
    assert case.data["bilaga"].filename == "intyg.pdf"
    assert case.data["bilaga"].contentType == OCTET
