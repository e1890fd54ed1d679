"""The receipt printer a counter prints slips on: checked settings, no printer library.

Kept apart from escpos_printer so reading the settings does not load python-escpos.
"""

from dataclasses import asdict, dataclass
from typing import Any

from services.core.errors import LoyaltyError, ValidationError
from services.protocol import codes

KINDS = ("usb", "serial", "network")
PAPER_COLUMNS = {80: 48, 58: 32}  # characters of font A (12 x 24 dots) across the paper
ENCODINGS = ("gb18030", "gbk")


class PrinterError(LoyaltyError):
    default_code = "printer.failed"


@dataclass(frozen=True)
class PrinterConfig:
    """A counter's receipt printer; stored as a dict in the `receipt_printer` setting."""

    kind: str  # usb, serial, network
    usb_vendor: int = 0
    usb_product: int = 0
    serial_port: str = ""
    baudrate: int = 9600
    host: str = ""
    port: int = 9100
    paper_mm: int = 80
    encoding: str = "gb18030"

    @property
    def columns(self) -> int:
        return PAPER_COLUMNS[self.paper_mm]

    def as_setting(self) -> dict[str, Any]:
        return asdict(self)


def printer_config(value: Any) -> PrinterConfig | None:
    """The setting's value checked; None means slips go to a PDF and the print dialog."""
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= set(PrinterConfig.__annotations__):
        raise ValidationError(codes.PRINTER_BAD_SETTING, field="receipt_printer")
    try:
        config = PrinterConfig(**value)
    except TypeError:
        raise ValidationError(codes.PRINTER_BAD_SETTING, field="kind") from None
    _check(config)
    return config


def _check(c: PrinterConfig) -> None:
    def bad(field: str) -> ValidationError:
        return ValidationError(codes.PRINTER_BAD_SETTING, field=field)

    if c.kind not in KINDS:
        raise bad("kind")
    if c.paper_mm not in PAPER_COLUMNS:
        raise bad("paper_mm")
    if c.encoding not in ENCODINGS:
        raise bad("encoding")
    ints = (c.usb_vendor, c.usb_product, c.baudrate, c.port)
    if any(not isinstance(v, int) or isinstance(v, bool) for v in ints):
        raise bad("number")
    if c.kind == "usb" and not (0 < c.usb_vendor <= 0xFFFF and 0 < c.usb_product <= 0xFFFF):
        raise bad("usb")
    if c.kind == "serial" and (not c.serial_port.strip() or c.baudrate <= 0):
        raise bad("serial_port")
    if c.kind == "network" and (not c.host.strip() or not 0 < c.port <= 0xFFFF):
        raise bad("host")
