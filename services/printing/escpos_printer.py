"""Slips straight to a thermal receipt printer in ESC/POS, over USB, serial or the network.

Chinese shops' receipt printers take Chinese as GB18030 (or GBK) bytes once put in
Chinese character mode (FS &); python-escpos's own text encoder knows only single-byte
code pages, so the text is encoded here and sent raw. QR codes use the printer's native
command (GS ( k), which prints sharper and sends far fewer bytes than an image.

A fault (printer off or unreachable, unplugged, out of paper) is a `PrinterError` with a
stable code; the slip can be sent again, and nothing about the sale depends on it.
"""

import contextlib
import socket
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from escpos.exceptions import DeviceNotFoundError
from escpos.exceptions import Error as EscposError

from services.printing.printer_config import PrinterConfig, PrinterError
from services.printing.slips import Line, Pair, Qr, Rule, Slip
from services.protocol import codes as error_codes

if TYPE_CHECKING:
    from escpos.escpos import Escpos

QR_MODULE_DOTS = {80: 6, 58: 4}
NETWORK_TIMEOUT_S = 5.0
STATUS_TIMEOUT_S = 1.0

ESC, GS, FS = b"\x1b", b"\x1d", b"\x1c"
INIT = ESC + b"@"
CHINESE_MODE = FS + b"&"
ALIGN = {"left": ESC + b"a\x00", "centre": ESC + b"a\x01", "right": ESC + b"a\x02"}
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
BIG_ON, BIG_OFF = GS + b"!\x11" + FS + b"!\x0c", GS + b"!\x00" + FS + b"!\x00"
QR_EC_M = 1  # error correction M: survives a crease or a smudge on thermal paper
QR_MODEL_2 = 2


def open_printer(c: PrinterConfig) -> "Escpos":
    """Connects to the printer; print_slips turns a failure into a PrinterError."""
    from escpos.printer import Network, Serial, Usb

    if c.kind == "usb":
        printer = Usb(c.usb_vendor, c.usb_product)
    elif c.kind == "serial":
        printer = Serial(devfile=c.serial_port, baudrate=c.baudrate, timeout=STATUS_TIMEOUT_S)
    else:
        printer = Network(c.host, c.port, timeout=NETWORK_TIMEOUT_S)
    printer.open()
    return printer


Connect = Callable[[PrinterConfig], "Escpos"]


def print_slips(c: PrinterConfig, slips: Iterable[Slip], connect: Connect = open_printer) -> int:
    """Prints each slip and cuts after it; returns how many were printed."""
    try:
        printer = connect(c)
    except (OSError, EscposError, RuntimeError, ValueError) as exc:
        # ValueError: pyusb's NoBackendError, when libusb is not installed.
        raise _fault(c, exc) from None
    count = 0
    try:
        _check_paper(printer)
        for slip in slips:
            write_slip(printer, slip, c)
            count += 1
    except PrinterError:
        raise
    except (OSError, EscposError, RuntimeError) as exc:
        raise _fault(c, exc) from None
    finally:
        # The slip went out, or its fault is already being reported.
        with contextlib.suppress(OSError, EscposError, RuntimeError):
            printer.close()
    return count


def write_slip(printer: "Escpos", slip: Slip, c: PrinterConfig) -> None:
    printer._raw(slip_bytes(slip, c))
    printer.cut()


def slip_bytes(slip: Slip, c: PrinterConfig) -> bytes:
    """The whole slip as one buffer: a slow link gets one write, not a hundred."""
    out = bytearray(INIT + CHINESE_MODE)
    for item in slip.items:
        if isinstance(item, Line):
            out += _line(item, c)
        elif isinstance(item, Pair):
            out += ALIGN["left"] + _encode(_pair(item, c.columns), c) + b"\n"
        elif isinstance(item, Rule):
            out += ALIGN["left"] + b"-" * c.columns + b"\n"
        elif isinstance(item, Qr):
            out += ALIGN["centre"] + qr_command(item.payload, QR_MODULE_DOTS[c.paper_mm])
    out += ALIGN["left"]  # the cut feeds the paper past the cutter
    return bytes(out)


def qr_command(payload: str, module_dots: int) -> bytes:
    """GS ( k: model 2, module size, error correction M, store the data, print it.

    Upper case, as on the PDFs: the codes are read case-insensitively and upper case keeps
    the QR's compact alphanumeric mode.
    """
    data = payload.upper().encode("ascii")

    def fn(code: int, body: bytes) -> bytes:
        size = len(body) + 2
        return GS + b"(k" + bytes((size & 0xFF, size >> 8, 49, code)) + body

    return (
        fn(65, bytes((48 + QR_MODEL_2, 0)))
        + fn(67, bytes((module_dots,)))
        + fn(69, bytes((48 + QR_EC_M,)))
        + fn(80, b"0" + data)
        + fn(81, b"0")
    )


def char_width(ch: str, encoding: str = "gb18030") -> int:
    """Columns a character takes in Chinese mode: a double-byte character prints double width."""
    return sum(1 if len(p.encode(encoding)) == 1 else 2 for p in printable(ch, encoding))


def text_width(text: str, encoding: str = "gb18030") -> int:
    return sum(char_width(ch, encoding) for ch in text)


def wrap(text: str, columns: int, encoding: str = "gb18030") -> list[str]:
    """Breaks by width, character by character: Chinese has no spaces to break at."""
    lines, line, used = [], "", 0
    for ch in text:
        w = char_width(ch, encoding)
        if used + w > columns:
            lines.append(line)
            line, used = ("", 0) if ch == " " else (ch, w)
        else:
            line, used = line + ch, used + w
    lines.append(line)
    return lines


def _line(item: Line, c: PrinterConfig) -> bytes:
    columns = c.columns // 2 if item.big else c.columns
    out = bytearray(ALIGN[item.align])
    out += (BIG_ON if item.big else b"") + (BOLD_ON if item.bold else b"")
    for part in wrap(item.text, columns, c.encoding):
        out += _encode(part, c) + b"\n"
    out += (BOLD_OFF if item.bold else b"") + (BIG_OFF if item.big else b"")
    return bytes(out)


def _pair(pair: Pair, columns: int) -> str:
    gap = columns - text_width(pair.label) - text_width(pair.value)  # GB18030 and GBK agree
    if gap >= 1:
        return pair.label + " " * gap + pair.value
    # Too long for one line: the value goes under its label, at the right.
    value_lines = wrap(pair.value, columns)
    last = value_lines[-1]
    return "\n".join(
        [*wrap(pair.label, columns), *value_lines[:-1], " " * (columns - text_width(last)) + last]
    )


# Characters outside GBK need four bytes in GB18030, which many printers' fonts lack;
# these have a double-byte look-alike every Chinese printer has.
LOOK_ALIKES = {"¥": "￥", "−": "－", "€": "EUR"}


def _double_byte_at_most(ch: str, encoding: str) -> bool:
    try:
        return len(ch.encode(encoding)) <= 2
    except UnicodeEncodeError:
        return False


def printable(text: str, encoding: str = "gb18030") -> str:
    return "".join(
        ch if _double_byte_at_most(ch, encoding) else LOOK_ALIKES.get(ch, "?") for ch in text
    )


def _encode(text: str, c: PrinterConfig) -> bytes:
    return printable(text, c.encoding).encode(c.encoding, errors="replace")


def _check_paper(printer: "Escpos") -> None:
    """Asks the printer for its paper sensor (DLE EOT 4); a printer that does not answer is
    taken at its word, since many print fine without ever replying."""
    device = getattr(printer, "device", None)
    if isinstance(device, socket.socket):
        device.settimeout(STATUS_TIMEOUT_S)
    try:
        status = printer.paper_status()
    except (NotImplementedError, TimeoutError, EscposError, AttributeError):
        return
    except OSError as exc:
        raise PrinterError(error_codes.PRINTER_OFFLINE, reason=type(exc).__name__) from None
    finally:
        if isinstance(device, socket.socket):
            device.settimeout(NETWORK_TIMEOUT_S)
    if status == 0:
        raise PrinterError(error_codes.PRINTER_NO_PAPER)


def _fault(c: PrinterConfig, exc: BaseException) -> PrinterError:
    """Unplugged (USB or serial device gone) or offline (no answer), with the cause's type."""
    reason = type(exc).__name__
    if c.kind in ("usb", "serial") and isinstance(exc, DeviceNotFoundError | FileNotFoundError):
        return PrinterError(error_codes.PRINTER_UNPLUGGED, reason=reason)
    if "SerialException" in reason and c.kind == "serial":
        return PrinterError(error_codes.PRINTER_UNPLUGGED, reason=reason)
    if isinstance(exc, DeviceNotFoundError | OSError):
        return PrinterError(error_codes.PRINTER_OFFLINE, reason=reason)
    return PrinterError(error_codes.PRINTER_FAILED, reason=reason)
