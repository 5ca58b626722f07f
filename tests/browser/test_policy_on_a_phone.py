"""The Content-Security-Policy (security/headers.py) leaves the editors'
pages working on a phone: folder contents lists what is in a folder (its
templates need eval), and the edit form gets TinyMCE and Plone's select."""

from plone import api
from tests.fixtures.phone import login
from tests.fixtures.phone import shows
from tests.fixtures.staff import create_staff

import pytest
import transaction


pytestmark = pytest.mark.browser


@pytest.fixture
def folder(functional_portal):
    create_staff({"webbred": ("webbredaktorer",)})
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="rutiner", title="Rutiner"
        )
        api.content.create(
            container=folder,
            type="Document",
            id="regnklader",
            title="Regnkläder i hallen",
        )
    transaction.commit()
    return functional_portal.absolute_url().replace("127.0.0.1", "localhost")


def test_folder_contents_and_the_editor_work_under_the_policy(phone, folder):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.fixtures.phone import WAIT

    login(phone, folder, "webbred")
    phone.get(f"{folder}/rutiner/folder_contents")
    # The listing is drawn by the structure pattern's templates (eval).
    WebDriverWait(phone, WAIT).until(
        lambda browser: (
            "Regnkläder i hallen"
            in browser.execute_script(
                "const t = document.querySelector('.pat-structure table');"
                "return t ? t.innerText : '';"
            )
        )
    )
    phone.get(f"{folder}/rutiner/regnklader/@@edit")
    WebDriverWait(phone, WAIT).until(
        lambda browser: browser.find_elements(By.CSS_SELECTOR, ".tox-tinymce")
    )
    shows(phone, "Regnkläder i hallen")
