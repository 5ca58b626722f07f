"""The shipped forms over HTTP: staff, handlers of each form, a unit for the
prefill, the site's MailHost on a real local SMTP server."""

from lxml import html
from plone import api
from tests.conftest import create_staff
from tests.conftest import PASSWORD
from tests.workflow.conftest import smtp  # noqa: F401 - fixture

import pytest
import requests
import transaction


#: The handler of each handler group (the forms name the groups).
HANDLERS = {
    "hr-handlaggare": "hr.handlaggare",
    "arbetsmiljo": "arbetsmiljo.handlaggare",
    "it-service": "it.handlaggare",
    "formularhandlaggare": "forslag.handlaggare",
    "granskare": "kommunikator",
}
STAFF = "olle.medarbetare"


@pytest.fixture
def forms_site(functional_portal, smtp):  # noqa: F811
    """Olle (in Solgläntans förskola), another staff member, one handler per
    handler group; committed; returns the folder of forms."""
    portal = functional_portal
    create_staff(
        {
            STAFF: (),
            "eva.medarbetare": (),
            **{login: (group,) for group, login in HANDLERS.items()},
        }
    )
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(
            container=portal,
            type="solna.Unit",
            id="solglantan",
            title="Solgläntans förskola",
            kind="forskola",
        )
        api.content.transition(unit, to_state="published")
        api.user.get(username=STAFF).setMemberProperties(
            {"fullname": "Olle Medarbetare", "unit": api.content.get_uuid(unit)}
        )
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    transaction.commit()
    return portal["blanketter"]


def session(login):
    s = requests.Session()
    s.auth = (login, PASSWORD)
    return s


class FilledForm:
    """A form page as a browser has it: fill in by field name, submit."""

    def __init__(self, session, url):
        self.session, self.url = session, url
        self.page = session.get(url)
        self.page.raise_for_status()
        self.tree = html.fromstring(self.page.text)

    def inputs(self, name):
        return self.tree.xpath(
            f'//*[@name="form.widgets.{name}" or @name="form.widgets.{name}:list"]'
        )

    def value(self, name):
        (element,) = self.inputs(name)
        return element.get("value")

    def data(self, answers):
        """What the browser posts: every field as the page fills it in
        (the member's prefilled name, the empty markers), with ``answers``
        {field: value} typed over it; a choice by its label, a checkbox by
        True or False."""
        (form,) = self.tree.xpath('//form[.//*[@name="form.buttons.submit"]]')
        data = dict(form.form_values())
        data["form.buttons.submit"] = "Skicka"
        for name, value in answers.items():
            (element,) = self.inputs(name)
            key = element.get("name")
            if element.tag == "select":
                (option,) = [
                    o
                    for o in element.iter("option")
                    if o.text_content().strip() == value
                ]
                data[key] = option.get("value")
            elif element.get("type") == "checkbox":
                data.pop(key, None)
                if value:
                    data[key] = element.get("value")
            else:
                data[key] = value
        return data

    def submit(self, answers, files=None):
        return self.session.post(self.url, data=self.data(answers), files=files)


def errors(response):
    """The messages a page shows (status message and at the fields)."""
    tree = html.fromstring(response.text)
    found = tree.xpath(
        '//*[contains(@class, "invalid-feedback") or contains(@class, "statusmessage")]'
    )
    fields = tree.xpath(
        '//div[contains(@class, "field") and contains(@class, " error ")]'
    )
    return [" ".join(e.text_content().split()) for e in found] + [
        e.get("data-fieldname") for e in fields
    ]
