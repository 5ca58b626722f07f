"""The crisis banner at 390 px in real Chromium: on every page type a member
may land on, first in the page, inside the first screen, announced (role
alert); it stays after a reload and after "Jag har sett detta" when the
crisis asks whether she is safe, and goes when she answers "Jag är i
säkerhet". Her manager, with the editing toolbar, sees it too."""

from plone import api
from tests.fixtures.news import PROFILES
from tests.fixtures.news import publish_news
from tests.fixtures.news import set_profile
from tests.fixtures.phone import login
from tests.fixtures.phone import open_page
from tests.fixtures.phone import shows
from tests.fixtures.phone import tap

import pytest
import transaction


pytestmark = pytest.mark.browser

#: Where the banner is and what covers it: [first in <body> after the skip
#: link, top, bottom, screen height, scrolled, the element at the middle of
#: its heading is in the banner, it is above the page's header, role].
WHERE = """
const banner = document.getElementById('solna-crisis-banner');
if (!banner) return null;
const first = [...document.body.children].find(
  e => !e.classList.contains('solna-skiplink'));
const box = banner.getBoundingClientRect();
const title = banner.querySelector('h2').getBoundingClientRect();
const hit = document.elementFromPoint(
  title.left + Math.min(title.width / 2, 100), title.top + title.height / 2);
const header = document.getElementById('content-header');
return [first === banner, box.top, box.bottom, window.innerHeight,
        window.scrollY, banner.contains(hit),
        !header || header.getBoundingClientRect().top >= box.bottom - 1,
        banner.querySelector('section').getAttribute('role')];
"""


@pytest.fixture
def world(site):
    """Profiles as in fixtures/news.py; a crisis for Solgläntan asking
    whether staff are safe; a plain news item, an answer in HR; committed."""
    for login_, (unit, profession) in PROFILES.items():
        set_profile(login_, api.content.get_uuid(site[unit]), profession)
    crisis = publish_news(
        site,
        "brand",
        {"audience_units": ["a"]},
        {
            "priority": "kris",
            "crisis_asks_safety": True,
            "description": "Utrym Solgläntan, samling på gården.",
        },
    )
    news = publish_news(site, "utflykt", {"audience_all": True}, {}, hours_ago=3)
    with api.env.adopt_roles(["Manager"]):
        answer = api.content.create(
            container=site["hr"],
            type="solna.Answer",
            id="semesterdagar",
            title="Hur många semesterdagar har jag?",
            category="ledighet",
        )
        api.content.transition(answer, to_state="published")
    transaction.commit()
    return {"crisis": crisis, "news": news, "answer": answer, **site}


def banner_on_top(phone):
    where = phone.execute_script(WHERE)
    assert where is not None, phone.current_url
    first, top, bottom, height, scrolled, seen, above, role = where
    assert first, phone.current_url
    assert scrolled == 0, (phone.current_url, where)
    assert top >= 0, (phone.current_url, where)
    # Inside the first screen, above the bottom bar (65 px).
    assert bottom <= height - 65, (phone.current_url, where)
    assert seen, (phone.current_url, where)
    assert above, (phone.current_url, where)
    assert role == "alert"


def test_banner_on_every_page_until_she_is_safe(phone, screenshot, world):
    from selenium.webdriver.common.by import By

    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    local = lambda obj: obj.absolute_url().replace("127.0.0.1", "localhost")  # noqa
    login(phone, portal_url, "olle.medarbetare")
    pages = {
        "mitt-intranat": portal_url,
        "hitta-kontakt": f"{portal_url}/@@hitta-kontakt",
        "form": f"{portal_url}/blanketter/forslag-och-ideer",
        "news": local(world["news"]),
        "unit": local(world["a"]),
        "answer": local(world["answer"]),
        "search": f"{portal_url}/@@search?SearchableText=semester",
        "notices": f"{portal_url}/@@notiser",
        "crisis": local(world["crisis"]),
    }
    for name, url in pages.items():
        open_page(phone, url, "Kris: Brand")
        banner_on_top(phone)
        screenshot(name)
    phone.refresh()
    shows(phone, "Kris: Brand")
    banner_on_top(phone)

    # Jag har sett detta: thanked, back on the same page; the crisis asks
    # whether she is safe, so the banner stays.
    open_page(phone, pages["hitta-kontakt"], "Kris: Brand")
    banner = phone.find_element(By.ID, "solna-crisis-banner")
    assert (
        banner.find_element(By.TAG_NAME, "a").get_attribute("href") == pages["crisis"]
    )
    assert banner.find_elements(By.CSS_SELECTOR, ".btn-close, [data-bs-dismiss]") == []
    tap(
        banner.find_element(
            By.XPATH, './/button[normalize-space()="Jag har sett detta"]'
        )
    )
    shows(phone, "Tack! Du har markerat att du har sett krisinformationen.")
    assert phone.current_url.startswith(pages["hitta-kontakt"])
    banner_on_top(phone)
    # Jag är i säkerhet: it goes, here and on the next page.
    banner = phone.find_element(By.ID, "solna-crisis-banner")
    tap(
        banner.find_element(
            By.XPATH, './/button[normalize-space()="Jag är i säkerhet"]'
        )
    )
    shows(phone, "Tack! Du har svarat att du är i säkerhet.")
    assert phone.find_elements(By.ID, "solna-crisis-banner") == []
    screenshot("answered")
    open_page(phone, pages["crisis"], "Du svarade Jag är i säkerhet kl.")
    assert phone.find_elements(By.ID, "solna-crisis-banner") == []
    open_page(phone, portal_url, "solna-news")
    assert phone.find_elements(By.ID, "solna-crisis-banner") == []

    # Her manager, with the editing toolbar on his unit's page: the banner
    # is not under the toolbar.
    phone.delete_all_cookies()
    login(phone, portal_url, "chef.a")
    open_page(phone, pages["unit"], "Kris: Brand")
    assert phone.find_elements(By.ID, "edit-zone")
    banner_on_top(phone)
    screenshot("toolbar")
