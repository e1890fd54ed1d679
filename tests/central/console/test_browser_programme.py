"""The programme pages in a real browser (Debian's Chromium through Selenium, 1366x768):
marketing changes a rule and a counter earns by it after its next sync; a manager exports
the numbers and the file is what a spreadsheet needs. With CONSOLE_SHOTS=<folder> the pages
are saved as console-*.png there (docs/screenshots holds the ones in the docs)."""

import csv
import io
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.central.console.helpers import PASSWORD
from tests.central.harness import LiveServer
from tests.factories import earn, register

pytestmark = pytest.mark.slow
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture
def central_fixture_for_counters(console_sqlite):
    return console_sqlite.central  # the counters sync with the console's centre


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM and DRIVER):
        pytest.skip("needs chromium and chromedriver (apt install chromium chromium-driver)")
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
    ):
        options.add_argument(argument)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "intl.accept_languages": "zh-CN"}
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def sign_in(driver, base: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/console/login")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(lambda: "/console/login" not in driver.current_url)


def wait_for(check, seconds: float = 10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("waited in vain")


def alert_of(driver):
    from selenium.common.exceptions import NoAlertPresentException

    def present():
        try:
            return driver.switch_to.alert
        except NoAlertPresentException:
            return None

    return present


def shot(driver, name: str) -> None:
    folder = os.environ.get("CONSOLE_SHOTS")
    if folder:
        driver.set_window_size(1366, 768)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1366, max(768, min(height, 2400)))
        driver.save_screenshot(str(Path(folder) / f"console-{name}.png"))
        driver.set_window_size(1366, 768)


def test_a_rule_changed_in_the_console_is_applied_by_a_counter_after_a_sync(
    console_sqlite, make_counter, browser
):
    from selenium.webdriver.common.by import By

    central = console_sqlite.central
    central.create_store()
    console_sqlite.user("mkt", "marketing")
    counter = make_counter("1")
    with LiveServer(console_sqlite.app) as live:
        sign_in(browser, live.url, "mkt")
        browser.get(f"{live.url}/console/programme/rules")
        rate = browser.find_element(By.NAME, "points_per_yuan")
        rate.clear()
        rate.send_keys("5")
        amount = browser.find_element(By.NAME, "amount")
        amount.clear()
        amount.send_keys("100")
        browser.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
        result = wait_for(lambda: browser.find_elements(By.ID, "preview-result"))[0]
        assert "草稿规则得500分" in result.text and "现行规则（第1版）得100分" in result.text
        shot(browser, "rules")
        browser.find_element(By.CSS_SELECTOR, "button[value=publish]").click()
        wait_for(alert_of(browser)).accept()  # "publish as a new version?"
        wait_for(lambda: "published=2" in browser.current_url)
        assert "已发布第2版。" in browser.page_source
    assert counter.cycle().ok  # the counter pulls version 2
    member = register(counter)
    earned = earn(counter, member.id, "R-BROWSER", 10_000)
    assert (earned.quote.rule_version, earned.quote.points.total) == (2, 500)


def test_a_report_exported_from_the_browser_is_a_csv_a_spreadsheet_reads(console_sqlite, browser):
    from selenium.webdriver.common.by import By

    from tests.central.console.test_console_programme import _sales

    central = console_sqlite.central
    a, b = central.create_store("A", "东门店"), central.create_store("B", "西门店")
    _sales(central, a, b)
    console_sqlite.user("boss", "admin")
    with LiveServer(console_sqlite.app) as live:
        sign_in(browser, live.url, "boss")
        browser.get(f"{live.url}/console/numbers?first=2026-01&last=2026-12")
        assert browser.find_element(By.ID, "active-members").text == "2"
        shot(browser, "numbers")
        browser.find_element(By.ID, "export-csv").click()
        done = wait_for(lambda: [p for p in browser.downloads.glob("*.csv")])
    data = done[0].read_bytes()
    assert done[0].name == "numbers-2026-01-2026-12.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["measure", "subject", "store", "period", "value"]
    found = {(r[0], r[3]): r[4] for r in rows[1:]}
    assert found[("active_members", "2026-01..2026-12")] == "2"
    assert found[("paid_fen", "2026-11")] == "13345"
    assert found[("repurchase_per_mille", "2026-01..2026-12")] == "500"


def test_the_events_gifts_and_campaigns_pages_in_the_browser(console_sqlite, browser):
    from datetime import UTC, datetime

    from central import admin
    from central.programme import gift_pictures
    from tests.central.console.test_console_programme import _event
    from tests.central.programme.test_gift_pictures import GIFT, picture

    central = console_sqlite.central
    central.create_store("A", "东门店")
    central.create_store("B", "西门店")
    _event(central)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    template = {
        "code": "BDAY",
        "name_zh": "生日券",
        "name_en": "Birthday",
        "kind": "amount_off",
        "value": 2000,
        "purpose": "birthday",
        "valid_days": 30,
    }
    chain_id = central.scalar("SELECT id FROM chain")
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "gift", [GIFT], now)
        admin.load_reference(s, central.chain, "coupon_template", [template], now)
        gift_pictures.store_picture(s, chain_id, "MUG", picture(size=(200, 200)), now)
    console_sqlite.user("mkt", "marketing")
    with LiveServer(console_sqlite.app) as live:
        sign_in(browser, live.url, "mkt")
        browser.get(f"{live.url}/console/programme/events")
        assert "年会" in browser.page_source
        shot(browser, "events")
        browser.get(f"{live.url}/console/programme/gifts")
        loaded = browser.execute_script(
            "var i = document.querySelector('img.gift'); return i && i.naturalWidth;"
        )
        assert loaded == 200  # the picture is served and shown
        shot(browser, "gifts")
        browser.get(f"{live.url}/console/programme/campaigns")
        assert "生日券" in browser.page_source
        shot(browser, "campaigns")
