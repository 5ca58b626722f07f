"""@@ta-bort-uppladdning (browser/dialog_uploads.py): what TinyMCE's image
dialog asks for an image uploaded while it was open and not inserted. It
removes only an image or file its creator uploaded in the last day that
nothing refers to, on a POST with her CSRF token; anything else is left as
it is. Over HTTP, as the dialog's script sends it (the dialog itself:
tests/browser/test_image_dialog.py)."""

from DateTime import DateTime
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.fixtures.files import png_bytes
from tests.fixtures.http import browser as member_browser
from tests.fixtures.http import token
from tests.fixtures.staff import create_as

import pytest
import transaction


def portal_url():
    return api.portal.get().absolute_url()


def upload(login, folder, name="affisch.png"):
    """Upload as the dialog's content browser does (@@fileUpload): the new
    item's UID."""
    s = member_browser(login)
    answer = s.post(
        f"{folder.absolute_url()}/@@fileUpload",
        data={"_authenticator": token(s, folder.absolute_url())},
        files={"file": (name, png_bytes(), "image/png")},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["UID"]


def remove(login, uid, with_token=True):
    s = member_browser(login)
    data = {"uid": uid}
    if with_token:
        data["_authenticator"] = token(s, portal_url())
    return s.post(f"{portal_url()}/@@ta-bort-uppladdning", data=data)


def exists(uid):
    transaction.begin()
    return api.content.get(UID=uid) is not None


@pytest.fixture
def folder(site):
    return site["a"]


def test_her_unused_upload_is_removed(folder):
    uid = upload("red.a", folder)
    assert exists(uid)
    answer = remove("red.a", uid)
    assert answer.status_code == 200
    assert answer.json() == {"removed": True}
    assert not exists(uid)
    # Asked again: there is no such item.
    assert remove("red.a", uid).status_code == 404


def test_only_a_post_with_her_token(folder):
    uid = upload("red.a", folder)
    s = member_browser("red.a")
    assert s.get(f"{portal_url()}/@@ta-bort-uppladdning?uid={uid}").status_code == 405
    assert remove("red.a", uid, with_token=False).status_code == 403
    assert exists(uid)


def test_not_someone_elses_nor_an_old_one_nor_a_page(folder):
    uid = upload("red.a", folder)
    # The unit's manager may delete it, but did not upload it; neither did
    # the editor of another unit nor staff.
    for login in ("chef.a", "red.b", "olle.medarbetare"):
        assert remove(login, uid).status_code == 403, login
    assert exists(uid)

    # Uploaded two days ago: no dialog is open that long.
    transaction.begin()
    image = api.content.get(UID=uid)
    image.creation_date = DateTime() - 2
    image.reindexObject(idxs=["created"])
    transaction.commit()
    assert remove("red.a", uid).status_code == 403
    assert exists(uid)

    page = create_as("red.a", folder, "Document", "Öppettider")
    transaction.commit()
    assert remove("red.a", page.UID()).status_code == 403
    assert exists(page.UID())


def test_not_one_a_saved_text_shows(folder):
    uid = upload("red.a", folder)
    transaction.begin()
    news = create_as(
        "red.a",
        folder,
        "News Item",
        "Sommarfest",
        text=RichTextValue(
            f'<p><img src="resolveuid/{uid}/@@images/image/large" alt="Affisch"></p>',
            "text/html",
            "text/x-html-safe",
        ),
    )
    transaction.commit()
    assert news.text.raw
    answer = remove("red.a", uid)
    assert answer.status_code == 409
    assert answer.json() == {"removed": False}
    assert exists(uid)
