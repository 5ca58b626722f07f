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
