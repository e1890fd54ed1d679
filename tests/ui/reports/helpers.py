"""What the reports tests share: the counter's file read through plain sqlite3, a manager's
window on Reports (F8) and the cells of a table (the text of a PDF: tests.pdfs).
"""

import sqlite3
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from models.db import database_path
from tests.ui.driving import sign_in_as
from ui.workers import wait_for_background

MANAGER, CASHIER = "王经理", "李收银"


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


def column(table, header: str) -> int:
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return headers.index(header)


def cells(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


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


# by hand, for the day: 王经理 500 points, 2 new members; 李收银 150 points, 1 new member
EXPECTED = {MANAGER: ("500", "2"), CASHIER: ("150", "1"), "Total": ("650", "3")}
