"""Reports (F8) as a manager uses them: the day's close on screen, on A4 and as CSV."""

import csv
import re

from PySide6.QtCore import Qt

from tests.pdfs import pdf_text
from tests.ui.reports.helpers import CASHIER, EXPECTED, MANAGER, cells, column, raw

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
