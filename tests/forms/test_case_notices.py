"""Issue 18, fourth trial (finding 18): when a handler sets Anna's case to
Klar, her Notiser says so, page and REST alike, with the handler's note;
nobody else is told, and reading Notiser writes nothing."""

from lxml import html
from tests.fixtures.http import browser
from tests.fixtures.http import text
from tests.forms.test_cases import form_url  # noqa: F401 - the fixture
from tests.forms.test_cases import submit

import transaction


JSON = {"Accept": "application/json"}


def case_notices(login, portal_url):
    answer = browser(login).get(f"{portal_url}/@notiser", headers=JSON)
    assert answer.status_code == 200
    return [n for n in answer.json()["items"] if n["kind"] == "case"]


def test_a_status_change_is_a_notice_for_the_submitter(
    functional_portal,
    form_url,  # noqa: F811
):
    portal_url = functional_portal.absolute_url()
    assert submit("olle.medarbetare", form_url, "Hur tar jag ut komp?").ok
    assert submit("eva.medarbetare", form_url, "Min lön är fel").ok
    assert case_notices("olle.medarbetare", portal_url) == []  # only received
    cases = browser("handlaggare").get(f"{form_url}/@arenden", headers=JSON).json()
    olles = next(c for c in cases["items"] if c["submitter"] == "olle.medarbetare")
    changed = browser("handlaggare").post(
        f"{form_url}/@arenden",
        json={"id": olles["id"], "status": "klar", "note": "Se avtalet, § 4."},
        headers=JSON,
    )
    assert changed.status_code == 200, changed.text

    (notice,) = case_notices("olle.medarbetare", portal_url)
    assert notice["kind_title"] == "Ditt ärende"
    assert notice["title"] == "Fråga HR"
    assert notice["text"] == "Nu: Klar. Se avtalet, § 4."
    assert notice["url"] == f"{portal_url}/@@mina-arenden"
    assert notice["read"] is False
    assert case_notices("eva.medarbetare", portal_url) == []
    assert case_notices("handlaggare", portal_url) == []

    # The page says the same.
    page = html.fromstring(
        browser("olle.medarbetare").get(f"{portal_url}/@@notiser").text
    )
    entries = [text(li) for li in page.cssselect("#content-core li")]
    assert any(
        "Ditt ärende" in e and "Fråga HR" in e and "Nu: Klar. Se avtalet, § 4." in e
        for e in entries
    ), entries

    # Reading Notiser (page and REST) writes nothing.
    transaction.begin()
    storage = functional_portal._p_jar.db().storage
    before = storage.lastTransaction()
    browser("olle.medarbetare").get(f"{portal_url}/@@notiser")
    case_notices("olle.medarbetare", portal_url)
    transaction.begin()
    assert storage.lastTransaction() == before
