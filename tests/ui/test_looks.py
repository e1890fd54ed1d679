"""What the style sheet draws: combo boxes (the language box, the event picker) show their
drop-down arrow."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox

from resources import resource_path
from ui.app import create_app


def _darkest_in(image, left: int) -> int:
    return min(
        QColor(image.pixel(x, y)).lightness()
        for x in range(left, image.width() - 4)
        for y in range(4, image.height() - 4)
    )


def test_a_combo_box_shows_its_drop_down_arrow(qtbot, qapp):
    style = qapp.styleSheet()
    try:
        create_app()  # registers where the style sheet's images are
    finally:
        qapp.setStyleSheet(style)
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    combo.addItems(["中文", "English"])
    combo.resize(220, 44)
    combo.show()
    qtbot.waitExposed(combo)
    image = combo.grab().toImage()
    # The arrow's strokes sit in the last 26 pixels, where the text never reaches.
    assert _darkest_in(image, image.width() - 26) < 160


def _styled(widget) -> None:
    widget.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))


def test_a_right_aligned_figure_keeps_clear_of_the_next_column(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    for name in ("pointsHistory", "riskTable"):
        table = QTableWidget(1, 2)
        table.setObjectName(name)
        qtbot.addWidget(table)
        _styled(table)
        table.setShowGrid(False)
        item = QTableWidgetItem("+4,599")
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(0, 0, item)
        table.resize(400, 120)
        table.show()
        qtbot.waitExposed(table)
        image = table.viewport().grab().toImage()
        right = table.columnViewportPosition(0) + table.columnWidth(0)
        ink = [
            x
            for x in range(right)
            for y in range(table.rowViewportPosition(0), table.rowHeight(0))
            if QColor(image.pixel(x, y)).lightness() < 128
        ]
        assert ink, name
        assert right - max(ink) >= 6, name  # not touching the next column's text


def test_the_expiring_points_line_is_readable(qtbot):
    from datetime import UTC, datetime

    from services.members.check_in import MemberCard
    from ui.member_card import MemberCardPanel

    panel = MemberCardPanel("Asia/Shanghai")
    qtbot.addWidget(panel)
    _styled(panel)
    card = MemberCard(
        "m1",
        "T001-1-000001",
        "陈安娜",
        "138****8000",
        "silver",
        500,
        120,
        datetime(2026, 1, 1, tzinfo=UTC),
        False,
        False,
        (),
        (),
        0,
    )
    panel.show_member(card)
    panel.show()
    qtbot.waitExposed(panel)
    number = panel.number.font().pointSizeF()
    expiring = panel.expiring
    assert expiring.font().pointSizeF() > number  # not the small print
    assert expiring.font().bold()
    colour = expiring.palette().color(expiring.foregroundRole())
    assert colour.saturation() > 150  # a warning colour, not grey
