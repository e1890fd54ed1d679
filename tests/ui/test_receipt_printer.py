"""The receipt printer at the till, driven as a person does: set it up in Settings with a
test print, then a sale's slip goes straight to it; a printer fault says what is wrong,
the sale stays, and Print again prints it."""

import socket
import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from models.db import database_path
from services.core import settings as settings_service
from services.members import accounts as members
from services.members.accounts import NewMember
from services.printing.escpos_preview import printed_qr_codes, printed_text
from services.printing.printer_config import PrinterConfig, PrinterError
from tests.ui.driving import sign_in_as
from ui.dialogs.printer_settings import PrinterSettingsDialog
from ui.messages import message_for

MEMBER = "赵敏"


class LoopbackPrinter:
    """A network receipt printer on 127.0.0.1: keeps what each connection sent."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                data = bytearray()
                while chunk := conn.recv(65536):
                    data.extend(chunk)
                self.jobs.append(bytes(data))

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def printer():
    p = LoopbackPrinter()
    yield p
    p.close()


@pytest.fixture
def points_page(qtbot, make_window, counter):
    member = members.register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember(MEMBER, "13700001234", 7, 7),
    )
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.pages["points"]
    qtbot.waitUntil(lambda: page.amount.hasFocus())
    page.window_ = window
    return page


def use_printer(window, counter, config: PrinterConfig) -> None:
    saved = settings_service.change_setting(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        "receipt_printer",
        config.as_setting(),
    )
    window.ctx.set_settings(saved)


def sell(qtbot, page, amount: str, receipt: str) -> None:
    qtbot.keyClicks(page.amount, amount)
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, receipt)
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: receipt in page.slip.text())


def test_settings_test_print_then_save(qtbot, points_page, printer, counter):
    window = points_page.window_
    qtbot.keyClick(window, Qt.Key.Key_F9)
    box = window.pages["settings"].printer
    assert "PDF" in box.summary.text()

    dialog = PrinterSettingsDialog(window.ctx, None, box)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(3)  # the network
    assert dialog.form.isRowVisible(dialog.host) and not dialog.form.isRowVisible(dialog.vendor)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.error.isVisible() and dialog.isVisible()  # no address: not saved
    qtbot.keyClicks(dialog.host, "127.0.0.1")
    dialog.port.setValue(printer.port)
    dialog.paper.setCurrentIndex(1)  # 58 mm
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and bool(printer.jobs), timeout=10000)
    lines = printed_text(printer.jobs[0])
    assert "中文：会员积分 优惠券 ￥88.00" in lines
    assert "12345678901234567890123456789012" in lines  # 32 columns on 58 mm paper
    assert printed_qr_codes(printer.jobs[0]) == ["LCTEST"]

    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.config == PrinterConfig("network", host="127.0.0.1", port=printer.port,
                                          paper_mm=58)  # fmt: skip
    box._save(dialog.config)  # what Save in the dialog leads to
    qtbot.waitUntil(lambda: window.ctx.settings.printer == dialog.config)
    assert f"127.0.0.1:{printer.port}" in box.summary.text()


def test_the_sales_slip_goes_straight_to_the_receipt_printer(
    qtbot, points_page, printer, counter, monkeypatch
):
    offered = []
    monkeypatch.setattr("ui.pages.points_slip.offer_pdf", lambda path, *a: offered.append(path))
    config = PrinterConfig("network", host="127.0.0.1", port=printer.port)
    use_printer(points_page.window_, counter, config)
    sell(qtbot, points_page, "88", "R-88")
    qtbot.keyClick(points_page.print_slip_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(printer.jobs), timeout=10000)
    lines = [" ".join(line.split()) for line in printed_text(printer.jobs[0])]
    assert "Receipt R-88" in lines and f"Member {MEMBER}" in lines
    assert offered == []  # no PDF, no dialog
    status = points_page.window_.statusBar()
    qtbot.waitUntil(lambda: "receipt printer" in status.currentMessage())


def test_a_printer_fault_is_told_the_sale_stays_and_print_again_prints(
    qtbot, points_page, counter, monkeypatch
):
    sent = []

    def flaky(config, slips):
        if not sent:
            sent.append(None)
            raise PrinterError("printer.no_paper")
        sent.append(slips)
        return len(slips)

    monkeypatch.setattr("ui.printing.print_slips", flaky)
    use_printer(
        points_page.window_, counter, PrinterConfig("usb", usb_vendor=0x0416, usb_product=0x5011)
    )
    sell(qtbot, points_page, "120", "R-120")
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "printerFaultDialog":
            QTimer.singleShot(50, answer)
            return
        seen["text"] = box.text()
        again = next(b for b in box.buttons() if b.text() == "Print again")
        again.click()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(points_page.print_slip_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(sent) == 2, timeout=10000)
    assert seen["text"] == message_for(PrinterError("printer.no_paper"))
    assert "Receipt R-120" in [line.text for line in sent[1][0].items if hasattr(line, "text")]
    with sqlite3.connect(database_path(counter.runtime.data_dir)) as db:
        (count,) = db.execute("SELECT count(*) FROM purchase WHERE receipt_no = 'R-120'").fetchone()
    assert count == 1  # the sale stayed through the fault


def test_the_pdf_offer_speaks_the_counters_language(qtbot, make_window, tmp_path):
    from ui.printing import offer_pdf

    window = make_window("zh_CN")
    seen = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, read_and_close)
            return
        seen["buttons"] = {b.text() for b in box.buttons()}
        seen["text"] = box.text()
        box.reject()

    QTimer.singleShot(0, read_and_close)
    offer_pdf(tmp_path / "slip.pdf", window, "小票", "slip.pdf")
    assert {"打印…", "另存为 PDF…"} <= seen["buttons"]
    assert seen["text"].startswith("PDF 已生成：")
