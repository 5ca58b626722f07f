"""Every page of the organisation, rules and answers fits a 390 px phone."""

from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


pytestmark = pytest.mark.browser

USER, PASSWORD = "sara.ek", "Forskola-2026"


@pytest.fixture
def pages(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        api.user.create(username=USER, email="sara@solna.example", password=PASSWORD)
        unit = api.content.create(
            container=portal,
            type="solna.Unit",
            id="solglantan",
            title="Solgläntans förskola med ett långt namn för små skärmar",
            kind="forskola",
            phone="08-746 12 34",
            email="solglantans.forskola.med.lang.adress@solna.se",
            visiting_address="Skogsvägen 3\n171 45 Solna",
            opening_hours="Måndag–fredag 6.30–18.00",
        )
        person = api.content.create(
            container=unit,
            type="solna.Person",
            title="Maja Berg",
            first_name="Maja",
            last_name="Berg",
            job_title="Förskolechef",
            profession="chef",
            phone="08-746 12 30",
            mobile="070-123 45 67",
            email="maja.berg.forskolechef@solna.se",
            ask_me_about="Lediga platser",
        )
        unit.manager = RelationValue(getUtility(IIntIds).getId(person))
        rule = api.content.create(
            container=unit,
            type="solna.Rule",
            id="semester",
            title="Semester",
            category="ledighet",
            legal_basis="Semesterlagen",
        )
        answer = api.content.create(
            container=unit,
            type="solna.Answer",
            id="semesterdagar",
            title="Hur många semesterdagar har jag?",
            category="ledighet",
        )
        for obj in (unit, person, rule, answer):
            api.content.transition(obj, to_state="published")
    transaction.commit()
    url = portal.absolute_url()
    return url, [
        f"{url}/solglantan",
        f"{url}/solglantan/maja-berg",
        f"{url}/@@hitta-kontakt?q=maja",
        f"{url}/@@organisation",
        f"{url}/solglantan/semester",
        f"{url}/solglantan/semesterdagar",
        f"{url}/@@fragor-och-svar",
    ]


def test_pages_fit_a_phone(phone, screenshot, pages):
    from selenium.webdriver.common.by import By

    portal_url, urls = pages
    phone.get(f"{portal_url}/login")
    phone.find_element(By.NAME, "__ac_name").send_keys(USER)
    phone.find_element(By.NAME, "__ac_password").send_keys(PASSWORD)
    phone.find_element(By.NAME, "buttons.login").click()
    for number, url in enumerate(urls):
        phone.get(url)
        heading = phone.find_element(By.CSS_SELECTOR, "#content h1")
        assert heading.is_displayed(), url
        screenshot(f"{number}")
        width, scroll = phone.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]"
        )
        assert scroll <= width == 390, url
    # Phone numbers are links to call.
    phone.get(urls[2])
    calls = phone.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")
    assert {a.get_attribute("href") for a in calls} >= {"tel:087461230"}
