"""Real Chromium (Debian's chromium + chromium-driver), headless, as a phone."""

from pathlib import Path

import os
import pytest
import shutil
import tempfile


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).parents[2] / "tests" / "artifacts"
#: An iPhone 12-15 sized screen: 390 CSS pixels wide.
PHONE = {"width": 390, "height": 844, "pixelRatio": 3.0}


@pytest.fixture
def phone():
    """A headless Chromium with a 390 px wide, touch, mobile viewport."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(
            "Chromium is missing: apt-get install chromium chromium-driver "
            "(.ci/run does it)"
        )
    profile = tempfile.mkdtemp(prefix="chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--lang=sv-SE",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "mobileEmulation",
        {
            "deviceMetrics": PHONE,
            "clientHints": {"platform": "Android", "mobile": True},
        },
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def screenshot(phone, request):
    """Save a screenshot in tests/artifacts/ for a person to look at."""

    def save(name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        phone.save_screenshot(str(path))
        return path

    return save


#: How long a phone test waits for a page or a change on it: long, because
#: CI machines are busy; a passing wait returns as soon as the text is there.
WAIT = 60


def shows(phone, *words, timeout=WAIT):
    """Wait until the page shows all of ``words`` (after a click or a
    page load on a busy machine); fails with the page's text if it never
    does."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(phone, timeout).until(
            lambda browser: all(w in browser.page_source for w in words)
        )
    except TimeoutException:
        text = phone.execute_script("return document.body && document.body.innerText")
        raise AssertionError(f"{words} not on {phone.current_url}: {text!r}") from None


def open_page(phone, url, *words, timeout=WAIT):
    """Open ``url`` and wait until it shows ``words`` (and has finished
    loading)."""
    phone.get(url)
    shows(phone, *words, timeout=timeout)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(phone, timeout).until(
        lambda browser: (
            browser.execute_script("return document.readyState") == "complete"
        )
    )


def login(phone, portal_url, user, password=None):
    """Log in through the login form, as staff do."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.conftest import PASSWORD

    open_page(phone, f"{portal_url}/login", "__ac_name")
    phone.find_element(By.NAME, "__ac_name").send_keys(user)
    phone.find_element(By.NAME, "__ac_password").send_keys(password or PASSWORD)
    phone.find_element(By.NAME, "buttons.login").click()
    WebDriverWait(phone, WAIT).until(lambda browser: browser.get_cookie("__ac"))


def fits(phone):
    """The page is 390 px wide and scrolls only up and down."""
    width, scroll = phone.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]"
    )
    return scroll <= width == 390


def heading(phone, timeout=WAIT):
    """The page's heading, once it is shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(phone, timeout).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#content h1"))
    )
