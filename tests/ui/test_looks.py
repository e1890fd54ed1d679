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
