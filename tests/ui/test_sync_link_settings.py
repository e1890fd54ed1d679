"""Settings shows how the counter reaches its centre: an insecure link (--insecure) in red,
a loopback or pinned HTTPS link plainly; the system proxy is a manager's switch."""

from PySide6.QtWidgets import QCheckBox, QLabel

from services import sync
from services.sync.client import LinkSecurity
from tests.central.harness import central_sqlite  # noqa: F401  (fixture)


def _enroll(counter, central, url: str, link: LinkSecurity) -> None:
    central.create_store()
    sync.enroll(
        counter.runtime.writer,
        counter.manager,
        counter.runtime.now(),
        url,
        central.enrollment_code(),
        central.http,
        link,
    )


def _shown(qtbot, window) -> tuple[QLabel, QCheckBox]:
    window.go_to(8)  # F9 Settings
    page = window.pages["settings"]
    page.refresh_link()
    label = page.findChild(QLabel, "linkSecurity")
    qtbot.waitUntil(lambda: "Not enrolled" not in label.text(), timeout=5000)
    return label, page.findChild(QCheckBox, "systemProxy")


def test_an_insecure_link_is_shown_in_red(qtbot, signed_in_window, counter, central_sqlite):
    _enroll(counter, central_sqlite, "http://10.20.30.40:8470", LinkSecurity(insecure=True))
    label, _proxy = _shown(qtbot, signed_in_window)
    assert "INSECURE" in label.text()
    assert label.property("insecure") is True and "#c62828" in label.styleSheet()


def test_a_loopback_link_is_not_red_and_the_proxy_switch_is_kept(
    qtbot, signed_in_window, counter, central_sqlite
):
    _enroll(counter, central_sqlite, "http://127.0.0.1:8470", LinkSecurity())
    label, proxy = _shown(qtbot, signed_in_window)
    assert "INSECURE" not in label.text() and label.property("insecure") is False
    assert "Centre key" in label.text()
    assert proxy.isEnabled() and not proxy.isChecked()
    proxy.click()
    qtbot.waitUntil(lambda: sync.link_status(counter.runtime.reader).system_proxy, timeout=5000)
    assert sync.load_state(counter.runtime.reader).system_proxy


def test_enrolling_from_settings_shows_the_link_at_once(qtbot, signed_in_window, central_sqlite):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit, QPushButton

    window = signed_in_window
    central_sqlite.create_store()
    window.go_to(8)
    page = window.pages["settings"]
    label = page.findChild(QLabel, "linkSecurity")
    qtbot.waitUntil(lambda: "Not enrolled" in label.text(), timeout=5000)
    box = page.enrollment
    box._http = central_sqlite.http
    box.findChild(QLineEdit, "centralUrl").setText("http://127.0.0.1:8470")
    qtbot.keyClicks(box.findChild(QLineEdit, "enrollmentCode"), central_sqlite.enrollment_code())
    qtbot.mouseClick(box.findChild(QPushButton, "enrollButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Plain HTTP on this machine" in label.text(), timeout=10_000)
