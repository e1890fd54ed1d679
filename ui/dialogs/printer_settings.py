"""The Settings page's receipt printer: where slips print (PDF and the print dialog, or an
ESC/POS printer on USB, a serial port or the network), the paper's width and the printer's
Chinese code page, with a test print before saving."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services import core
from services.core import ValidationError
from services.printing.printer_config import PrinterConfig, printer_config
from services.printing.slips import Line, Pair, Qr, Rule, Slip
from services.protocol import codes
from services.rules.permissions import Permission
from ui.dialogs.approval import obtain_approval
from ui.messages import message_for
from ui.printing import print_slips
from ui.widgets import error_label, show_error
from ui.workers import run_in_background

KINDS = ("pdf", "usb", "serial", "network")
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
PAPERS = (80, 58)
ENCODINGS = ("gb18030", "gbk")


class PrinterBox(QGroupBox):
    """What the counter prints slips on now, and the button to change it."""

    def __init__(self, ctx, parent) -> None:
        super().__init__(parent)
        self.setObjectName("printerBox")
        self.ctx = ctx
        self.summary = QLabel(self)
        self.summary.setObjectName("printerSummary")
        self.change = QPushButton(self)
        self.change.setObjectName("printerSettingsButton")
        self.change.clicked.connect(self._open)
        self.error = error_label(self, "printerBoxError")
        row = QHBoxLayout(self)
        row.addWidget(self.summary, 1)
        row.addWidget(self.error)
        row.addWidget(self.change)
        ctx.settings_changed.connect(lambda _s: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Receipt printer"))
        self.summary.setText(describe(self.ctx.settings.printer))
        self.change.setText(self.tr("Printer settings…"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _open(self) -> None:
        dialog = PrinterSettingsDialog(self.ctx, self.ctx.settings.printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._save(dialog.config)
        dialog.deleteLater()

    def _save(self, config: PrinterConfig | None) -> None:
        go, approval = obtain_approval(
            self.ctx, Permission.SETTINGS_MANAGE, self.tr("change the receipt printer"), self
        )
        if not go:
            return
        value = config.as_setting() if config else None
        self.ctx.write(
            core.change_setting,
            "receipt_printer",
            value,
            approval,
            done=self.ctx.set_settings,
            failed=lambda error: show_error(self.error, message_for(error)),
            owner=self,
        )


def describe(config: PrinterConfig | None) -> str:
    if config is None:
        return QCoreApplication.translate(
            "PrinterSettings", "Slips open as a PDF for the print dialog."
        )
    where = {
        "usb": f"USB {config.usb_vendor:04x}:{config.usb_product:04x}",
        "serial": f"{config.serial_port} ({config.baudrate})",
        "network": f"{config.host}:{config.port}",
    }[config.kind]
    return (
        QCoreApplication.translate(
            "PrinterSettings", "ESC/POS receipt printer at %1, %2 mm paper, %3"
        )
        .replace("%1", where)
        .replace("%2", str(config.paper_mm))
        .replace("%3", config.encoding.upper())
    )


class PrinterSettingsDialog(QDialog):
    def __init__(self, ctx, config: PrinterConfig | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerSettingsDialog")
        self.ctx = ctx
        self.config: PrinterConfig | None = config
        self.kind = QComboBox(self)
        self.kind.setObjectName("printerKind")
        self.vendor = QLineEdit(self)
        self.vendor.setObjectName("printerUsbVendor")
        self.vendor.setPlaceholderText("0416")
        self.product = QLineEdit(self)
        self.product.setObjectName("printerUsbProduct")
        self.product.setPlaceholderText("5011")
        self.serial_port = QLineEdit(self)
        self.serial_port.setObjectName("printerSerialPort")
        self.serial_port.setPlaceholderText("/dev/ttyUSB0, COM3")
        self.baudrate = QComboBox(self)
        self.baudrate.setObjectName("printerBaudrate")
        self.baudrate.addItems([str(b) for b in BAUD_RATES])
        self.host = QLineEdit(self)
        self.host.setObjectName("printerHost")
        self.host.setPlaceholderText("192.168.1.87")
        self.port = QSpinBox(self)
        self.port.setObjectName("printerPort")
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        self.paper = QComboBox(self)
        self.paper.setObjectName("printerPaper")
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("printerEncoding")
        self.encoding.addItems([e.upper() for e in ENCODINGS])
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("printerTestPrint")
        self.test_button.clicked.connect(self._test_print)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("printerTestResult")
        self.test_result.setWordWrap(True)
        self.error = error_label(self, "printerSettingsError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(9)]
        fields = (
            self.kind, self.vendor, self.product, self.serial_port, self.baudrate,
            self.host, self.port, self.paper, self.encoding,
        )  # fmt: skip
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.test_result)
        bottom = QHBoxLayout()
        bottom.addWidget(self.test_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.retranslate()
        self._fill(config)
        self.kind.currentIndexChanged.connect(self._show_fields)
        self._show_fields()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Receipt printer"))
        self.kind.clear()
        self.kind.addItems(
            [
                self.tr("PDF and the print dialog"),
                self.tr("ESC/POS printer on USB"),
                self.tr("ESC/POS printer on a serial port"),
                self.tr("ESC/POS printer on the network"),
            ]
        )
        self.paper.clear()
        self.paper.addItems([self.tr("%1 mm").replace("%1", str(p)) for p in PAPERS])
        texts = (
            self.tr("Slips print on"),
            self.tr("USB vendor id (hex)"),
            self.tr("USB product id (hex)"),
            self.tr("Serial port"),
            self.tr("Baud rate"),
            self.tr("Printer address"),
            self.tr("Port"),
            self.tr("Paper width"),
            self.tr("Chinese code page"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.test_button.setText(self.tr("Test print"))

    def _fill(self, c: PrinterConfig | None) -> None:
        if c is None:
            self.kind.setCurrentIndex(0)
            return
        self.kind.setCurrentIndex(KINDS.index(c.kind))
        if c.kind == "usb":
            self.vendor.setText(f"{c.usb_vendor:04x}")
            self.product.setText(f"{c.usb_product:04x}")
        self.serial_port.setText(c.serial_port)
        if c.baudrate in BAUD_RATES:
            self.baudrate.setCurrentIndex(BAUD_RATES.index(c.baudrate))
        self.host.setText(c.host)
        self.port.setValue(c.port)
        self.paper.setCurrentIndex(PAPERS.index(c.paper_mm))
        self.encoding.setCurrentIndex(ENCODINGS.index(c.encoding))

    def _show_fields(self) -> None:
        kind = KINDS[self.kind.currentIndex()]
        own = {
            "pdf": (),
            "usb": (self.vendor, self.product),
            "serial": (self.serial_port, self.baudrate),
            "network": (self.host, self.port),
        }[kind]
        for field in (self.vendor, self.product, self.serial_port, self.baudrate, self.host,
                      self.port):  # fmt: skip
            self.form.setRowVisible(field, field in own)
        for field in (self.paper, self.encoding):
            self.form.setRowVisible(field, kind != "pdf")
        self.test_button.setVisible(kind != "pdf")

    def chosen(self) -> PrinterConfig | None:
        """The form as a checked config; raises ValidationError (printer.bad_setting)."""
        kind = KINDS[self.kind.currentIndex()]
        if kind == "pdf":
            return None
        return printer_config(
            {
                "kind": kind,
                "usb_vendor": _hex(self.vendor.text()) if kind == "usb" else 0,
                "usb_product": _hex(self.product.text()) if kind == "usb" else 0,
                "serial_port": self.serial_port.text().strip() if kind == "serial" else "",
                "baudrate": BAUD_RATES[self.baudrate.currentIndex()],
                "host": self.host.text().strip() if kind == "network" else "",
                "port": self.port.value(),
                "paper_mm": PAPERS[self.paper.currentIndex()],
                "encoding": ENCODINGS[self.encoding.currentIndex()],
            }
        )

    def _accept(self) -> None:
        try:
            self.config = self.chosen()
        except ValidationError as error:
            show_error(self.error, message_for(error))
            return
        self.accept()

    def _test_print(self) -> None:
        try:
            config = self.chosen()
        except ValidationError as error:
            show_error(self.error, message_for(error))
            return
        slip = test_slip(self.ctx.identity.store_name, self.ctx.identity.counter_label, config)
        self.test_result.setText(self.tr("Printing a test slip…"))
        self.test_button.setEnabled(False)

        def done(_count: int) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(
                self.tr("The test slip was printed. Check that the Chinese and the QR code read.")
            )

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(message_for(error))

        run_in_background(lambda: print_slips(config, [slip]), done, failed, owner=self)


def test_slip(store_name: str, counter_label: str, config: PrinterConfig) -> Slip:
    """A slip that shows at a glance whether the width, the code page and the QR are right."""
    ruler = "".join(str(i % 10) for i in range(1, config.columns + 1))
    return Slip(
        QCoreApplication.translate("PrinterSettings", "Test print"),
        (
            Line(store_name, "centre", bold=True),
            Line(QCoreApplication.translate("PrinterSettings", "Test print"), "centre", big=True),
            Rule(),
            Pair(QCoreApplication.translate("PrinterSettings", "Counter"), counter_label),
            Pair(QCoreApplication.translate("PrinterSettings", "Paper"), f"{config.paper_mm} mm"),
            Pair(
                QCoreApplication.translate("PrinterSettings", "Code page"), config.encoding.upper()
            ),
            Line("中文：会员积分 优惠券 ￥88.00"),
            Line(ruler),
            Qr("LCTEST"),
            Line(
                QCoreApplication.translate(
                    "PrinterSettings", "A scanner reads the code above as LCTEST."
                ),
                "centre",
            ),
        ),
    )


def _hex(text: str) -> int:
    try:
        return int(text.strip().removeprefix("0x"), 16)
    except ValueError:
        raise ValidationError(codes.PRINTER_BAD_SETTING, field="usb") from None
