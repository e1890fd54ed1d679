"""Reports › at-risk at 1366x768: no header cut short, names and tiers read from the left."""

from PySide6.QtCore import Qt

from tests.ui.reports.helpers import manager_window, open_reports


def test_at_risk_headers_fit_and_words_are_left_aligned(qtbot, make_window, counter, at_risk):
    window = manager_window(qtbot, make_window, counter)
    page = open_reports(qtbot, window)
    page.tabs.setCurrentWidget(page.risk_tab)
    table = page.risk_tab.table
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        needed = header.sectionSizeFromContents(column).width()
        assert header.sectionSize(column) >= needed, table.horizontalHeaderItem(column).text()
    for column in (1, 3):  # name, tier
        alignment = table.item(0, column).textAlignment()
        assert not alignment & Qt.AlignmentFlag.AlignRight
    assert table.item(0, 6).textAlignment() & Qt.AlignmentFlag.AlignRight  # figures
