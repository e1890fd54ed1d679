"""Reports (F8) as a manager uses them: the day's close on screen, on A4 and as CSV; the
KPIs of a period; the members at risk with a win-back coupon; and the customer's rating
asked for on the points page after a sale (Ctrl+R)."""

import csv
import json
import re
import shutil
import sqlite3
import subprocess
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from models.db import database_path
from tests.factories import earn, register
from tests.ui.driving import sign_in_as
from ui.workers import wait_for_background

MANAGER, CASHIER = "王经理", "李收银"


# helpers -----------------------------------------------------------------------------------


def raw(counter, sql, *params):
    """The counter's file through plain sqlite3, independent of the ORM under test."""
    conn = sqlite3.connect(database_path(counter.runtime.data_dir), isolation_level=None)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def settle(qtbot) -> None:
    assert wait_for_background(5000)
    qtbot.wait(50)


def local_day(counter) -> date:
    return counter.runtime.now().astimezone(ZoneInfo(counter.identity.timezone)).date()


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout


def column(table, header: str) -> int:
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return headers.index(header)


def cells(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


@pytest.fixture
def offered(monkeypatch) -> list:
    """PDFs that would have been offered for printing (no modal box in tests)."""
    paths: list = []
    monkeypatch.setattr("ui.pages.reports_page.offer_pdf", lambda path, *a: paths.append(path))
    monkeypatch.setattr("ui.coupon_printing.offer_pdf", lambda path, *a: paths.append(path))
    return paths


def manager_window(qtbot, make_window, counter):
    window = make_window()
    sign_in_as(qtbot, window, MANAGER, counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    return window


def open_reports(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F8)
    page = window.pages["reports"]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    return page


# a worked day ----------------------------------------------------------------------------------


@pytest.fixture
def worked_day(counter, clock):
    """40 days before: 周老 joins and buys (outside the day and the 30-day KPI period).
    Then on the day: the manager signs up 陈安娜 and 王博 and awards 300 + 200 points; the
    cashier signs up 蔡明 and awards 陈安娜 150 points."""
    manager, cashier = counter.manager, counter.make_cashier()
    old = register(counter, "周老", "13600136000", actor=manager)
    earn(counter, old.id, "R0", 80_000, actor=manager)
    clock.advance(days=40)
    anna = register(counter, "陈安娜", "13800138000", actor=manager)
    bo = register(counter, "王博", "13900139000", actor=manager)
    register(counter, "蔡明", "13700137000", actor=cashier)
    earn(counter, anna.id, "R1", 30_000, actor=manager)
    earn(counter, bo.id, "R2", 20_000, actor=manager)
    earn(counter, anna.id, "R3", 15_000, actor=cashier)
    return {"day": local_day(counter)}


# by hand, for the day: 王经理 500 points, 2 new members; 李收银 150 points, 1 new member
EXPECTED = {MANAGER: ("500", "2"), CASHIER: ("150", "1"), "Total": ("650", "3")}


@pytest.fixture
def close_tab(qtbot, make_window, counter, worked_day):
    window = manager_window(qtbot, make_window, counter)
    page = open_reports(qtbot, window)
    tab = page.close_tab
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3)
    settle(qtbot)
    return window, page, tab


# (a) the day's close on screen -----------------------------------------------------------------


def test_f8_shows_the_days_close_per_staff_member_and_the_total(qtbot, close_tab, worked_day):
    window, page, tab = close_tab
    assert window.current_page_key() == "reports"
    assert page.tabs.currentWidget() is tab and tab.table.objectName() == "closeTable"
    assert tab.day.date().toPython() == worked_day["day"]
    issued, new = column(tab.table, "Points issued"), column(tab.table, "New members")
    rows = {row[0]: (row[issued], row[new]) for row in cells(tab.table)}
    assert rows == EXPECTED
    assert cells(tab.table)[-1][0] == "Total"  # the total comes last
    assert not tab.message.isVisible()


def test_the_close_footer_counts_the_operations_waiting_to_sync(qtbot, close_tab, counter):
    _window, _page, tab = close_tab
    found = re.search(r"Operations waiting to sync: (\d+)", tab.footer.text())
    assert found, tab.footer.text()
    pending = raw(counter, "SELECT count(*) FROM outbox WHERE state = 'pending'")[0][0]
    assert int(found.group(1)) == pending > 0
    assert "Points expired: 0" in tab.footer.text()


def test_another_day_is_empty_and_the_day_itself_comes_back(qtbot, close_tab, worked_day):
    _window, _page, tab = close_tab
    tab.day.setDate(tab.day.date().addDays(-1))  # nobody worked the day before
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert cells(tab.table) == [["Total"] + ["0"] * 8]
    tab.day.setDate(tab.day.date().addDays(1))
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3)
    issued = column(tab.table, "Points issued")
    assert cells(tab.table)[-1][issued] == "650"


# (b) printing on A4 ----------------------------------------------------------------------------


def test_print_a4_makes_a_pdf_with_every_staff_member(qtbot, close_tab, counter, offered):
    _window, _page, tab = close_tab
    assert tab.page_button.objectName() == "closePrintPage"
    qtbot.mouseClick(tab.page_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(offered))
    [path] = offered
    assert path.parent == counter.runtime.data_dir / "prints"
    assert path.name.endswith("-a4.pdf") and not path.with_suffix(".part").exists()
    text = pdf_text(path)
    for name in (MANAGER, CASHIER, "Total"):
        assert name in text, text
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.split()}
    assert lines[MANAGER][0] == "500" and lines[CASHIER][0] == "150"
    assert lines["Total"][0] == "650"
    assert f"by {MANAGER}" in text  # who printed it
    assert not tab.message.isVisible()


# (c) CSV ---------------------------------------------------------------------------------------


def test_export_csv_writes_utf8_with_a_bom_and_the_chinese_names(
    qtbot, close_tab, monkeypatch, tmp_path
):
    _window, _page, tab = close_tab
    target = tmp_path / "out" / "close.csv"
    target.parent.mkdir()
    asked = []

    class SaveDialog:
        @staticmethod
        def getSaveFileName(parent, title, name, filters):
            asked.append(name)
            return str(target), filters

    monkeypatch.setattr("ui.report_tables.QFileDialog", SaveDialog)
    qtbot.mouseClick(tab.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in tab.message.text())
    assert asked == [f"close-{tab.day.date().toPython().isoformat()}.csv"]
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == tab.headers()
    assert rows[1:] == cells(tab.table)
    names = [row[0] for row in rows[1:]]
    assert names == [CASHIER, MANAGER, "Total"]
    assert not target.with_suffix(".part").exists()


# (d) KPIs --------------------------------------------------------------------------------------


def test_the_kpis_count_who_bought_in_the_period_and_chart_the_tiers(qtbot, close_tab):
    _window, page, _tab = close_tab
    page.tabs.setCurrentWidget(page.kpi_tab)
    kpi = page.kpi_tab
    qtbot.waitUntil(lambda: kpi.kpis is not None)
    active = kpi.findChild(QLabel, "kpi_active")
    # 陈安娜 and 王博 bought in the last 30 days; 周老 bought 40 days ago; 蔡明 never
    assert active.text() == "2"
    assert kpi.cards["new_members"].text() == "3"
    [series] = kpi.tier_chart.series()
    [bars] = series.barSets()
    assert [bars.at(i) for i in range(bars.count())] == [4.0, 0.0, 0.0, 0.0]  # all bronze

    before = kpi.kpis
    kpi.first.setDate(kpi.last.date().addDays(1))
    qtbot.waitUntil(lambda: kpi.message.isVisible())
    assert kpi.message.objectName() == "kpiMessage"
    assert "end after it starts" in kpi.message.text()
    settle(qtbot)
    assert kpi.kpis is before and active.text() == "2"  # the last figures stay
    assert len(kpi.tier_chart.series()) == 1

    kpi.first.setDate(kpi.last.date())  # a valid period again: the message goes
    qtbot.waitUntil(lambda: kpi.kpis is not before)
    assert not kpi.message.isVisible()
    assert active.text() == "2"


# (e) members at risk and the win-back coupon ---------------------------------------------------


@pytest.fixture
def at_risk(counter, clock):
    """陈安娜 spent 2,000 yuan, then 200 days later only 100; 王博 spent the same twice.
    100 days on, both are quiet; only 陈安娜 spends less."""
    manager = counter.manager
    anna = register(counter, "陈安娜", "13800138000", actor=manager)
    bo = register(counter, "王博", "13900139000", actor=manager)
    earn(counter, anna.id, "A1", 200_000, actor=manager)
    earn(counter, bo.id, "B1", 10_000, actor=manager)
    clock.advance(days=200)
    earn(counter, anna.id, "A2", 10_000, actor=manager)
    earn(counter, bo.id, "B2", 10_000, actor=manager)
    clock.advance(days=100)
    return anna


def test_members_at_risk_get_a_win_back_coupon_once_six_months_quiet(
    qtbot, make_window, counter, clock, at_risk, offered
):
    window = manager_window(qtbot, make_window, counter)
    page = open_reports(qtbot, window)
    page.tabs.setCurrentWidget(page.risk_tab)
    tab = page.risk_tab
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    row = cells(tab.table)[0]
    assert tab.table.objectName() == "riskTable"
    assert row[:3] == [at_risk.member_no, "陈安娜", "138****8000"]
    assert row[-1] == "2,000.00"  # spend in the half-year before
    # both last bought 100 days ago, once in 90 days, under 5,000 yuan in the year: dormant
    assert tab.segments.text() == "Segments: Dormant 2"

    tab.winback_button.click()  # nothing chosen yet
    assert "Choose members" in tab.message.text()
    tab.table.selectRow(0)
    tab.winback_button.click()  # 100 days quiet: too early for a win-back coupon
    qtbot.waitUntil(lambda: "given: 0" in tab.message.text())
    assert raw(counter, "SELECT count(*) FROM coupon")[0][0] == 0

    clock.advance(days=90)  # 190 days quiet
    tab.winback_button.click()
    qtbot.waitUntil(lambda: "given: 1" in tab.message.text())
    coupons = raw(counter, "SELECT source, member_id, status FROM coupon")
    assert coupons == [("winback", at_risk.id, "issued")]
    qtbot.waitUntil(lambda: bool(offered))  # the coupon slip, offered for printing
    assert offered[0].name.startswith("coupons-") and offered[0].suffix == ".pdf"
    ops = [r[0] for r in raw(counter, "SELECT op_type FROM outbox")]
    assert ops.count("coupon.issue") == 1

    tab.winback_button.click()  # the same lapse: no second coupon
    qtbot.waitUntil(lambda: "given: 0" in tab.message.text())
    assert raw(counter, "SELECT count(*) FROM coupon")[0][0] == 1


# (f) the customer's rating after a sale --------------------------------------------------------


def open_prompt(page) -> QDialog | None:
    """The rating prompt on screen now (earlier, closed prompts stay the page's children)."""
    shown = [d for d in page.findChildren(QDialog, "npsPrompt") if d.isVisible()]
    assert len(shown) <= 1
    return shown[0] if shown else None


def answer_prompt(qtbot, page, score: int | None) -> dict:
    """Arms a timer that finds the modal rating prompt, then taps `score` (or Esc). A
    watchdog closes a prompt that is still open after 10 s so a failure cannot hang."""
    seen: dict = {}

    def answer():
        prompt = open_prompt(page)
        if prompt is None:
            if not seen.get("gave_up"):
                QTimer.singleShot(20, answer)
            return
        seen["prompt"] = prompt.objectName()
        if score is None:
            prompt.reject()
        else:
            button = prompt.findChild(QPushButton, f"npsScore{score}")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def watchdog():
        seen["gave_up"] = True
        prompt = open_prompt(page)
        if prompt is not None:
            seen["stuck"] = True
            prompt.reject()

    QTimer.singleShot(20, answer)
    seen["watchdog"] = QTimer(page)
    seen["watchdog"].setSingleShot(True)
    seen["watchdog"].timeout.connect(watchdog)
    seen["watchdog"].start(10_000)
    return seen


def reactivate(qtbot, page) -> None:
    """The offscreen platform leaves a closed dialog as the active window; a desktop hands
    activation back to the main window, and window shortcuts (Ctrl+R) need that."""
    window = page.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_ctrl_r_after_a_sale_records_the_customers_rating(qtbot, make_window, counter):
    member = register(counter, "赵敏", "13700001234", actor=counter.manager)
    window = manager_window(qtbot, make_window, counter)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.pages["points"]
    qtbot.waitUntil(page.amount.hasFocus)
    assert not page.nps_button.isVisible()  # no sale yet, nothing to rate

    qtbot.keyClicks(page.amount, "88")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-NPS-1")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R-NPS-1" in page.slip.text())
    assert page.nps_button.isVisible() and page.nps_button.objectName() == "npsButton"

    seen = answer_prompt(qtbot, page, 9)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    seen["watchdog"].stop()
    assert seen.get("prompt") == "npsPrompt", "Ctrl+R did not open the rating prompt"
    assert not seen.get("stuck"), "the prompt stayed open after the score was tapped"

    rows = raw(counter, "SELECT score, reference, member_id, comment FROM nps_response")
    assert rows == [(9, "R-NPS-1", member.id, None)]
    [(payload,)] = raw(counter, "SELECT payload FROM outbox WHERE op_type = 'nps.record'")
    assert json.loads(payload)["score"] == 9
    assert json.loads(payload)["reference"] == "R-NPS-1"
    assert not page.nps_button.isVisible()  # rated: the button goes until the next sale
    reactivate(qtbot, page)
    qtbot.waitUntil(page.amount.hasFocus)

    # a second Ctrl+R has no sale to rate: no prompt, no second answer
    seen = answer_prompt(qtbot, page, None)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    seen["gave_up"] = True
    seen["watchdog"].stop()
    assert "prompt" not in seen
    assert raw(counter, "SELECT count(*) FROM nps_response")[0][0] == 1


def test_skipping_the_rating_keeps_the_button_for_later(qtbot, make_window, counter):
    member = register(counter, "赵敏", "13700001234", actor=counter.manager)
    earn_window = manager_window(qtbot, make_window, counter)
    checkin = earn_window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: earn_window.ctx.member is not None)
    qtbot.keyClick(earn_window, Qt.Key.Key_F2)
    page = earn_window.pages["points"]
    qtbot.waitUntil(page.amount.hasFocus)
    qtbot.keyClicks(page.amount, "20")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-NPS-2")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(page.nps_button.isVisible)

    seen = answer_prompt(qtbot, page, None)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    seen["watchdog"].stop()
    assert seen.get("prompt") == "npsPrompt"
    assert raw(counter, "SELECT count(*) FROM nps_response")[0][0] == 0
    assert page.nps_button.isVisible()
    reactivate(qtbot, page)
    qtbot.waitUntil(page.amount.hasFocus)  # back to the till for the next sale

    # the customer changes their mind: the same sale can still be rated
    seen = answer_prompt(qtbot, page, 7)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    seen["watchdog"].stop()
    assert seen.get("prompt") == "npsPrompt" and not seen.get("stuck")
    assert raw(counter, "SELECT score, reference FROM nps_response") == [(7, "R-NPS-2")]
    assert not page.nps_button.isVisible()


def test_the_rating_prompt_takes_typed_digits_and_ten(qtbot, signed_in_window, counter):
    from ui.dialogs.nps_prompt import NpsPrompt

    for keys, expected in (("7", 7), ("10", 10)):
        prompt = NpsPrompt(signed_in_window.ctx, None, f"R-{expected}")
        qtbot.addWidget(prompt)
        prompt.show()
        prompt.setFocus()
        qtbot.keyClicks(prompt, keys)
        qtbot.waitUntil(lambda p=prompt: p.saved)
    scores = [r[0] for r in raw(counter, "SELECT score FROM nps_response ORDER BY at, score")]
    assert sorted(scores) == [7, 10]
