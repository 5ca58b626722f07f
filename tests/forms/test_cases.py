"""Ärenden: a submission saved as a case is seen by its submitter in Mina
ärenden and by the form's handlers, never by other staff; a status change
with a note reaches the submitter by mail (real SMTP server)."""

from plone import api
from tests.fixtures.forms import published_form
from tests.fixtures.http import browser
from tests.fixtures.mail import wait_for
from tests.fixtures.staff import create_staff

import pytest
import re
import transaction


FIELDS = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="fraga" type="zope.schema.Text"><title>Din fråga</title></field>
  </schema>
</model>"""
ACTIONS = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="arende" type="solna.intranet.forms.actions.SaveCase">
      <title>Spara som ärende</title>
    </field>
  </schema>
</model>"""


@pytest.fixture
def form_url(functional_portal, smtp):
    create_staff(
        {
            "olle.medarbetare": (),
            "eva.medarbetare": (),
            "handlaggare": ("formularhandlaggare",),
        }
    )
    form = published_form(
        functional_portal,
        "fraga-hr",
        "Fråga HR",
        fields_model=FIELDS,
        actions_model=ACTIONS,
    )
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    transaction.commit()
    return form.absolute_url()


def submit(login, form_url, question):
    s = browser(login)
    token = re.search(
        r'name="_authenticator" value="([^"]+)"', s.get(form_url).text
    ).group(1)
    return s.post(
        form_url,
        data={
            "form.widgets.fraga": question,
            "form.buttons.submit": "Skicka",
            "_authenticator": token,
        },
    )


def test_a_case_from_submission_to_done(functional_portal, form_url, smtp):
    portal_url = functional_portal.absolute_url()
    assert submit("olle.medarbetare", form_url, "Hur tar jag ut komp?").ok
    assert submit("eva.medarbetare", form_url, "Min lön är fel").ok

    # Mina ärenden: exactly one's own.
    mine = (
        browser("olle.medarbetare")
        .get(f"{portal_url}/@mina-arenden", headers={"Accept": "application/json"})
        .json()
    )
    assert mine["items_total"] == 1
    assert mine["items"][0]["form"] == "Fråga HR"
    assert mine["items"][0]["status_title"] == "Mottagen"
    assert "Min lön" not in str(mine)

    # The handler sees both; other staff see none, over REST or the page.
    cases = (
        browser("handlaggare")
        .get(f"{form_url}/@arenden", headers={"Accept": "application/json"})
        .json()["items"]
    )
    assert sorted(c["data"]["fraga"] for c in cases) == [
        "Hur tar jag ut komp?",
        "Min lön är fel",
    ]
    for login in ("olle.medarbetare", "eva.medarbetare"):
        refused = browser(login).get(
            f"{form_url}/@arenden", headers={"Accept": "application/json"}
        )
        assert refused.status_code == 401
        page = browser(login).get(f"{form_url}/@@arenden", allow_redirects=False)
        assert page.status_code in (302, 401, 403)
        assert "Min lön" not in page.text

    # Status with a note: the submitter is told, and sees it.
    olles = next(c for c in cases if c["submitter"] == "olle.medarbetare")
    changed = browser("handlaggare").post(
        f"{form_url}/@arenden",
        json={"id": olles["id"], "status": "klar", "note": "Se avtalet, § 4."},
        headers={"Accept": "application/json"},
    )
    assert changed.status_code == 200, changed.text
    assert wait_for(lambda: len(smtp.to("olle.medarbetare@solna.example")) == 2)
    receipt, message = smtp.to("olle.medarbetare@solna.example")
    assert receipt["Subject"] == "Mottaget: Fråga HR"
    assert message["Subject"] == "Ditt ärende: Fråga HR"
    assert "Klar" in message.get_content()
    assert "Se avtalet, § 4." in message.get_content()
    page = browser("olle.medarbetare").get(f"{portal_url}/@@mina-arenden").text
    assert "Klar" in page
    assert "Se avtalet, § 4." in page

    wrong = browser("handlaggare").post(
        f"{form_url}/@arenden",
        json={"id": "finns-inte", "status": "klar"},
        headers={"Accept": "application/json"},
    )
    assert wrong.status_code == 400
    assert "Det finns inget sådant ärende" in wrong.json()["error"]["message"]
