"""Reports fixtures: a worked day and its close tab, members at risk, and the PDFs offered
for printing.
"""

import pytest

from tests.factories import earn, register
from tests.ui.reports.helpers import local_day, manager_window, open_reports, settle


@pytest.fixture
def offered(monkeypatch) -> list:
    """PDFs that would have been offered for printing (no modal box in tests)."""
    paths: list = []
    monkeypatch.setattr("ui.pages.reports_page.offer_pdf", lambda path, *a: paths.append(path))
    monkeypatch.setattr("ui.coupon_printing.offer_pdf", lambda path, *a: paths.append(path))
    return paths


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


@pytest.fixture
def close_tab(qtbot, make_window, counter, worked_day):
    window = manager_window(qtbot, make_window, counter)
    page = open_reports(qtbot, window)
    tab = page.close_tab
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3)
    settle(qtbot)
    return window, page, tab


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
