"""The console in a real browser (Debian's chromium through Selenium) against the centre
served by uvicorn: sign in, make a store and an enrollment code, enrol a counter with it,
find a member and adjust their points (the counter applies it after a sync), resolve a
conflict (both counters show it); Chinese drawn with the font the centre serves."""

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from central.console.auth import create_user
from services import sync
from tests.central.console.browser import chromium_driver, screenshot
from tests.central.console.helpers import PASSWORD
from tests.central.console.test_console_exceptions import coupon_used_twice
from tests.central.harness import LiveServer
from tests.factories import earn, register
from tests.integration.sync_helpers import local_balance

pytestmark = pytest.mark.slow


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    return central_sqlite


@pytest.fixture
def browser():
    driver = chromium_driver()
    yield driver
    driver.quit()


def fill(driver, form: str, **fields: str) -> None:
    for name, value in fields.items():
        field = driver.find_element(By.CSS_SELECTOR, f"{form} [name={name}]")
        field.clear()
        field.send_keys(value)


def submit(driver, form: str, confirm: bool = False) -> None:
    driver.find_element(By.CSS_SELECTOR, f"{form} button[type=submit]").click()
    if confirm:
        WebDriverWait(driver, 5).until(expected_conditions.alert_is_present())
        driver.switch_to.alert.accept()


def text_of(driver, css: str) -> str:
    """The element's text, or "" while the page it was on is being replaced."""
    try:
        return driver.find_element(By.CSS_SELECTOR, css).text
    except (StaleElementReferenceException, NoSuchElementException):
        return ""


def sign_in(driver, url: str) -> None:
    driver.get(f"{url}/console/")
    assert "/console/login" in driver.current_url
    screenshot(driver, "login")
    fill(driver, "form", name="boss", password=PASSWORD)
    submit(driver, "form")
    WebDriverWait(driver, 5).until(lambda d: "欢迎" in text_of(d, "h1"))


def test_store_enrollment_member_adjustment_in_a_browser(central_sqlite, make_counter, browser):
    central = central_sqlite
    with central.session() as s, s.begin():
        from datetime import UTC, datetime

        create_user(s, "default", "boss", "admin", PASSWORD, datetime.now(UTC))
    with LiveServer(central.app) as server:
        sign_in(browser, server.url)
        fonts = browser.execute_script(
            "return document.fonts.ready.then(() => Array.from(document.fonts)"
            ".filter(f => f.family.includes('CounterSansSC')).map(f => f.status))"
        )
        assert fonts == ["loaded"]  # no CJK font on the machine: the centre's own drew it
        screenshot(browser, "home")

        browser.find_element(By.LINK_TEXT, "门店与收银台").click()
        fill(browser, "#new-store", code="S1", name="一号店")
        submit(browser, "#new-store")
        WebDriverWait(browser, 5).until(lambda d: "一号店" in text_of(d, "h1"))
        submit(browser, "form[action$='enrollment-code']")
        code = text_of(browser, "#enrollment-code")
        assert browser.find_element(By.CSS_SELECTOR, "#enrollment-qr svg").is_displayed()
        screenshot(browser, "enrollment")

        counter = make_counter("1", "S1", enroll=False)
        counter.enroll(central, code)
        member = register(counter)
        earn(counter, member.id, "R1", 20_000)
        assert counter.cycle().ok
        before = local_balance(counter, member.id)
        browser.get(f"{server.url}/console/stores/S1")  # not a reload: that sends the form again
        assert counter.device_id[:8] in text_of(browser, "#counters")
        screenshot(browser, "store")

        browser.find_element(By.LINK_TEXT, "会员").click()
        fill(browser, "#member-search", q="陈")
        submit(browser, "#member-search")
        browser.find_element(By.LINK_TEXT, "陈安娜").click()
        fill(browser, "#adjust", delta="500", reason="开业活动补赠")
        submit(browser, "#adjust", confirm=True)
        WebDriverWait(browser, 5).until(lambda d: "当前积分" in text_of(d, "#notice"))
        screenshot(browser, "member")
        assert counter.cycle().ok
        assert local_balance(counter, member.id) == before + 500


def test_resolve_a_conflict_in_a_browser(central_sqlite, make_counter, browser):
    central = central_sqlite
    a, b = coupon_used_twice(central, make_counter)
    with central.session() as s, s.begin():
        from datetime import UTC, datetime

        create_user(s, "default", "boss", "admin", PASSWORD, datetime.now(UTC))
    with LiveServer(central.app) as server:
        sign_in(browser, server.url)
        browser.find_element(By.LINK_TEXT, "异常处理").click()
        assert "优惠券重复使用" in text_of(browser, "#conflicts")
        fill(browser, "form.resolve", reason="顾客补差价，总部确认")
        screenshot(browser, "exceptions")
        submit(browser, "form.resolve")
        WebDriverWait(browser, 5).until(lambda d: "冲突已处理" in text_of(d, "#notice"))
        browser.find_element(By.CSS_SELECTOR, "a.lang").click()
        WebDriverWait(browser, 5).until(lambda d: "Exceptions" in text_of(d, "h1"))
        screenshot(browser, "exceptions-en")
    assert a.cycle().ok and b.cycle().ok
    for counter in (a, b):
        [conflict] = sync.list_conflicts(counter.runtime.reader)
        assert conflict.status == "resolved" and conflict.resolution == "顾客补差价，总部确认"
