"""A real browser for the console's tests: Debian's chromium driven by Selenium through its
own chromedriver (nothing downloaded), headless at 1366x768; screenshots into
docs/screenshots/console-*.png only when CONSOLE_SCREENSHOTS=1 asks for them."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def chromium_driver():
    if not CHROMIUM or not DRIVER:
        pytest.skip(
            "Debian's chromium and chromium-driver are not installed (apt-get install"
            " chromium chromium-driver)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
        "--lang=zh-CN",
        "--disable-gpu",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_window_size(1366, 768)
    driver.implicitly_wait(5)
    return driver


def screenshot(driver, name: str) -> None:
    """The page as it stands, for the docs, when asked for (the tree stays clean otherwise)."""
    if os.environ.get("CONSOLE_SCREENSHOTS") != "1":
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"console-{name}.png"))
