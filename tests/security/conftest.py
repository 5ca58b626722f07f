"""Content with secret markers, for proving what Anonymous can and cannot see."""

from io import BytesIO
from PIL import Image
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from tests.workflow.conftest import site  # noqa: F401 (the workplace, for CSRF)
from tests.workflow.conftest import smtp  # noqa: F401
from zope.component import createObject

import pytest
import requests
import transaction


def png_bytes():
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (0, 105, 180)).save(buffer, "PNG")
    return buffer.getvalue()


def marker(name):
    return f"hemligt-{name}-0f3a"


ITEMS = (
    # (container path, type, id, published)
    ("", "Folder", "enheter", True),
    ("enheter", "Document", "rutiner", True),
    ("enheter", "Document", "utkast", False),
    ("enheter", "News Item", "nyhet", True),
    ("enheter", "Event", "personalfest", True),
    ("enheter", "EasyForm", "ledighet", True),
    ("enheter", "Image", "bild", None),
    ("enheter", "File", "fil", None),
    ("", "Document", "startsida", True),
)

MARKERS = (*(marker(item_id) for _, _, item_id, _ in ITEMS), marker("kommentar"))


def _create(portal):
    for path, portal_type, item_id, published in ITEMS:
        container = portal.unrestrictedTraverse(path) if path else portal
        data = {
            "title": f"Titel {marker(item_id)}",
            "description": f"Beskrivning {marker(item_id)}",
        }
        if portal_type == "Image":
            data["image"] = NamedBlobImage(png_bytes(), filename="bild.png")
        elif portal_type == "File":
            data["file"] = NamedBlobFile(
                f"Filinnehåll {marker(item_id)}".encode(), filename="fil.txt"
            )
        obj = api.content.create(
            container=container, type=portal_type, id=item_id, **data
        )
        if portal_type in ("Document", "News Item"):
            obj.text = RichTextValue(f"<p>Text {marker(item_id)}</p>")
        if published:
            api.content.transition(obj, to_state="published")
        obj.reindexObject()
    news = portal["enheter"]["nyhet"]
    news.allow_discussion = True
    comment = createObject("plone.Comment")
    comment.text = f"Kommentar {marker('kommentar')}"
    comment.author_username = "admin"
    IConversation(news).addComment(comment)


@pytest.fixture
def secret_site(functional_portal):
    """The functional site with marked content, committed for the HTTP server."""
    with api.env.adopt_roles(["Manager"]):
        _create(functional_portal)
    transaction.commit()
    return functional_portal


@pytest.fixture
def anonymous(secret_site):
    session = requests.Session()
    session.headers["Accept"] = "text/html"
    yield session
    session.close()


@pytest.fixture
def manager(secret_site):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def portal_url(secret_site):
    return secret_site.absolute_url()


def log_in_with_the_form(portal_url, login, headers=None):
    """Log in through the login form, as a browser does: returns the session
    (holding only the cookie) and the login form's answer (not followed)."""
    from lxml import html
    from tests.conftest import PASSWORD

    s = requests.Session()
    page = html.fromstring(s.get(f"{portal_url}/login", timeout=60).text)
    form = page.xpath('//form[.//input[@name="__ac_name"]]')[0]
    data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@name]")}
    data.update({"__ac_name": login, "__ac_password": PASSWORD})
    data.setdefault("buttons.login", "Logga in")
    answer = s.post(
        f"{portal_url}/login",
        data=data,
        headers=headers or {},
        allow_redirects=False,
        timeout=60,
    )
    return s, answer
