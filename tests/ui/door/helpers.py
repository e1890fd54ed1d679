"""What the door tests share: a scan typed as a scanner types it, the answer read off
`signinResult`, the scanner put down for a while, and counts from the database.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame

from tests.ui.driving import scanner_put_down


def db_count(counter, sql: str) -> int:
    from sqlalchemy import text

    with counter.runtime.reader() as uow:
        return uow.session.scalar(text(sql))


def result(page) -> tuple[str, str, str]:
    panel = page.findChild(QFrame, "signinResult")
    return panel.property("outcome"), page.door.headline.text(), page.door.detail.text()


def seconds_later(page, seconds: float = 3.0) -> None:
    """As if the scanner had been put down for a while: the same read counts again (read
    by the counter's scanner, or typed into the door's field and confirmed)."""
    scanner_put_down(page.window_, seconds)
    page.door._repeats._last_at -= seconds


def scan(qtbot, page, text: str, enter: bool = True):
    field = page.door.scan_input
    with qtbot.waitSignal(page.door.result_shown, timeout=3000) as got:
        qtbot.keyClicks(field, text)
        if enter:
            qtbot.keyClick(field, Qt.Key.Key_Return)
    return got.args[0]


def people_id(door, name: str) -> str:
    return door[1][name][0].id
